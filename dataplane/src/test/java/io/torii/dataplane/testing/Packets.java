package io.torii.dataplane.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Builds IPv4 and IPv6 test packets carrying UDP with a deterministic payload.
 */
public final class Packets
{
    private Packets()
    {
    }

    /**
     * @param text an address literal.
     * @return the address; test code only, so literal parsing failures are programming errors.
     */
    public static InetAddress address(final String text)
    {
        try
        {
            return InetAddress.getByName(text);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(text, ex);
        }
    }

    /**
     * @param source source address literal, IPv4 or IPv6.
     * @param destination destination address literal of the same family.
     * @param payloadLength UDP payload bytes.
     * @param seed for the payload's bytes.
     * @return an IP packet with a UDP datagram (checksum left zero, legal over IPv4 and harmless here).
     */
    public static byte[] udp(final String source, final String destination, final int payloadLength, final long seed)
    {
        final byte[] src = address(source).getAddress();
        final byte[] dst = address(destination).getAddress();
        final byte[] payload = new byte[payloadLength];
        new Random(seed).nextBytes(payload);
        final int udpLength = 8 + payloadLength;
        final boolean ipv6 = src.length == 16;
        final int headerLength = ipv6 ? 40 : 20;
        final ByteBuffer packet = ByteBuffer.allocate(headerLength + udpLength);
        if (ipv6)
        {
            packet.putInt(0x6000_0000 | 0x0A << 20 | 0x12345).putShort((short)udpLength).put((byte)17).put((byte)64)
                .put(src).put(dst);
        }
        else
        {
            packet.put((byte)0x45).put((byte)0x0A).putShort((short)(headerLength + udpLength)).putShort((short)0x1234)
                .putShort((short)0x4000).put((byte)64).put((byte)17).putShort((short)0).put(src).put(dst);
            final int checksum = ipv4Checksum(packet.array());
            packet.putShort(10, (short)checksum);
        }
        packet.putShort((short)5000).putShort((short)6000).putShort((short)udpLength).putShort((short)0).put(payload);
        return packet.array();
    }

    /**
     * @param packet an IPv4 packet.
     * @return its header checksum.
     */
    public static int ipv4Checksum(final byte[] packet)
    {
        final int headerLength = (packet[0] & 0x0F) * 4;
        long sum = 0;
        for (int i = 0; i < headerLength; i += 2)
        {
            if (i != 10)
            {
                sum += (packet[i] & 0xFF) << 8 | packet[i + 1] & 0xFF;
            }
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int)(~sum & 0xFFFF);
    }
}
