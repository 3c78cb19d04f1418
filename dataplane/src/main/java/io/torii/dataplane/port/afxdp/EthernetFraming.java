package io.torii.dataplane.port.afxdp;

import io.torii.dataplane.packet.PacketBatch;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Puts an Ethernet header in front of an IP packet for the ports that build frames themselves (AF_XDP,
 * DPDK): the next hop's MAC from the kernel's neighbour table, the port's own as source, the EtherType
 * from the IP version. A packet whose next hop is not resolved yet is refused and its address handed to
 * the resolver; one that is not IP or would not fit a frame is refused as malformed. Allocates nothing.
 */
public final class EthernetFraming
{
    /** Bytes of an Ethernet header without VLAN tags. */
    public static final int ETHERNET_HEADER = 14;
    /** IPv4's EtherType. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** IPv6's EtherType. */
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    /** What {@link #frame} answers for a packet that is not IP or does not fit. */
    public static final int MALFORMED = -1;
    /** What {@link #frame} answers for a packet whose next hop has no MAC yet. */
    public static final int UNRESOLVED = -2;

    private static final int IPV4_DESTINATION = 16;
    private static final int IPV6_DESTINATION = 24;
    private static final int IPV4_MIN = 20;
    private static final int IPV6_MIN = 40;

    private final long sourceMac;
    private final int maxFrame;
    private final NeighbourResolver resolver;

    /**
     * @param sourceMac the port's MAC, in the low 48 bits.
     * @param maxFrame the largest frame the port sends.
     * @param resolver asked for next hops that have no MAC yet.
     */
    public EthernetFraming(final long sourceMac, final int maxFrame, final NeighbourResolver resolver)
    {
        this.sourceMac = sourceMac;
        this.maxFrame = maxFrame;
        this.resolver = resolver;
    }

    /**
     * Writes the Ethernet header in the headroom in front of packet {@code i}.
     *
     * @param batch the batch.
     * @param i the packet.
     * @param neighbours the neighbour table to look the destination up in.
     * @return where the frame starts in the packet's buffer, or {@link #MALFORMED} or {@link #UNRESOLVED}.
     */
    public int frame(final PacketBatch batch, final int i, final NeighbourTable neighbours)
    {
        final UnsafeBuffer buffer = batch.buffer(i);
        final int offset = batch.offset(i);
        final int length = batch.length(i);
        if (offset < ETHERNET_HEADER || length < 1 || length + ETHERNET_HEADER > maxFrame)
        {
            return MALFORMED;
        }
        final int version = (buffer.getByte(offset) & 0xF0) >>> 4;
        final long high;
        final long low;
        if (version == 4 && length >= IPV4_MIN)
        {
            high = NeighbourTable.IPV4_MAPPED_HIGH;
            low = NeighbourTable.ipv4Low(buffer.getInt(offset + IPV4_DESTINATION, ByteOrder.BIG_ENDIAN));
        }
        else if (version == 6 && length >= IPV6_MIN)
        {
            high = buffer.getLong(offset + IPV6_DESTINATION, ByteOrder.BIG_ENDIAN);
            low = buffer.getLong(offset + IPV6_DESTINATION + Long.BYTES, ByteOrder.BIG_ENDIAN);
        }
        else
        {
            return MALFORMED;
        }
        final long mac = neighbours.lookup(high, low);
        if (mac == NeighbourTable.MISSING)
        {
            resolver.request(high, low);
            return UNRESOLVED;
        }
        final int start = offset - ETHERNET_HEADER;
        putMac(buffer, start, mac);
        putMac(buffer, start + 6, sourceMac);
        buffer.putShort(start + 12, (short)(version == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6), ByteOrder.BIG_ENDIAN);
        return start;
    }

    private static void putMac(final UnsafeBuffer buffer, final int index, final long mac)
    {
        buffer.putInt(index, (int)(mac >>> 16), ByteOrder.BIG_ENDIAN);
        buffer.putShort(index + 4, (short)mac, ByteOrder.BIG_ENDIAN);
    }
}
