package io.torii.dataplane.testing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * IPv6 test packets with a Hop-by-Hop Options header and a Destination Options header in front of
 * a UDP datagram, the headers that stay in front of ESP and AH in transport mode.
 * <pre>
 *   offset  0  IPv6 header, next header 0
 *   offset 40  Hop-by-Hop (8 bytes), next header 60: one option of 4 data bytes
 *   offset 48  Destination Options (8 bytes), next header 17: PadN with 4 bytes
 *   offset 56  UDP header and payload
 * </pre>
 */
public final class Ipv6ExtensionPackets
{
    /** Where the Hop-by-Hop header starts. */
    public static final int HOP_BY_HOP_OFFSET = 40;
    /** Where the Destination Options header starts. */
    public static final int DESTINATION_OPTIONS_OFFSET = 48;
    /** Where ESP or AH goes: after both extension headers. */
    public static final int IPSEC_OFFSET = 56;
    /** Where the Hop-by-Hop option's 4 data bytes start. */
    public static final int HOP_BY_HOP_OPTION_DATA_OFFSET = HOP_BY_HOP_OFFSET + 4;
    /** Where the Destination Options header's PadN data starts. */
    public static final int DESTINATION_PAD_DATA_OFFSET = DESTINATION_OPTIONS_OFFSET + 4;

    /** PadN (RFC 8200 §4.2): its type's third-highest bit is clear, so it may not change en route. */
    public static final int PAD_N = 0x01;
    /** An experimental option type (RFC 4727) with the "may change en route" bit (0x20) set. */
    public static final int MUTABLE_EXPERIMENTAL = 0x3E;

    private static final int HOP_BY_HOP = 0;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int UDP = 17;

    private Ipv6ExtensionPackets()
    {
    }

    /**
     * @param source source address literal, IPv6.
     * @param destination destination address literal, IPv6.
     * @param payloadLength UDP payload bytes.
     * @param seed for the payload's bytes.
     * @param hopByHopOption the Hop-by-Hop option's type, such as {@link #PAD_N} or {@link #MUTABLE_EXPERIMENTAL}.
     * @return the packet.
     */
    public static byte[] udp(final String source, final String destination, final int payloadLength, final long seed,
        final int hopByHopOption)
    {
        final byte[] plain = Packets.udp(source, destination, payloadLength, seed);
        final byte[] datagram = Arrays.copyOfRange(plain, 40, plain.length);
        final ByteBuffer packet = ByteBuffer.allocate(IPSEC_OFFSET + datagram.length);
        packet.put(plain, 0, 40);
        packet.putShort(4, (short)(IPSEC_OFFSET - 40 + datagram.length)).put(6, (byte)HOP_BY_HOP);
        packet.put((byte)DESTINATION_OPTIONS).put((byte)0).put((byte)hopByHopOption).put((byte)4)
            .put((byte)0xA1).put((byte)0xA2).put((byte)0xA3).put((byte)0xA4);
        packet.put((byte)UDP).put((byte)0).put((byte)PAD_N).put((byte)4).putInt(0);
        packet.put(datagram);
        return packet.array();
    }
}
