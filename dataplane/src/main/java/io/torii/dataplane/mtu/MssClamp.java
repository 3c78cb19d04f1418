package io.torii.dataplane.mtu;

import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.status.Disposition;
import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * Lowers the TCP Maximum Segment Size option (RFC 9293 §3.7.1) of SYN and SYN-ACK segments so that the
 * connection's segments fit a tunnel's inner MTU, sparing hosts that cannot do path MTU discovery the black hole.
 *
 * <p>Only the two bytes of the MSS value change; the TCP checksum is updated incrementally (RFC 1624 eqn. 3),
 * so the packet's other bytes are neither read nor trusted for it. Segments that are not SYNs, that carry no MSS
 * option or already a small enough one, IP fragments (of either version) and packets whose headers or options
 * do not parse are left untouched.
 * <pre>
 *   TCP options (RFC 9293 §3.1): kind 0 = end of list, kind 1 = no-operation (one byte each);
 *   every other kind:  | kind | length (>= 2, counts kind and length) | data ... |
 *   MSS:               |  2   |   4    |   MSS (16 bits)   |
 * </pre>
 * Reusable and not thread-safe: one per worker.
 */
public final class MssClamp
{
    /** The MSS option was lowered. */
    public static final int CLAMPED = 1;
    /** Nothing to do: not TCP, not a SYN, a fragment, no MSS option, or the MSS is already small enough. */
    public static final int UNCHANGED = 0;
    /** The IP or TCP header, or the options, do not parse; the packet is untouched. */
    public static final int MALFORMED = -1;

    private static final int TCP_MIN_HEADER = 20;
    private static final int DATA_OFFSET_INDEX = 12;
    private static final int FLAGS_INDEX = 13;
    private static final int CHECKSUM_INDEX = 16;
    private static final int SYN = 0x02;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int OPTION_MSS = 2;
    private static final int MSS_OPTION_LENGTH = 4;
    private static final int NO_MSS = -1;
    private static final int BAD_OPTIONS = -2;

    private final IpPacketParser parser = new IpPacketParser();
    private final Ipv4HeaderFlyweight ipv4 = new Ipv4HeaderFlyweight();

    /**
     * Clamps to the MSS that fills an inner MTU: {@link TunnelMtu#mss(int, boolean)} for the packet's IP version.
     *
     * @param buffer the packet.
     * @param offset where its IP header starts.
     * @param length bytes available from {@code offset}.
     * @param innerMtu the tunnel's inner MTU.
     * @return {@link #CLAMPED}, {@link #UNCHANGED} or {@link #MALFORMED}.
     */
    public int clampToMtu(final MutableDirectBuffer buffer, final int offset, final int length, final int innerMtu)
    {
        if (length < 1)
        {
            return MALFORMED;
        }
        final boolean ipv6 = (buffer.getByte(offset) & 0xF0) == 0x60;
        return clamp(buffer, offset, length, TunnelMtu.mss(innerMtu, ipv6));
    }

    /**
     * @param buffer the packet.
     * @param offset where its IP header starts.
     * @param length bytes available from {@code offset}.
     * @param maxMss the largest MSS to let through, 1 to 65535.
     * @return {@link #CLAMPED}, {@link #UNCHANGED} or {@link #MALFORMED}.
     */
    public int clamp(final MutableDirectBuffer buffer, final int offset, final int length, final int maxMss)
    {
        if (length >= Ipv4HeaderFlyweight.MIN_LENGTH && (buffer.getByte(offset) & 0xF0) == 0x40)
        {
            return clampIpv4(buffer, ipv4.wrap(buffer, offset), length, maxMss);
        }
        if (parser.parse(buffer, offset, length) != Disposition.OK)
        {
            return MALFORMED;
        }
        if (parser.protocol() != IpProtocols.TCP || parser.isFragment())
        {
            return UNCHANGED;
        }
        return clampTcp(buffer, parser.headerEnd(), parser.packetEnd(), maxMss);
    }

