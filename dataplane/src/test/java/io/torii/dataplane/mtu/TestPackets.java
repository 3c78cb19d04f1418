package io.torii.dataplane.mtu;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Builds IPv4/IPv6 packets for the MTU tests and computes checksums the plain way, over byte arrays, independently
 * of the code under test.
 */
final class TestPackets
{
    private TestPackets()
    {
    }

    static byte[] address(final String text)
    {
        try
        {
            return InetAddress.getByName(text).getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(text, ex);
        }
    }

    /**
     * @return an IP packet around {@code payload} with the given protocol; IPv4 header checksum set, DF set.
     */
    static byte[] ip(final String source, final String destination, final int protocol, final byte[] payload)
    {
        final byte[] src = address(source);
        final byte[] dst = address(destination);
        if (src.length == 16)
        {
            return ByteBuffer.allocate(40 + payload.length).putInt(0x6000_0000).putShort((short)payload.length)
                .put((byte)protocol).put((byte)64).put(src).put(dst).put(payload).array();
        }
        final byte[] packet = ByteBuffer.allocate(20 + payload.length).put((byte)0x45).put((byte)0)
            .putShort((short)(20 + payload.length)).putShort((short)0x4321).putShort((short)0x4000).put((byte)64)
            .put((byte)protocol).putShort((short)0).put(src).put(dst).put(payload).array();
        final int checksum = checksum(packet, 0, 20, 0);
        packet[10] = (byte)(checksum >>> 8);
        packet[11] = (byte)checksum;
        return packet;
    }

    /** @return the unfolded 32-bit sum of big-endian 16-bit words, an odd last byte padded with zero. */
    static long sum(final byte[] bytes, final int offset, final int length)
    {
        long sum = 0;
        for (int i = 0; i < length; i++)
        {
            final int b = bytes[offset + i] & 0xFF;
            sum += (i & 1) == 0 ? b << 8 : b;
        }
        return sum;
    }

    /** @return the ones' complement of the folded sum of {@code initial} and the bytes. */
    static int checksum(final byte[] bytes, final int offset, final int length, final long initial)
    {
        long sum = initial + sum(bytes, offset, length);
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int)(~sum & 0xFFFF);
    }

    /**
     * @return the upper-layer checksum a packet's transport header should carry, computed over the pseudo-header
     *         and the segment with its checksum field taken as zero.
     */
    static int upperLayerChecksum(
        final byte[] packet, final int transportOffset, final int checksumIndex, final int protocol)
    {
        final byte[] copy = packet.clone();
        copy[checksumIndex] = 0;
        copy[checksumIndex + 1] = 0;
        final boolean v6 = (packet[0] & 0xF0) == 0x60;
        final int length = packet.length - transportOffset;
        final long pseudo = v6 ?
            sum(packet, 8, 32) + (length >>> 16) + (length & 0xFFFF) + protocol :
            sum(packet, 12, 8) + length + protocol;
        return checksum(copy, transportOffset, length, pseudo);
    }

    static int u16(final byte[] bytes, final int index)
    {
        return (bytes[index] & 0xFF) << 8 | bytes[index + 1] & 0xFF;
    }
}
