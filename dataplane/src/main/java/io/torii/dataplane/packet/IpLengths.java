package io.torii.dataplane.packet;

import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * Rewrites the length fields (and the IPv4 checksum) of an IP header after a stage changed the
 * packet's size, and sets its traffic class.
 */
public final class IpLengths
{
    private IpLengths()
    {
    }

    /**
     * @param buffer the packet.
     * @param offset where the IP header starts.
     * @param packetLength the packet's new total length.
     */
    public static void update(final MutableDirectBuffer buffer, final int offset, final int packetLength)
    {
        if ((buffer.getByte(offset) & 0xF0) == 0x40)
        {
            buffer.putShort(offset + Ipv4HeaderFlyweight.TOTAL_LENGTH_OFFSET, (short)packetLength, ByteOrder.BIG_ENDIAN);
            updateIpv4Checksum(buffer, offset);
        }
        else
        {
            buffer.putShort(offset + Ipv6HeaderFlyweight.PAYLOAD_LENGTH_OFFSET,
                (short)(packetLength - Ipv6HeaderFlyweight.LENGTH), ByteOrder.BIG_ENDIAN);
        }
    }

    /**
     * @param buffer the packet.
     * @param offset where the IP header starts.
     * @param trafficClass the IPv4 TOS or IPv6 traffic class byte; the IPv4 checksum is not updated.
     */
    public static void trafficClass(final MutableDirectBuffer buffer, final int offset, final int trafficClass)
    {
        if ((buffer.getByte(offset) & 0xF0) == 0x40)
        {
            buffer.putByte(offset + Ipv4HeaderFlyweight.TOS_OFFSET, (byte)trafficClass);
        }
        else
        {
            final int first = buffer.getInt(offset, ByteOrder.BIG_ENDIAN);
            buffer.putInt(offset, first & 0xF00F_FFFF | (trafficClass & 0xFF) << 20, ByteOrder.BIG_ENDIAN);
        }
    }

    /**
     * @param buffer the packet.
     * @param offset where an IPv4 header starts.
     */
    public static void updateIpv4Checksum(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putShort(offset + Ipv4HeaderFlyweight.CHECKSUM_OFFSET, (short)0);
        final int headerLength = (buffer.getByte(offset) & 0x0F) * 4;
        final int checksum = InternetChecksum.finish(InternetChecksum.sum(buffer, offset, headerLength, 0));
        buffer.putShort(offset + Ipv4HeaderFlyweight.CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
    }
}