    /**
     * IPv4 read through the header flyweight alone, with the checks {@link IpPacketParser} makes (it makes
     * them with the same flyweight), because every packet leaving through a tunnel comes here and nearly
     * none is a SYN: the general parser's bookkeeping cost about a twentieth of a small packet's whole
     * outbound path.
     */
    private static int clampIpv4(final MutableDirectBuffer buffer, final Ipv4HeaderFlyweight header,
        final int length, final int maxMss)
    {
        if (!header.isValid(length))
        {
            return MALFORMED;
        }
        if (header.protocol() != IpProtocols.TCP || header.isFragment())
        {
            return UNCHANGED;
        }
        final int offset = header.offset();
        return clampTcp(buffer, offset + header.headerLength(), offset + header.totalLength(), maxMss);
    }

    /**
     * @param tcp where the TCP header starts.
     * @param end the index after the segment's last byte.
     */
    static int clampTcp(final MutableDirectBuffer buffer, final int tcp, final int end, final int maxMss)
    {
        if (tcp + TCP_MIN_HEADER > end)
        {
            return MALFORMED;
        }
        if ((buffer.getByte(tcp + FLAGS_INDEX) & SYN) == 0)
        {
            return UNCHANGED;
        }
        final int headerLength = ((buffer.getByte(tcp + DATA_OFFSET_INDEX) & 0xF0) >>> 4) * 4;
        if (headerLength < TCP_MIN_HEADER || tcp + headerLength > end)
        {
            return MALFORMED;
        }
        final int mssIndex = findMss(buffer, tcp + TCP_MIN_HEADER, tcp + headerLength);
        if (mssIndex < 0)
        {
            return mssIndex == NO_MSS ? UNCHANGED : MALFORMED;
        }
        final int oldMss = buffer.getShort(mssIndex, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        if (oldMss <= maxMss || maxMss < 1)
        {
            return UNCHANGED;
        }
        final int newMss = maxMss & 0xFFFF;
        buffer.putShort(mssIndex, (short)newMss, ByteOrder.BIG_ENDIAN);
        // A 16-bit field at an odd distance from the TCP header straddles two checksum words: its contribution to
        // the ones'-complement sum is then the value with its bytes swapped (RFC 1071 §2(B)).
        final boolean odd = ((mssIndex - tcp) & 1) != 0;
        final int oldWord = odd ? swap(oldMss) : oldMss;
        final int newWord = odd ? swap(newMss) : newMss;
        final int checksum = buffer.getShort(tcp + CHECKSUM_INDEX, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        buffer.putShort(tcp + CHECKSUM_INDEX, (short)updateChecksum(checksum, oldWord, newWord), ByteOrder.BIG_ENDIAN);
        return CLAMPED;
    }

    /**
     * @return the index of the MSS value, {@link #NO_MSS}, or {@link #BAD_OPTIONS} when a length is wrong.
     */
    private static int findMss(final MutableDirectBuffer buffer, final int start, final int end)
    {
        int i = start;
        while (i < end)
        {
            final int kind = buffer.getByte(i) & 0xFF;
            if (kind == OPTION_END)
            {
                return NO_MSS;
            }
            if (kind == OPTION_NOP)
            {
                i++;
                continue;
            }
            if (i + 1 >= end)
            {
                return BAD_OPTIONS;
            }
            final int optionLength = buffer.getByte(i + 1) & 0xFF;
            if (optionLength < 2 || i + optionLength > end)
            {
                return BAD_OPTIONS;
            }
            if (kind == OPTION_MSS)
            {
                return optionLength == MSS_OPTION_LENGTH ? i + 2 : BAD_OPTIONS;
            }
            i += optionLength;
        }
        return NO_MSS;
    }

    /**
     * RFC 1624 eqn. 3: {@code HC' = ~(~HC + ~m + m')}, which unlike eqn. 2 never yields the -0 that
     * receivers may reject.
     *
     * @param checksum the stored checksum.
     * @param oldWord the 16-bit word as it was.
     * @param newWord the word as it is now.
     * @return the checksum to store.
     */
    static int updateChecksum(final int checksum, final int oldWord, final int newWord)
    {
        int sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + newWord;
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return ~sum & 0xFFFF;
    }

    private static int swap(final int word)
    {
        return (word & 0xFF) << 8 | (word >>> 8);
    }
}
