package io.torii.dataplane.mtu;

import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Splits an IPv4 packet whose DF flag is clear into fragments that fit an MTU (RFC 791 §3.2, "fragmentation"),
 * each written into a newly claimed slot of a {@link PacketBatch}.
 * <pre>
 *   original:   | header + all options (hl) |            data (total - hl)                     |
 *   first:      | header + all options      | data[0, n1)            n1 = (mtu - hl)  &amp; ~7, MF
 *   later:      | header + copied options   | data[n1, n1 + n2) ...  n2 = (mtu - hl2) &amp; ~7, MF
 *   last:       | header + copied options   | the rest                 MF as the original had it
 *   offset field = original offset + data index / 8
 * </pre>
 * Only options whose copy flag (the type's top bit) is set go into later fragments (RFC 791 §3.1); the later
 * header is padded with end-of-list bytes to a multiple of four. A packet that is itself a fragment can be split
 * again: offsets add to its own, and its MF flag carries to the last piece. All fragments keep the original's
 * identification, TOS, TTL and protocol; each gets its own header checksum.
 *
 * <p>Nothing is claimed unless every fragment fits: the batch must have a free slot per fragment. Reusable and
 * not thread-safe; allocation-free after construction.
 */
public final class Ipv4Fragmenter
{
    /** DF is set and the packet is larger than the MTU: send "fragmentation needed" instead. */
    public static final int DONT_FRAGMENT = -1;
    /** The header, its length fields or its options do not parse. */
    public static final int MALFORMED = -2;
    /** The batch lacks a free slot per fragment, or a fragment exceeds its largest packet. */
    public static final int NO_ROOM = -3;
    /** The MTU leaves fewer than 8 data bytes after a header. */
    public static final int MTU_TOO_SMALL = -4;

    private static final int MAX_HEADER = 60;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int COPY_FLAG = 0x80;
    private static final int OFFSET_MASK = 0x1FFF;
    private static final int MAX_OFFSET_UNITS = 0x1FFF;

    private final UnsafeBuffer laterHeader = new UnsafeBuffer(new byte[MAX_HEADER]);
    private final Ipv4HeaderFlyweight ipv4 = new Ipv4HeaderFlyweight();

    /**
     * @param in the packet's buffer.
     * @param offset where its IPv4 header starts.
     * @param length bytes available from {@code offset}.
     * @param mtu the largest fragment, in bytes.
     * @param out the batch to claim fragment slots in; may be the batch {@code in} lies in, since claiming only
     *        takes free slots.
     * @return how many packets were written (1 when the packet already fits: it is copied unchanged), or
     *         {@link #DONT_FRAGMENT}, {@link #MALFORMED}, {@link #NO_ROOM} or {@link #MTU_TOO_SMALL}.
     */
    public int fragment(final DirectBuffer in, final int offset, final int length, final int mtu, final PacketBatch out)
    {
        if (length < Ipv4HeaderFlyweight.MIN_LENGTH || (in.getByte(offset) & 0xF0) != 0x40)
        {
            return MALFORMED;
        }
        final int headerLength = (in.getByte(offset) & 0x0F) * 4;
        final int totalLength = in.getShort(offset + Ipv4HeaderFlyweight.TOTAL_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN)
            & 0xFFFF;
        if (headerLength < Ipv4HeaderFlyweight.MIN_LENGTH || headerLength > totalLength || totalLength > length)
        {
            return MALFORMED;
        }
        if (totalLength <= mtu)
        {
            final int slot = out.claim(totalLength);
            if (slot < 0)
            {
                return NO_ROOM;
            }
            out.buffer(slot).putBytes(out.offset(slot), in, offset, totalLength);
            return 1;
        }
        final int field = in.getShort(offset + Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN)
            & 0xFFFF;
        if ((field & Ipv4HeaderFlyweight.DONT_FRAGMENT) != 0)
        {
            return DONT_FRAGMENT;
        }
        final int laterHeaderLength = buildLaterHeader(in, offset, headerLength);
        if (laterHeaderLength < 0)
        {
            return MALFORMED;
        }
        final int firstData = (mtu - headerLength) & ~7;
        final int laterData = (mtu - laterHeaderLength) & ~7;
        if (firstData < 8 || laterData < 8)
        {
            return MTU_TOO_SMALL;
        }
        final int data = totalLength - headerLength;
        final int count = 1 + (data - firstData + laterData - 1) / laterData;
        final int baseUnits = field & OFFSET_MASK;
        if (baseUnits + (data - 1) / 8 > MAX_OFFSET_UNITS)
        {
            return MALFORMED;
        }
        if (out.capacity() - out.size() < count || headerLength + firstData > out.maxPacket() ||
            laterHeaderLength + laterData > out.maxPacket())
        {
            return NO_ROOM;
        }
        final int keptFlags = field & ~OFFSET_MASK;
        final int dataStart = offset + headerLength;
        int done = 0;
        for (int i = 0; i < count; i++)
        {
            final boolean first = i == 0;
            final int pieceHeader = first ? headerLength : laterHeaderLength;
            final int piece = Math.min(first ? firstData : laterData, data - done);
            final int slot = out.claim(pieceHeader + piece);
            final UnsafeBuffer buffer = out.buffer(slot);
            final int at = out.offset(slot);
            if (first)
            {
                buffer.putBytes(at, in, offset, headerLength);
            }
            else
            {
                buffer.putBytes(at, laterHeader, 0, laterHeaderLength);
            }
            buffer.putBytes(at + pieceHeader, in, dataStart + done, piece);
            final boolean last = i == count - 1;
            final int flags = last ? keptFlags : keptFlags | Ipv4HeaderFlyweight.MORE_FRAGMENTS;
            ipv4.wrap(buffer, at)
                .totalLength(pieceHeader + piece)
                .flagsAndFragmentOffset(flags | (baseUnits + done / 8));
            IpLengths.updateIpv4Checksum(buffer, at);
            done += piece;
        }
        return count;
    }

    /**
     * Copies the fixed header and the options with the copy flag into {@link #laterHeader}.
     *
     * @return the later fragments' header length, or -1 when the options do not parse.
     */
    private int buildLaterHeader(final DirectBuffer in, final int offset, final int headerLength)
    {
        laterHeader.putBytes(0, in, offset, Ipv4HeaderFlyweight.MIN_LENGTH);
        int write = Ipv4HeaderFlyweight.MIN_LENGTH;
        int i = offset + Ipv4HeaderFlyweight.MIN_LENGTH;
        final int end = offset + headerLength;
        while (i < end)
        {
            final int type = in.getByte(i) & 0xFF;
            if (type == OPTION_END)
            {
                break;
            }
            if (type == OPTION_NOP)
            {
                i++;
                continue;
            }
            if (i + 1 >= end)
            {
                return -1;
            }
            final int optionLength = in.getByte(i + 1) & 0xFF;
            if (optionLength < 2 || i + optionLength > end)
            {
                return -1;
            }
            if ((type & COPY_FLAG) != 0)
            {
                laterHeader.putBytes(write, in, i, optionLength);
                write += optionLength;
            }
            i += optionLength;
        }
        final int padded = (write + 3) & ~3;
        laterHeader.setMemory(write, padded - write, (byte)OPTION_END);
        laterHeader.putByte(Ipv4HeaderFlyweight.VERSION_IHL_OFFSET, (byte)(0x40 | padded >>> 2));
        return padded;
    }
}
