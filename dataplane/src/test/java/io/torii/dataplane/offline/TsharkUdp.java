package io.torii.dataplane.offline;

/**
 * Completes the UDP datagrams of {@link io.torii.dataplane.testing.Packets#udp} with a real
 * checksum (RFC 768, RFC 8200 §8.1), which IPv6 requires and tshark checks when asked: then a bad
 * inner checksum after decryption can only mean Torii changed the packet.
 */
final class TsharkUdp
{
    /** The UDP header's length. */
    static final int UDP_HEADER_LENGTH = 8;

    private static final int IPV6_HEADER_LENGTH = 40;
    private static final int CHECKSUM_OFFSET = 6;
    private static final int PROTOCOL_UDP = 17;

    private TsharkUdp()
    {
    }

    /**
     * @param packet an IPv4 or IPv6 packet whose header is followed directly by UDP.
     * @return its IP header length.
     */
    static int headerLength(final byte[] packet)
    {
        return (packet[0] & 0xF0) == 0x60 ? IPV6_HEADER_LENGTH : (packet[0] & 0x0F) * 4;
    }

    /**
     * @param packet an IPv4 or IPv6 packet whose header is followed directly by UDP; changed in place.
     * @return the same packet, its UDP checksum set.
     */
    static byte[] withChecksum(final byte[] packet)
    {
        final boolean ipv6 = (packet[0] & 0xF0) == 0x60;
        final int udp = headerLength(packet);
        final int udpLength = packet.length - udp;
        packet[udp + CHECKSUM_OFFSET] = 0;
        packet[udp + CHECKSUM_OFFSET + 1] = 0;

        // Pseudo-header: the addresses, the protocol and the UDP length.
        long sum = ipv6 ? sum(packet, 8, 32) : sum(packet, 12, 8);
        sum += PROTOCOL_UDP + udpLength;
        sum += sum(packet, udp, udpLength);
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int checksum = (int)(~sum & 0xFFFF);
        if (checksum == 0)
        {
            // Zero means "no checksum" on the wire; RFC 768 sends its one's-complement twin.
            checksum = 0xFFFF;
        }
        packet[udp + CHECKSUM_OFFSET] = (byte)(checksum >>> 8);
        packet[udp + CHECKSUM_OFFSET + 1] = (byte)checksum;
        return packet;
    }

    private static long sum(final byte[] bytes, final int offset, final int length)
    {
        long sum = 0;
        for (int i = 0; i < length; i += 2)
        {
            final int high = bytes[offset + i] & 0xFF;
            final int low = i + 1 < length ? bytes[offset + i + 1] & 0xFF : 0;
            sum += high << 8 | low;
        }
        return sum;
    }
}
