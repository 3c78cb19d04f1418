package io.torii.dataplane.mtu;

import io.torii.dataplane.packet.InternetChecksum;
import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import java.nio.ByteOrder;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Puts fragmented IP datagrams back together before ESP decapsulation (RFC 4303 §3.4.1): IPv4 fragments
 * (RFC 791 §3.2) and IPv6 fragments carrying a Fragment header (RFC 8200 §4.5), in bounded memory.
 *
 * <p>A fixed number of contexts is allocated up front, each with room for one datagram. A context is keyed by
 * version, source, destination and identification, plus the protocol for IPv4; IPv6 leaves the Fragment header's
 * next header out of the key because RFC 8200 lets it differ between fragments and takes the offset-zero one's.
 * The data of each fragment is copied to its offset, and a sorted list of at most {@link #MAX_RANGES} disjoint
 * received ranges (adjacent ones merged) tells when the datagram is whole.
 * <pre>
 *   context i:  | header room (MAX_UNFRAGMENTABLE)        | data: offset 0 .. maxPacketBytes           |
 *                        first fragment's header  ^ ends here, so header and data leave in one copy
 *   IPv4 out:   first fragment's header and options, MF and offset cleared, total length and checksum redone
 *   IPv6 out:   offset-zero fragment's unfragmentable part, Fragment header gone, the next-header field before
 *               it set to the Fragment header's next header, payload length redone
 * </pre>
 * Overlapping fragments make the whole datagram, and its fragments still to come, be discarded (RFC 5722 §3);
 * Torii applies that to IPv4 too, since overlaps there serve only to evade inspection. The context then stays,
 * marked discarded, until it times out. A fragment whose data lies wholly inside data already held and equals it
 * byte for byte is a duplicate and is dropped silently, as RFC 5722 §4 allows for exact duplicates; a re-cut
 * fragment carrying identical bytes is treated the same, since it cannot change the result. IPv6 atomic fragments
 * (offset 0, M clear) are handed on at once without a context (RFC 6946).
 *
 * <p>Time comes from the caller: a datagram is expired once {@code timeoutNanos} have passed since its first
 * fragment. {@link #expire(long)} frees expired contexts; an offer also frees an expired context it matches,
 * and when every context is busy it reclaims the oldest if that one has expired.
 *
 * <p>One per worker: not thread-safe. Allocation-free after construction; per-packet calls never throw on bad
 * input but return a status.
 */
public final class Reassembler
{
    /** The fragment is stored; the datagram waits for more. */
    public static final int HELD = -1;
    /** Neither an IPv4 fragment nor an IPv6 packet with a Fragment header: pass it on as it is. */
    public static final int NOT_A_FRAGMENT = -2;
    /**
     * Bad headers, lengths or offsets: a non-last fragment whose data is empty or not a multiple of 8, a datagram
     * over 65535 bytes, an IPv4 header checksum that fails, or a fragment disagreeing with the datagram's known
     * end (the datagram is then discarded too).
     */
    public static final int MALFORMED = -3;
    /** The fragment overlaps data held for its datagram, or its datagram was already discarded for that. */
    public static final int OVERLAP = -4;
    /** Every context holds a datagram that has not expired: the fragment is dropped. */
    public static final int NO_CONTEXT = -5;
    /**
     * The datagram is complete but {@code out} has no free slot large enough. It stays held: offering any of its
     * fragments again (after draining {@code out}) writes it, until it expires. An IPv6 atomic fragment is not
     * held: offer it again.
     */
    public static final int NO_ROOM = -6;
    /** An exact copy of data already held: dropped silently. */
    public static final int DUPLICATE = -7;
    /**
     * The datagram would exceed {@code maxPacketBytes}, or an IPv6 unfragmentable part exceeds
     * {@link #MAX_UNFRAGMENTABLE}: the datagram is discarded.
     */
    public static final int TOO_BIG = -8;
    /** The datagram arrived in more than {@link #MAX_RANGES} disjoint pieces: discarded, as tiny-fragment abuse. */
    public static final int TOO_FRAGMENTED = -9;

    /** Disjoint received ranges a context tracks. */
    public static final int MAX_RANGES = 64;
    /** Room for the first fragment's header: 60 for IPv4, the IPv6 header and extension headers before Fragment. */
    public static final int MAX_UNFRAGMENTABLE = 512;
    /** The largest reassembled packet: the IPv6 header plus a 65535-byte payload. */
    public static final int LARGEST_PACKET = Ipv6HeaderFlyweight.LENGTH + 0xFFFF;

    private static final int MAX_IP_LENGTH = 0xFFFF;
    private static final int MIN_PACKET = 68;
    private static final int FREE = 0;
    private static final int ACTIVE = 1;
    private static final int DISCARDED = 2;
    private static final int PARSED = 0;
    private static final int ATOMIC = 1;
    private static final int MAX_CHAIN = 16;
    private static final int V4_OFFSET_MASK = 0x1FFF;
    private static final int V4_KEPT_FLAGS = 0xC000 & ~Ipv4HeaderFlyweight.MORE_FRAGMENTS;
    private static final int V6_FRAGMENT_HEADER = 8;
    private static final int V6_OFFSET_MASK = 0xFFF8;
    private static final int V6_MORE = 1;
    private static final int ALIGNMENT = 64;

    private final int maxContexts;
    private final int maxPacketBytes;
    private final long timeoutNanos;
    private final int stride;
    private final UnsafeBuffer memory;
    private final int[] state;
    /** Contexts not FREE: active, or discarded until they expire. */
    private int inUse;
    private final int[] version;
    private final long[] sourceHigh;
    private final long[] sourceLow;
    private final long[] destinationHigh;
    private final long[] destinationLow;
    private final int[] identification;
    private final int[] protocol;
    private final long[] started;
    private final int[] headerLength;
    private final int[] nextHeaderField;
    private final int[] innerProtocol;
    private final int[] total;
    private final int[] rangeCount;
    private final int[] ranges;

    private long completions;
    private long timeouts;
    private long overlaps;
    private long duplicates;
    private long drops;

    // The fragment being offered, as parse() found it.
    private int fVersion;
    private long fSourceHigh;
    private long fSourceLow;
    private long fDestinationHigh;
    private long fDestinationLow;
    private int fIdentification;
    private int fProtocol;
    private int fStart;
    private int fEnd;
    private boolean fLast;
    private int fDataIndex;
    private int fHeaderLength;
    private int fNextHeaderField;
    private int fInnerProtocol;

    /**
     * @param maxContexts how many datagrams can be in reassembly at once.
     * @param maxPacketBytes the largest reassembled packet, header included, from 68 to {@link #LARGEST_PACKET}.
     * @param timeoutNanos how long a datagram may wait for its fragments, counted from its first one.
     */
    public Reassembler(final int maxContexts, final int maxPacketBytes, final long timeoutNanos)
    {
        if (maxContexts < 1)
        {
            throw new IllegalArgumentException("maxContexts must be at least 1, was " + maxContexts);
        }
        if (maxPacketBytes < MIN_PACKET || maxPacketBytes > LARGEST_PACKET)
        {
            throw new IllegalArgumentException(
                "maxPacketBytes must be from " + MIN_PACKET + " to " + LARGEST_PACKET + ", was " + maxPacketBytes);
        }
        if (timeoutNanos <= 0)
        {
            throw new IllegalArgumentException("timeoutNanos must be positive, was " + timeoutNanos);
        }
        final int unaligned = MAX_UNFRAGMENTABLE + maxPacketBytes;
        final int aligned = (unaligned + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        if ((long)aligned * maxContexts > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("maxContexts " + maxContexts + " times " + aligned +
                " bytes each exceeds 2 GiB");
        }
        this.maxContexts = maxContexts;
        this.maxPacketBytes = maxPacketBytes;
        this.timeoutNanos = timeoutNanos;
        this.stride = aligned;
        this.memory = new UnsafeBuffer(BufferUtil.allocateDirectAligned(aligned * maxContexts, ALIGNMENT));
        this.state = new int[maxContexts];
        this.version = new int[maxContexts];
        this.sourceHigh = new long[maxContexts];
        this.sourceLow = new long[maxContexts];
        this.destinationHigh = new long[maxContexts];
        this.destinationLow = new long[maxContexts];
        this.identification = new int[maxContexts];
        this.protocol = new int[maxContexts];
        this.started = new long[maxContexts];
        this.headerLength = new int[maxContexts];
        this.nextHeaderField = new int[maxContexts];
        this.innerProtocol = new int[maxContexts];
        this.total = new int[maxContexts];
        this.rangeCount = new int[maxContexts];
        this.ranges = new int[maxContexts * MAX_RANGES * 2];
    }

    /**
     * Takes one fragment.
     *
     * @param buffer the packet's bytes; they are copied, so the caller may reuse them on return.
     * @param offset where the IP header starts.
     * @param length bytes available from {@code offset}; bytes past the IP length (link padding) are ignored.
     * @param nowNanos the caller's clock.
     * @param out where a completed datagram is written, in a newly claimed slot.
     * @return the slot index in {@code out} when a datagram is complete, otherwise {@link #HELD},
     *         {@link #NOT_A_FRAGMENT}, {@link #MALFORMED}, {@link #OVERLAP}, {@link #NO_CONTEXT}, {@link #NO_ROOM},
     *         {@link #DUPLICATE}, {@link #TOO_BIG} or {@link #TOO_FRAGMENTED}.
     */
    public int offer(
        final DirectBuffer buffer, final int offset, final int length, final long nowNanos, final PacketBatch out)
    {
        final int parsed = parse(buffer, offset, length);
        if (parsed == ATOMIC)
        {
            return emitAtomic(buffer, offset, out);
        }
        if (parsed != PARSED)
        {
            if (parsed == MALFORMED)
            {
                drops++;
            }
            return parsed;
        }
        int context = find();
        if (context >= 0 && isExpired(context, nowNanos))
        {
            free(context);
            timeouts++;
            context = -1;
        }
        if (context >= 0 && state[context] == DISCARDED)
        {
            overlaps++;
            return OVERLAP;
        }
        final int payloadBefore = fVersion == 4 ? fHeaderLength : fHeaderLength - Ipv6HeaderFlyweight.LENGTH;
        if (payloadBefore + fEnd > MAX_IP_LENGTH)
        {
            return refuse(context, MALFORMED);
        }
        if (fHeaderLength + fEnd > maxPacketBytes || (fStart == 0 && fHeaderLength > MAX_UNFRAGMENTABLE))
        {
            return refuse(context, TOO_BIG);
        }
        if (context < 0)
        {
            context = allocate(nowNanos);
            if (context < 0)
            {
                drops++;
                return NO_CONTEXT;
            }
        }
        return add(context, buffer, out);
    }

    /**
     * Frees the contexts whose datagrams have waited {@code timeoutNanos} or longer, including those kept only to
     * discard the rest of an overlapping datagram.
     *
     * @param nowNanos the caller's clock.
     * @return how many contexts were freed.
     */
    public int expire(final long nowNanos)
    {
        if (inUse == 0)
        {
            // Called every duty cycle; fragments are rare, so most cycles have nothing to scan.
            return 0;
        }
        int freed = 0;
        for (int i = 0; i < maxContexts; i++)
        {
            if (state[i] != FREE && isExpired(i, nowNanos))
            {
                free(i);
                freed++;
            }
        }
        timeouts += freed;
        return freed;
    }

    /** @return datagrams written to an output batch, atomic IPv6 fragments included. */
    public long completions()
    {
        return completions;
    }

    /** @return contexts freed because they expired, by {@link #expire(long)} or by reclaiming. */
    public long timeouts()
    {
        return timeouts;
    }

    /** @return fragments refused with {@link #OVERLAP}: the one that overlapped and later ones of its datagram. */
    public long overlaps()
    {
        return overlaps;
    }

    /** @return fragments dropped as {@link #DUPLICATE}. */
    public long duplicates()
    {
        return duplicates;
    }

    /**
     * @return fragments refused with {@link #MALFORMED}, {@link #NO_CONTEXT}, {@link #TOO_BIG} or
     *         {@link #TOO_FRAGMENTED}, and complete datagrams refused for their length.
     */
    public long drops()
    {
        return drops;
    }

    /** @return contexts in use now, discarded ones waiting to expire included. */
    public int activeContexts()
    {
        return inUse;
    }

    private int parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            return MALFORMED;
        }
        final int ipVersion = (buffer.getByte(offset) & 0xF0) >>> 4;
        if (ipVersion == 4)
        {
            return parseIpv4(buffer, offset, length);
        }
        if (ipVersion == 6)
        {
            return parseIpv6(buffer, offset, length);
        }
        return MALFORMED;
    }

    private int parseIpv4(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < Ipv4HeaderFlyweight.MIN_LENGTH)
        {
            return MALFORMED;
        }
        final int ihl = (buffer.getByte(offset) & 0x0F) * 4;
        final int totalLength = u16(buffer, offset + Ipv4HeaderFlyweight.TOTAL_LENGTH_OFFSET);
        if (ihl < Ipv4HeaderFlyweight.MIN_LENGTH || ihl > totalLength || totalLength > length)
        {
            return MALFORMED;
        }
        // The header is rewritten on output with a fresh checksum, which must not launder a corrupted one.
        if (InternetChecksum.finish(InternetChecksum.sum(buffer, offset, ihl, 0)) != 0)
        {
            return MALFORMED;
        }
        final int field = u16(buffer, offset + Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET);
        final boolean more = (field & Ipv4HeaderFlyweight.MORE_FRAGMENTS) != 0;
        final int start = (field & V4_OFFSET_MASK) * 8;
        if (!more && start == 0)
        {
            return NOT_A_FRAGMENT;
        }
        final int dataLength = totalLength - ihl;
        if (more && (dataLength == 0 || (dataLength & 7) != 0))
        {
            return MALFORMED;
        }
        fVersion = 4;
        fSourceHigh = 0;
        fSourceLow = buffer.getInt(offset + Ipv4HeaderFlyweight.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
        fDestinationHigh = 0;
        fDestinationLow = buffer.getInt(offset + Ipv4HeaderFlyweight.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
        fIdentification = u16(buffer, offset + Ipv4HeaderFlyweight.IDENTIFICATION_OFFSET);
        fProtocol = buffer.getByte(offset + Ipv4HeaderFlyweight.PROTOCOL_OFFSET) & 0xFF;
        fStart = start;
        fEnd = start + dataLength;
        fLast = !more;
        fDataIndex = offset + ihl;
        fHeaderLength = ihl;
        fNextHeaderField = Ipv4HeaderFlyweight.PROTOCOL_OFFSET;
        fInnerProtocol = fProtocol;
        return PARSED;
    }

    private int parseIpv6(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < Ipv6HeaderFlyweight.LENGTH)
        {
            return MALFORMED;
        }
        final int end = offset + Ipv6HeaderFlyweight.LENGTH + u16(buffer, offset + 4);
        if (end > offset + length)
        {
            return MALFORMED;
        }
        int nextField = offset + Ipv6HeaderFlyweight.NEXT_HEADER_OFFSET;
        int current = offset + Ipv6HeaderFlyweight.LENGTH;
        int next = buffer.getByte(nextField) & 0xFF;
        int chain = 0;
        while (next != IpProtocols.FRAGMENT)
        {
            if (next != IpProtocols.HOP_BY_HOP && next != IpProtocols.ROUTING &&
                next != IpProtocols.DESTINATION_OPTIONS)
            {
                return NOT_A_FRAGMENT;
            }
            if (++chain > MAX_CHAIN || current + 8 > end)
            {
                return MALFORMED;
            }
            nextField = current;
            next = buffer.getByte(current) & 0xFF;
            current += ((buffer.getByte(current + 1) & 0xFF) + 1) * 8;
        }
        if (current + V6_FRAGMENT_HEADER > end)
        {
            return MALFORMED;
        }
        final int field = u16(buffer, current + 2);
        final boolean more = (field & V6_MORE) != 0;
        final int start = field & V6_OFFSET_MASK;
        final int dataLength = end - current - V6_FRAGMENT_HEADER;
        if (more && (dataLength == 0 || (dataLength & 7) != 0))
        {
            return MALFORMED;
        }
        fVersion = 6;
        fSourceHigh = buffer.getLong(offset + Ipv6HeaderFlyweight.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
        fSourceLow = buffer.getLong(offset + Ipv6HeaderFlyweight.SOURCE_OFFSET + 8, ByteOrder.BIG_ENDIAN);
        fDestinationHigh = buffer.getLong(offset + Ipv6HeaderFlyweight.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
        fDestinationLow = buffer.getLong(offset + Ipv6HeaderFlyweight.DESTINATION_OFFSET + 8, ByteOrder.BIG_ENDIAN);
        fIdentification = buffer.getInt(current + 4, ByteOrder.BIG_ENDIAN);
        fProtocol = 0;
        fStart = start;
        fEnd = start + dataLength;
        fLast = !more;
        fDataIndex = current + V6_FRAGMENT_HEADER;
        fHeaderLength = current - offset;
        fNextHeaderField = nextField - offset;
        fInnerProtocol = buffer.getByte(current) & 0xFF;
        return start == 0 && !more ? ATOMIC : PARSED;
    }

    private int find()
    {
        for (int i = 0; i < maxContexts; i++)
        {
            if (state[i] != FREE && version[i] == fVersion && identification[i] == fIdentification &&
                protocol[i] == fProtocol && sourceLow[i] == fSourceLow && destinationLow[i] == fDestinationLow &&
                sourceHigh[i] == fSourceHigh && destinationHigh[i] == fDestinationHigh)
            {
                return i;
            }
        }
        return -1;
    }

    private int allocate(final long nowNanos)
    {
        int chosen = -1;
        for (int i = 0; i < maxContexts; i++)
        {
            if (state[i] == FREE)
            {
                chosen = i;
                break;
            }
            if (chosen < 0 || started[i] - started[chosen] < 0)
            {
                chosen = i;
            }
        }
        if (state[chosen] != FREE)
        {
            if (!isExpired(chosen, nowNanos))
            {
                return -1;
            }
            free(chosen);
            timeouts++;
        }
        state[chosen] = ACTIVE;
        inUse++;
        version[chosen] = fVersion;
        sourceHigh[chosen] = fSourceHigh;
        sourceLow[chosen] = fSourceLow;
        destinationHigh[chosen] = fDestinationHigh;
        destinationLow[chosen] = fDestinationLow;
        identification[chosen] = fIdentification;
        protocol[chosen] = fProtocol;
        started[chosen] = nowNanos;
        headerLength[chosen] = 0;
        total[chosen] = -1;
        rangeCount[chosen] = 0;
        return chosen;
    }

    private int add(final int context, final DirectBuffer buffer, final PacketBatch out)
    {
        final int count = rangeCount[context];
        final int first = context * MAX_RANGES * 2;
        final int known = total[context];
        final int highest = count > 0 ? ranges[first + 2 * count - 1] : 0;
        if (fLast ? (known >= 0 && known != fEnd) || highest > fEnd : known >= 0 && fEnd > known)
        {
            return refuse(context, MALFORMED);
        }
        final int data = context * stride + MAX_UNFRAGMENTABLE;
        if (fEnd > fStart)
        {
            int i = 0;
            while (i < count && ranges[first + 2 * i + 1] <= fStart)
            {
                i++;
            }
            if (i < count && ranges[first + 2 * i] < fEnd)
            {
                if (ranges[first + 2 * i] <= fStart && fEnd <= ranges[first + 2 * i + 1] &&
                    sameBytes(buffer, fDataIndex, data + fStart, fEnd - fStart))
                {
                    duplicates++;
                    return isComplete(context) ? emit(context, out) : DUPLICATE;
                }
                state[context] = DISCARDED;
                rangeCount[context] = 0;
                overlaps++;
                return OVERLAP;
            }
            final boolean joinsLeft = i > 0 && ranges[first + 2 * i - 1] == fStart;
            final boolean joinsRight = i < count && ranges[first + 2 * i] == fEnd;
            if (joinsLeft && joinsRight)
            {
                ranges[first + 2 * i - 1] = ranges[first + 2 * i + 1];
                System.arraycopy(ranges, first + 2 * i + 2, ranges, first + 2 * i, 2 * (count - i - 1));
                rangeCount[context] = count - 1;
            }
            else if (joinsLeft)
            {
                ranges[first + 2 * i - 1] = fEnd;
            }
            else if (joinsRight)
            {
                ranges[first + 2 * i] = fStart;
            }
            else
            {
                if (count == MAX_RANGES)
                {
                    return refuse(context, TOO_FRAGMENTED);
                }
                System.arraycopy(ranges, first + 2 * i, ranges, first + 2 * i + 2, 2 * (count - i));
                ranges[first + 2 * i] = fStart;
                ranges[first + 2 * i + 1] = fEnd;
                rangeCount[context] = count + 1;
            }
            memory.putBytes(data + fStart, buffer, fDataIndex, fEnd - fStart);
        }
        if (fStart == 0)
        {
            headerLength[context] = fHeaderLength;
            nextHeaderField[context] = fNextHeaderField;
            innerProtocol[context] = fInnerProtocol;
            memory.putBytes(data - fHeaderLength, buffer, fDataIndex - fHeaderLength - headerGap(), fHeaderLength);
        }
        if (fLast)
        {
            total[context] = fEnd;
        }
        return isComplete(context) ? emit(context, out) : HELD;
    }

    /** @return the bytes between the stored header and the data: the IPv6 Fragment header. */
    private int headerGap()
    {
        return fVersion == 6 ? V6_FRAGMENT_HEADER : 0;
    }

    private boolean isComplete(final int context)
    {
        final int first = context * MAX_RANGES * 2;
        return total[context] >= 0 && rangeCount[context] == 1 && ranges[first] == 0 &&
            ranges[first + 1] == total[context];
    }

    private int emit(final int context, final PacketBatch out)
    {
        final int header = headerLength[context];
        final int packetLength = header + total[context];
        final boolean v4 = version[context] == 4;
        if ((v4 ? packetLength : packetLength - Ipv6HeaderFlyweight.LENGTH) > MAX_IP_LENGTH)
        {
            return refuse(context, MALFORMED);
        }
        if (packetLength > maxPacketBytes)
        {
            return refuse(context, TOO_BIG);
        }
        final int slot = out.claim(packetLength);
        if (slot < 0)
        {
            return NO_ROOM;
        }
        final UnsafeBuffer target = out.buffer(slot);
        final int at = out.offset(slot);
        target.putBytes(at, memory, context * stride + MAX_UNFRAGMENTABLE - header, packetLength);
        if (v4)
        {
            final int field = u16(target, at + Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET);
            target.putShort(at + Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET, (short)(field & V4_KEPT_FLAGS),
                ByteOrder.BIG_ENDIAN);
        }
        else
        {
            target.putByte(at + nextHeaderField[context], (byte)innerProtocol[context]);
        }
        IpLengths.update(target, at, packetLength);
        free(context);
        completions++;
        return slot;
    }

    private int emitAtomic(final DirectBuffer buffer, final int offset, final PacketBatch out)
    {
        final int dataLength = fEnd;
        final int packetLength = fHeaderLength + dataLength;
        if (packetLength > maxPacketBytes)
        {
            drops++;
            return TOO_BIG;
        }
        final int slot = out.claim(packetLength);
        if (slot < 0)
        {
            return NO_ROOM;
        }
        final UnsafeBuffer target = out.buffer(slot);
        final int at = out.offset(slot);
        target.putBytes(at, buffer, offset, fHeaderLength);
        target.putBytes(at + fHeaderLength, buffer, fDataIndex, dataLength);
        target.putByte(at + fNextHeaderField, (byte)fInnerProtocol);
        IpLengths.update(target, at, packetLength);
        completions++;
        return slot;
    }

    private int refuse(final int context, final int status)
    {
        if (context >= 0)
        {
            free(context);
        }
        drops++;
        return status;
    }

    private boolean sameBytes(final DirectBuffer buffer, final int index, final int stored, final int length)
    {
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (buffer.getLong(index + i) != memory.getLong(stored + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (buffer.getByte(index + i) != memory.getByte(stored + i))
            {
                return false;
            }
        }
        return true;
    }

    private boolean isExpired(final int context, final long nowNanos)
    {
        return nowNanos - started[context] >= timeoutNanos;
    }

    private void free(final int context)
    {
        if (state[context] != FREE)
        {
            inUse--;
        }
        state[context] = FREE;
        rangeCount[context] = 0;
    }

    private static int u16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }
}
