package io.torii.dataplane.mtu;

import io.torii.dataplane.packet.InternetChecksum;
import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Builds the ICMP error that tells a sender its packet is too big for the tunnel: ICMPv4 "fragmentation needed and
 * DF set" (RFC 792, with the next-hop MTU of RFC 1191 §4) or ICMPv6 "packet too big" (RFC 4443 §3.2).
 * <pre>
 *   ICMPv4 type 3 code 4:                          ICMPv6 type 2 code 0:
 *   | type | code |   checksum    |                | type | code |   checksum    |
 *   |    unused   | next-hop MTU  |                |             MTU             |
 *   | offending packet, up to 576 bytes in all  |  | offending packet, up to 1280 bytes in all |
 * </pre>
 * The reply quotes as much of the offending packet as fits a 576-byte IPv4 datagram (RFC 1812 §4.3.2.3) or the
 * 1280-byte IPv6 minimum MTU (RFC 4443 §2.4(c)); its source is the gateway's own address, its destination the
 * offending packet's source. No reply is built (RFC 1812 §4.3.2.7, RFC 4443 §2.4(e)) for ICMP errors, for
 * fragments other than the first, for sources that do not name one host (unspecified, loopback, multicast,
 * broadcast), nor, over IPv4, for packets sent to a multicast or the limited-broadcast address; IPv6 "packet too
 * big" is one of the errors RFC 4443 lets a node send for multicast destinations.
 *
 * <p>Reusable and not thread-safe: one per worker. Allocation-free after construction.
 */
public final class PacketTooBig
{
    /** The offending packet is itself an ICMP error: never answered, to avoid error storms. */
    public static final int NO_REPLY_TO_ERROR = -1;
    /** The source (or, over IPv4, the destination) is not a unicast host address. */
    public static final int NO_REPLY_TO_ADDRESS = -2;
    /** A fragment other than the first: only the first one names the sender's protocol and ports. */
    public static final int NO_REPLY_TO_FRAGMENT = -3;
    /** An IPv4 packet with DF clear: fragment it instead. */
    public static final int MAY_FRAGMENT = -4;
    /** The offending packet does not parse. */
    public static final int MALFORMED = -5;
    /** The reply does not fit the given buffer, or the batch is full. */
    public static final int NO_ROOM = -6;
    /** The MTU is below the family's minimum (68, 1280), or the packet is not larger than it. */
    public static final int BAD_MTU = -7;
    /** No gateway address is configured for the packet's family. */
    public static final int NO_GATEWAY = -8;

    /** Largest IPv4 ICMP error datagram (RFC 1812 §4.3.2.3). */
    public static final int IPV4_MAX_REPLY = 576;
    /** Largest IPv6 ICMP error packet: the IPv6 minimum MTU (RFC 4443 §2.4(c)). */
    public static final int IPV6_MAX_REPLY = TunnelMtu.IPV6_MIN_MTU;

    private static final int ICMP_HEADER = 8;
    private static final int ICMPV4 = 1;
    private static final int ICMPV4_UNREACHABLE = 3;
    private static final int ICMPV4_FRAGMENTATION_NEEDED = 4;
    private static final int ICMPV6_PACKET_TOO_BIG = 2;
    private static final int ICMPV6_FIRST_INFORMATIONAL = 128;
    /** RFC 1812 §4.3.2.5: precedence 6, internetwork control. */
    private static final int IPV4_ERROR_TOS = 0xC0;
    private static final int HOP_LIMIT = 64;
    private static final int FRAGMENT_OFFSET_MASK = 0x1FFF;
    private static final int IPV6_FRAGMENT_OFFSET_MASK = 0xFFF8;
    private static final int MAX_EXTENSION_HEADERS = 16;

    private final int ipv4Gateway;
    private final boolean hasIpv4Gateway;
    private final byte[] ipv6Gateway;
    private final Ipv4HeaderFlyweight ipv4 = new Ipv4HeaderFlyweight();
    private final Ipv6HeaderFlyweight ipv6 = new Ipv6HeaderFlyweight();
    private int identification;

