package io.torii.dataplane.packet;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Upper-layer checksums over IPv6 (RFC 8200 §8.1), where UDP's checksum is mandatory.
 */
public final class Ipv6Checksums
{
    private Ipv6Checksums()
    {
    }

    /**
     * Computes and stores the UDP checksum of a datagram carried by an IPv6 header.
     *
     * @param buffer the packet.
     * @param ipv6Offset where the IPv6 header starts (for the addresses).
     * @param udpOffset where the UDP header starts.
     * @param udpLength UDP header plus payload.
     */
    public static void updateUdp(final MutableDirectBuffer buffer, final int ipv6Offset, final int udpOffset,
        final int udpLength)
    {
        buffer.putShort(udpOffset + UdpHeaderFlyweight.CHECKSUM_OFFSET, (short)0);
        int sum = pseudoHeader(buffer, ipv6Offset, udpLength, IpProtocols.UDP);
        sum = InternetChecksum.sum(buffer, udpOffset, udpLength, sum);
        int checksum = InternetChecksum.finish(sum);
        if (checksum == 0)
        {
            checksum = 0xFFFF;
        }
        buffer.putShort(udpOffset + UdpHeaderFlyweight.CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
    }

    private static int pseudoHeader(final DirectBuffer buffer, final int ipv6Offset, final int length,
        final int nextHeader)
    {
        int sum = InternetChecksum.sum(buffer, ipv6Offset + Ipv6HeaderFlyweight.SOURCE_OFFSET,
            2 * Ipv6HeaderFlyweight.ADDRESS_LENGTH, 0);
        sum += length >>> 16;
        sum += length & 0xFFFF;
        sum += nextHeader;
        return sum;
    }
}
