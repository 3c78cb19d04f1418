package io.torii.dataplane.spd;

import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * Reads the selector fields of a cleartext IP packet: family, source and destination addresses, the
 * next-layer protocol and its ports. Reusable and allocation-free; results stay in the fields until
 * the next {@link #read}.
 *
 * <p>Ports are known for TCP, UDP, DCCP, SCTP and UDP-Lite (source and destination port) and for
 * ICMP and ICMPv6 (type and code as one 16-bit value, in both port fields). They are unknown, RFC
 * 4301's OPAQUE, for other protocols and for fragments after the first, whose bytes after the IP
 * header are the middle of a datagram. An IPv6 packet's protocol is the first header after
 * Hop-by-Hop, Routing, Destination Options and Fragment headers; for a later fragment it is the
 * Fragment header's next header, which names an extension header when the fragmented part starts
 * with one (such a fragment then matches only any-protocol selectors).
 */
final class PacketSelectorFields
{
    private static final int MAX_EXTENSION_HEADERS = 16;
    private static final int FRAGMENT_OFFSET_MASK_V4 = 0x1FFF;
    private static final int FRAGMENT_OFFSET_MASK_V6 = 0xFFF8;

    int family;
    long sourceHigh;
    long sourceLow;
    long destinationHigh;
    long destinationLow;
    int protocol;
    int sourcePort;
    int destinationPort;
    boolean portsKnown;

    /**
     * @param buffer the packet.
     * @param offset where the IP header starts.
     * @param length bytes available from offset.
     * @return false when the packet is not a well-formed IPv4 or IPv6 packet, or is a first or only
     *         fragment too short to hold the ports its protocol must carry.
     */
    boolean read(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1 || offset < 0 || offset + length > buffer.capacity())
        {
            return false;
        }
        final int version = (buffer.getByte(offset) & 0xF0) >>> 4;
        if (version == 4)
        {
            return readIpv4(buffer, offset, length);
        }
        return version == 6 && readIpv6(buffer, offset, length);
    }

    private boolean readIpv4(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < Ipv4HeaderFlyweight.MIN_LENGTH)
        {
            return false;
        }
        final int headerLength = (buffer.getByte(offset) & 0x0F) * 4;
        final int totalLength = buffer.getShort(offset + Ipv4HeaderFlyweight.TOTAL_LENGTH_OFFSET,
            ByteOrder.BIG_ENDIAN) & 0xFFFF;
        if (headerLength < Ipv4HeaderFlyweight.MIN_LENGTH || totalLength < headerLength || totalLength > length)
        {
            return false;
        }
        family = 4;
        sourceHigh = 0;
        sourceLow = buffer.getInt(offset + Ipv4HeaderFlyweight.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        destinationHigh = 0;
        destinationLow = buffer.getInt(offset + Ipv4HeaderFlyweight.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN) &
            0xFFFF_FFFFL;
        protocol = buffer.getByte(offset + Ipv4HeaderFlyweight.PROTOCOL_OFFSET) & 0xFF;
        final int fragmentOffset = buffer.getShort(offset + Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET,
            ByteOrder.BIG_ENDIAN) & FRAGMENT_OFFSET_MASK_V4;
        return readPorts(buffer, offset + headerLength, offset + totalLength, fragmentOffset != 0);
    }

    private boolean readIpv6(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < Ipv6HeaderFlyweight.LENGTH)
        {
            return false;
        }
        final int payloadLength = buffer.getShort(offset + Ipv6HeaderFlyweight.PAYLOAD_LENGTH_OFFSET,
            ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int end = offset + Ipv6HeaderFlyweight.LENGTH + payloadLength;
        if (end > offset + length)
        {
            return false;
        }
        family = 6;
        sourceHigh = buffer.getLong(offset + Ipv6HeaderFlyweight.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
        sourceLow = buffer.getLong(offset + Ipv6HeaderFlyweight.SOURCE_OFFSET + 8, ByteOrder.BIG_ENDIAN);
        destinationHigh = buffer.getLong(offset + Ipv6HeaderFlyweight.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
        destinationLow = buffer.getLong(offset + Ipv6HeaderFlyweight.DESTINATION_OFFSET + 8, ByteOrder.BIG_ENDIAN);
        int next = buffer.getByte(offset + Ipv6HeaderFlyweight.NEXT_HEADER_OFFSET) & 0xFF;
        int current = offset + Ipv6HeaderFlyweight.LENGTH;
        for (int i = 0; i < MAX_EXTENSION_HEADERS; i++)
        {
            if (next != IpProtocols.HOP_BY_HOP && next != IpProtocols.ROUTING && next != IpProtocols.FRAGMENT &&
                next != IpProtocols.DESTINATION_OPTIONS)
            {
                protocol = next;
                return current <= end && readPorts(buffer, current, end, false);
            }
            if (current + 8 > end)
            {
                return false;
            }
            final int following = buffer.getByte(current) & 0xFF;
            if (next == IpProtocols.FRAGMENT)
            {
                final int fragmentOffset = buffer.getShort(current + 2, ByteOrder.BIG_ENDIAN) & FRAGMENT_OFFSET_MASK_V6;
                if (fragmentOffset != 0)
                {
                    // The rest is the middle of a datagram: its protocol is named, its ports are not there.
                    protocol = following;
                    portsKnown = false;
                    sourcePort = 0;
                    destinationPort = 0;
                    return true;
                }
                current += 8;
            }
            else
            {
                current += ((buffer.getByte(current + 1) & 0xFF) + 1) * 8;
            }
            next = following;
        }
        return false;
    }

    private boolean readPorts(final DirectBuffer buffer, final int start, final int end, final boolean laterFragment)
    {
        sourcePort = 0;
        destinationPort = 0;
        portsKnown = false;
        if (laterFragment)
        {
            return true;
        }
        if (SelectorProtocols.hasPorts(protocol))
        {
            if (start + 4 > end)
            {
                return false;
            }
            sourcePort = buffer.getShort(start, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            destinationPort = buffer.getShort(start + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            portsKnown = true;
        }
        else if (SelectorProtocols.isIcmp(protocol))
        {
            if (start + 2 > end)
            {
                return false;
            }
            sourcePort = buffer.getShort(start, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            destinationPort = sourcePort;
            portsKnown = true;
        }
        return true;
    }
}