    /**
     * @param ipv4Gateway the gateway's IPv4 address as a big-endian int, the source of ICMPv4 replies.
     * @param hasIpv4Gateway false when the gateway has no IPv4 address: IPv4 packets then get no reply.
     * @param ipv6Gateway the gateway's 16-byte IPv6 address, or null when it has none; copied.
     * @throws IllegalArgumentException when the IPv6 address is not 16 bytes.
     */
    public PacketTooBig(final int ipv4Gateway, final boolean hasIpv4Gateway, final byte[] ipv6Gateway)
    {
        if (ipv6Gateway != null && ipv6Gateway.length != Ipv6HeaderFlyweight.ADDRESS_LENGTH)
        {
            throw new IllegalArgumentException("IPv6 gateway address must be 16 bytes, got " + ipv6Gateway.length);
        }
        this.ipv4Gateway = ipv4Gateway;
        this.hasIpv4Gateway = hasIpv4Gateway;
        this.ipv6Gateway = ipv6Gateway == null ? null : ipv6Gateway.clone();
    }

    /**
     * Builds the reply into the next free slot of a batch.
     *
     * @param in the batch holding the offending packet.
     * @param index its slot.
     * @param mtu the MTU to report.
     * @param out the batch to claim the reply's slot in (may be {@code in}).
     * @return the reply's slot index, or a negative code as {@link #build(DirectBuffer, int, int, int,
     *         MutableDirectBuffer, int, int)} returns; on a negative code no slot is claimed.
     */
    public int build(final PacketBatch in, final int index, final int mtu, final PacketBatch out)
    {
        final int length = replyLength(in.buffer(index), in.offset(index), in.length(index), mtu);
        if (length < 0)
        {
            return length;
        }
        final int slot = out.claim(length);
        if (slot < 0)
        {
            return NO_ROOM;
        }
        write(in.buffer(index), in.offset(index), mtu, out.buffer(slot), out.offset(slot), length);
        return slot;
    }

    /**
     * @param in the offending packet's buffer.
     * @param inOffset where its IP header starts.
     * @param inLength bytes available from {@code inOffset}.
     * @param mtu the MTU to report: the tunnel's inner MTU.
     * @param out where to write the reply, starting with its IP header.
     * @param outOffset where the reply starts.
     * @param outCapacity bytes available from {@code outOffset}; the reply must not overlap the offending packet.
     * @return the reply's length, or a negative code: {@link #NO_REPLY_TO_ERROR}, {@link #NO_REPLY_TO_ADDRESS},
     *         {@link #NO_REPLY_TO_FRAGMENT}, {@link #MAY_FRAGMENT}, {@link #MALFORMED}, {@link #NO_ROOM},
     *         {@link #BAD_MTU} or {@link #NO_GATEWAY}; nothing is written then.
     */
    public int build(
        final DirectBuffer in,
        final int inOffset,
        final int inLength,
        final int mtu,
        final MutableDirectBuffer out,
        final int outOffset,
        final int outCapacity)
    {
        final int length = replyLength(in, inOffset, inLength, mtu);
        if (length < 0)
        {
            return length;
        }
        if (length > outCapacity)
        {
            return NO_ROOM;
        }
        write(in, inOffset, mtu, out, outOffset, length);
        return length;
    }

    /**
     * Decides whether to reply and how long the reply is; reads the offending packet only.
     */
    private int replyLength(final DirectBuffer in, final int offset, final int length, final int mtu)
    {
        if (length < 1)
        {
            return MALFORMED;
        }
        final int version = (in.getByte(offset) & 0xF0) >>> 4;
        if (version == 4)
        {
            return ipv4ReplyLength(in, offset, length, mtu);
        }
        if (version == 6)
        {
            return ipv6ReplyLength(in, offset, length, mtu);
        }
        return MALFORMED;
    }

