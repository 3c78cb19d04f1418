package io.torii.dataplane.packet;

import io.torii.dataplane.status.Disposition;
import org.agrona.MutableDirectBuffer;

/**
 * Reads the IP layer of a packet, IPv4 or IPv6, up to where ESP or AH sits or would be inserted:
 * after the IPv4 header, or after the IPv6 extension headers that precede IPsec (RFC 4303 §3.1.1).
 * Reusable and allocation-free: results are in this object's fields until the next parse.
 */
public final class IpPacketParser
{
    private final Ipv4HeaderFlyweight ipv4 = new Ipv4HeaderFlyweight();
    private final Ipv6HeaderFlyweight ipv6 = new Ipv6HeaderFlyweight();
    private final Ipv6ExtensionHeaders extensions = new Ipv6ExtensionHeaders();

    private int version;
    private int headerEnd;
    private int packetEnd;
    private int protocol;
    private int protocolFieldIndex;
    private int trafficClass;
    private boolean fragment;

    /**
     * @param buffer the packet's bytes.
     * @param offset where the IP header starts.
     * @param length bytes available from {@code offset}; bytes past the IP length (link padding) are ignored.
     * @return {@link Disposition#OK}, {@link Disposition#TOO_SHORT} or {@link Disposition#MALFORMED}.
     */
    public Disposition parse(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            return Disposition.TOO_SHORT;
        }
        version = (buffer.getByte(offset) & 0xF0) >>> 4;
        if (version == 4)
        {
            if (length < Ipv4HeaderFlyweight.MIN_LENGTH)
            {
                return Disposition.TOO_SHORT;
            }
            ipv4.wrap(buffer, offset);
            if (!ipv4.isValid(length))
            {
                return Disposition.MALFORMED;
            }
            headerEnd = offset + ipv4.headerLength();
            packetEnd = offset + ipv4.totalLength();
            protocol = ipv4.protocol();
            protocolFieldIndex = offset + Ipv4HeaderFlyweight.PROTOCOL_OFFSET;
            trafficClass = ipv4.tos();
            fragment = ipv4.isFragment();
            return Disposition.OK;
        }
        if (version == 6)
        {
            if (length < Ipv6HeaderFlyweight.LENGTH)
            {
                return Disposition.TOO_SHORT;
            }
            ipv6.wrap(buffer, offset);
            if (!ipv6.isValid(length))
            {
                return Disposition.MALFORMED;
            }
            packetEnd = offset + Ipv6HeaderFlyweight.LENGTH + ipv6.payloadLength();
            if (extensions.walk(buffer, offset, packetEnd) != Ipv6ExtensionHeaders.OK)
            {
                return Disposition.MALFORMED;
            }
            headerEnd = extensions.headerOffset();
            protocol = extensions.protocol();
            protocolFieldIndex = extensions.nextHeaderFieldIndex();
            trafficClass = (ipv6.versionClassFlow() >>> 20) & 0xFF;
            fragment = extensions.sawFragment();
            return Disposition.OK;
        }
        return Disposition.MALFORMED;
    }

    /** @return 4 or 6. */
    public int version()
    {
        return version;
    }

    /** @return the index after the IP header and the extension headers that precede IPsec. */
    public int headerEnd()
    {
        return headerEnd;
    }

    /** @return the index after the packet's last byte, from the IP length fields. */
    public int packetEnd()
    {
        return packetEnd;
    }

    /** @return the protocol at {@link #headerEnd()}. */
    public int protocol()
    {
        return protocol;
    }

    /** @return the index of the byte naming {@link #protocol()}: IPv4's protocol or an IPv6 next-header field. */
    public int protocolFieldIndex()
    {
        return protocolFieldIndex;
    }

    /** @return the IPv4 TOS or IPv6 traffic class byte. */
    public int trafficClass()
    {
        return trafficClass;
    }

    /** @return true when the packet is a fragment. */
    public boolean isFragment()
    {
        return fragment;
    }
}
