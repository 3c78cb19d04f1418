package io.torii.dataplane.packet;

import org.agrona.DirectBuffer;

/**
 * Walks an IPv6 extension-header chain (RFC 8200 §4) to where ESP or AH goes or is.
 *
 * <p>Results are returned through the fields of this reusable walker, so the walk allocates
 * nothing. Every length is checked against the packet's end.
 * <pre>
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Next Header  |  Hdr Ext Len  |   header-specific data ...    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   length = (Hdr Ext Len + 1) * 8; the Fragment header is always 8 bytes.
 * </pre>
 */
public final class Ipv6ExtensionHeaders
{
    /** The walk succeeded. */
    public static final int OK = 0;
    /** A header runs past the packet or the chain is too long. */
    public static final int MALFORMED = 1;

    private static final int MAX_HEADERS = 16;

    private int headerOffset;
    private int protocol;
    private int nextHeaderFieldIndex;
    private boolean fragment;

    /**
     * Finds the first header that is not one of those that precede ESP/AH in transport mode:
     * Hop-by-Hop, Routing, Fragment and Destination Options are skipped (RFC 4303 §3.1.1 places ESP
     * after them; a Destination Options header may go either side, and Torii keeps it before).
     * Stops at ESP, AH or any upper-layer protocol.
     *
     * @param buffer the packet.
     * @param ipv6Offset where the IPv6 header starts.
     * @param end the index after the packet's last byte.
     * @return {@link #OK} with {@link #headerOffset()}, {@link #protocol()} and
     *         {@link #nextHeaderFieldIndex()} set, or {@link #MALFORMED}.
     */
    public int walk(final DirectBuffer buffer, final int ipv6Offset, final int end)
    {
        int nextField = ipv6Offset + Ipv6HeaderFlyweight.NEXT_HEADER_OFFSET;
        int current = ipv6Offset + Ipv6HeaderFlyweight.LENGTH;
        int next = buffer.getByte(nextField) & 0xFF;
        fragment = false;
        for (int i = 0; i < MAX_HEADERS; i++)
        {
            if (!isSkippedExtension(next))
            {
                headerOffset = current;
                protocol = next;
                nextHeaderFieldIndex = nextField;
                return current <= end ? OK : MALFORMED;
            }
            if (current + 8 > end)
            {
                return MALFORMED;
            }
            fragment |= next == IpProtocols.FRAGMENT;
            final int length = next == IpProtocols.FRAGMENT ? 8 : ((buffer.getByte(current + 1) & 0xFF) + 1) * 8;
            nextField = current;
            next = buffer.getByte(current) & 0xFF;
            current += length;
        }
        return MALFORMED;
    }

    /**
     * @param nextHeader a next-header value.
     * @return true for the extension headers that stay in front of ESP/AH.
     */
    public static boolean isSkippedExtension(final int nextHeader)
    {
        return nextHeader == IpProtocols.HOP_BY_HOP || nextHeader == IpProtocols.ROUTING ||
            nextHeader == IpProtocols.FRAGMENT || nextHeader == IpProtocols.DESTINATION_OPTIONS;
    }

    /** @return where the found header starts. */
    public int headerOffset()
    {
        return headerOffset;
    }

    /** @return the found header's protocol number. */
    public int protocol()
    {
        return protocol;
    }

    /** @return true when the chain holds a Fragment header: the packet is a fragment. */
    public boolean sawFragment()
    {
        return fragment;
    }

    /** @return the index of the next-header byte that names the found header. */
    public int nextHeaderFieldIndex()
    {
        return nextHeaderFieldIndex;
    }
}