    private int ipv4ReplyLength(final DirectBuffer in, final int offset, final int length, final int mtu)
    {
        if (!hasIpv4Gateway)
        {
            return NO_GATEWAY;
        }
        if (length < Ipv4HeaderFlyweight.MIN_LENGTH)
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
        final int flags = in.getShort(offset + Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN);
        if ((flags & FRAGMENT_OFFSET_MASK) != 0)
        {
            return NO_REPLY_TO_FRAGMENT;
        }
        final int source = in.getInt(offset + Ipv4HeaderFlyweight.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
        final int destination = in.getInt(offset + Ipv4HeaderFlyweight.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
        if (!isIpv4UnicastHost(source) || isIpv4MulticastOrBroadcast(destination))
        {
            return NO_REPLY_TO_ADDRESS;
        }
        if ((in.getByte(offset + Ipv4HeaderFlyweight.PROTOCOL_OFFSET) & 0xFF) == ICMPV4 &&
            (headerLength == totalLength || isIcmpv4Error(in.getByte(offset + headerLength) & 0xFF)))
        {
            return NO_REPLY_TO_ERROR;
        }
        if ((flags & Ipv4HeaderFlyweight.DONT_FRAGMENT) == 0)
        {
            return MAY_FRAGMENT;
        }
        if (mtu < TunnelMtu.IPV4_MIN_MTU || totalLength <= mtu)
        {
            return BAD_MTU;
        }
        return Math.min(IPV4_MAX_REPLY, Ipv4HeaderFlyweight.MIN_LENGTH + ICMP_HEADER + totalLength);
    }

    private int ipv6ReplyLength(final DirectBuffer in, final int offset, final int length, final int mtu)
    {
        if (ipv6Gateway == null)
        {
            return NO_GATEWAY;
        }
        if (length < Ipv6HeaderFlyweight.LENGTH)
        {
            return MALFORMED;
        }
        final int end = offset + Ipv6HeaderFlyweight.LENGTH +
            (in.getShort(offset + Ipv6HeaderFlyweight.PAYLOAD_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF);
        if (end > offset + length)
        {
            return MALFORMED;
        }
        final int source = offset + Ipv6HeaderFlyweight.SOURCE_OFFSET;
        if ((in.getByte(source) & 0xFF) == 0xFF || isUnspecifiedOrLoopback(in, source))
        {
            return NO_REPLY_TO_ADDRESS;
        }
        final int chain = walkIpv6(in, offset, end);
        if (chain < 0)
        {
            return chain;
        }
        if (mtu < TunnelMtu.IPV6_MIN_MTU || end - offset <= mtu)
        {
            return BAD_MTU;
        }
        return Math.min(IPV6_MAX_REPLY, Ipv6HeaderFlyweight.LENGTH + ICMP_HEADER + end - offset);
    }

    /**
     * Walks the extension headers to the upper layer, refusing non-first fragments and ICMPv6 errors; a chain
     * that ends before the upper layer is in the packet (a first fragment cut short) is still answered.
     *
     * @return 0 to reply, or a negative code.
     */
    private static int walkIpv6(final DirectBuffer in, final int offset, final int end)
    {
        int next = in.getByte(offset + Ipv6HeaderFlyweight.NEXT_HEADER_OFFSET) & 0xFF;
        int current = offset + Ipv6HeaderFlyweight.LENGTH;
        for (int i = 0; i < MAX_EXTENSION_HEADERS; i++)
        {
            if (next == IpProtocols.ICMPV6)
            {
                if (current >= end)
                {
                    return MALFORMED;
                }
                return (in.getByte(current) & 0xFF) < ICMPV6_FIRST_INFORMATIONAL ? NO_REPLY_TO_ERROR : 0;
            }
            if (next != IpProtocols.HOP_BY_HOP && next != IpProtocols.ROUTING && next != IpProtocols.FRAGMENT &&
                next != IpProtocols.DESTINATION_OPTIONS)
            {
                return 0;
            }
            if (current + 8 > end)
            {
                return MALFORMED;
            }
            if (next == IpProtocols.FRAGMENT &&
                (in.getShort(current + 2, ByteOrder.BIG_ENDIAN) & IPV6_FRAGMENT_OFFSET_MASK) != 0)
            {
                return NO_REPLY_TO_FRAGMENT;
            }
            final int headerLength = next == IpProtocols.FRAGMENT ? 8 : ((in.getByte(current + 1) & 0xFF) + 1) * 8;
            next = in.getByte(current) & 0xFF;
            current += headerLength;
        }
        return MALFORMED;
    }

    private void write(
        final DirectBuffer in, final int inOffset, final int mtu, final MutableDirectBuffer out, final int outOffset,
        final int length)
    {
        if ((in.getByte(inOffset) & 0xF0) == 0x40)
        {
            final int icmp = outOffset + Ipv4HeaderFlyweight.MIN_LENGTH;
            final int quote = length - Ipv4HeaderFlyweight.MIN_LENGTH - ICMP_HEADER;
            out.putBytes(icmp + ICMP_HEADER, in, inOffset, quote);
            final int destination = in.getInt(inOffset + Ipv4HeaderFlyweight.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
            ipv4.wrap(out, outOffset)
                .versionAndHeaderLength(Ipv4HeaderFlyweight.MIN_LENGTH)
                .tos(IPV4_ERROR_TOS)
                .totalLength(length)
                .identification(identification++ & 0xFFFF)
                .flagsAndFragmentOffset(0)
                .ttl(HOP_LIMIT)
                .protocol(ICMPV4)
                .source(ipv4Gateway)
                .destination(destination);
            IpLengths.updateIpv4Checksum(out, outOffset);
            out.putByte(icmp, (byte)ICMPV4_UNREACHABLE);
            out.putByte(icmp + 1, (byte)ICMPV4_FRAGMENTATION_NEEDED);
            out.putShort(icmp + 2, (short)0);
            out.putShort(icmp + 4, (short)0);
            out.putShort(icmp + 6, (short)mtu, ByteOrder.BIG_ENDIAN);
            final int checksum = InternetChecksum.finish(InternetChecksum.sum(out, icmp, length - (icmp - outOffset), 0));
            out.putShort(icmp + 2, (short)checksum, ByteOrder.BIG_ENDIAN);
        }
        else
        {
            final int icmp = outOffset + Ipv6HeaderFlyweight.LENGTH;
            final int icmpLength = length - Ipv6HeaderFlyweight.LENGTH;
            out.putBytes(icmp + ICMP_HEADER, in, inOffset, icmpLength - ICMP_HEADER);
            out.putBytes(outOffset + Ipv6HeaderFlyweight.DESTINATION_OFFSET, in,
                inOffset + Ipv6HeaderFlyweight.SOURCE_OFFSET, Ipv6HeaderFlyweight.ADDRESS_LENGTH);
            out.putBytes(outOffset + Ipv6HeaderFlyweight.SOURCE_OFFSET, ipv6Gateway);
            ipv6.wrap(out, outOffset)
                .versionClassFlow(0x6000_0000)
                .payloadLength(icmpLength)
                .nextHeader(IpProtocols.ICMPV6)
                .hopLimit(HOP_LIMIT);
            out.putByte(icmp, (byte)ICMPV6_PACKET_TOO_BIG);
            out.putByte(icmp + 1, (byte)0);
            out.putShort(icmp + 2, (short)0);
            out.putInt(icmp + 4, mtu, ByteOrder.BIG_ENDIAN);
            int sum = InternetChecksum.sum(out, outOffset + Ipv6HeaderFlyweight.SOURCE_OFFSET,
                2 * Ipv6HeaderFlyweight.ADDRESS_LENGTH, 0);
            sum += icmpLength + IpProtocols.ICMPV6;
            sum = InternetChecksum.sum(out, icmp, icmpLength, sum);
            out.putShort(icmp + 2, (short)InternetChecksum.finish(sum), ByteOrder.BIG_ENDIAN);
        }
    }

    private static boolean isIcmpv4Error(final int type)
    {
        // Destination unreachable, source quench, redirect, time exceeded, parameter problem.
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    private static boolean isIpv4UnicastHost(final int address)
    {
        final int first = address >>> 24;
        // 0/8 "this network", 127/8 loopback, 224/4 multicast, 240/4 reserved and the limited broadcast.
        return first != 0 && first != 127 && first < 224;
    }

    private static boolean isIpv4MulticastOrBroadcast(final int address)
    {
        return (address >>> 28) == 0xE || address == -1;
    }

    private static boolean isUnspecifiedOrLoopback(final DirectBuffer in, final int index)
    {
        for (int i = 0; i < Ipv6HeaderFlyweight.ADDRESS_LENGTH - 1; i++)
        {
            if (in.getByte(index + i) != 0)
            {
                return false;
            }
        }
        final int last = in.getByte(index + Ipv6HeaderFlyweight.ADDRESS_LENGTH - 1);
        return last == 0 || last == 1;
    }
}
