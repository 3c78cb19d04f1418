package io.torii.perf.jmh.esp;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Builds the inner packets the benchmarks protect: IPv4 with UDP, a valid header checksum, DF set, a
 * zero UDP checksum (legal over IPv4) and a payload of pseudo-random bytes, so that no two packets of a
 * pool are alike. Set-up code only: allocates freely.
 */
public final class CleartextPackets
{
    private static final int IPV4_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int PROTOCOL_UDP = 17;
    private static final int DONT_FRAGMENT = 0x4000;
    private static final int TTL = 64;
    private static final int CHECKSUM_OFFSET = 10;
    /** Inner addresses from the documentation ranges (RFC 5737): 198.51.100.10 to 203.0.113.20. */
    private static final int SOURCE = 198 << 24 | 51 << 16 | 100 << 8 | 10;
    private static final int DESTINATION = 203 << 24 | 0 << 16 | 113 << 8 | 20;

    private CleartextPackets()
    {
    }

    /**
     * @param sizes the IP packet size of each packet, each at least {@link PacketSizes#MIN_SIZE}.
     * @param seed for the payload bytes.
     * @return one packet per size.
     */
    public static byte[][] udp(final int[] sizes, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[][] packets = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++)
        {
            packets[i] = udp(sizes[i], i, random);
        }
        return packets;
    }

    private static byte[] udp(final int size, final int index, final SplittableRandom random)
    {
        final ByteBuffer packet = ByteBuffer.allocate(size);
        packet.put((byte)0x45).put((byte)0).putShort((short)size).putShort((short)index)
            .putShort((short)DONT_FRAGMENT).put((byte)TTL).put((byte)PROTOCOL_UDP).putShort((short)0)
            .putInt(SOURCE).putInt(DESTINATION);
        packet.putShort((short)(10_000 + index)).putShort((short)5001).putShort((short)(size - IPV4_HEADER))
            .putShort((short)0);
        final byte[] bytes = packet.array();
        final byte[] payload = new byte[size - IPV4_HEADER - UDP_HEADER];
        random.nextBytes(payload);
        System.arraycopy(payload, 0, bytes, IPV4_HEADER + UDP_HEADER, payload.length);
        final int checksum = headerChecksum(bytes);
        bytes[CHECKSUM_OFFSET] = (byte)(checksum >>> 8);
        bytes[CHECKSUM_OFFSET + 1] = (byte)checksum;
        return bytes;
    }

    /** The Internet checksum (RFC 1071) of the 20-byte header, its checksum field still zero. */
    private static int headerChecksum(final byte[] packet)
    {
        int sum = 0;
        for (int i = 0; i < IPV4_HEADER; i += 2)
        {
            sum += (packet[i] & 0xFF) << 8 | packet[i + 1] & 0xFF;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
