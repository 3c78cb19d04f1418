package io.torii.dataplane.port.afxdp;

import java.util.Map;

/**
 * An immutable map from destination IP address to the MAC address of its next hop, read by the
 * worker per packet without locks or allocation, and replaced whole by the {@link NeighbourResolver}.
 *
 * <p>Addresses are 128-bit keys of two longs, big-endian: IPv6 as it is, IPv4 as its IPv4-mapped
 * IPv6 address ({@code ::ffff:a.b.c.d}, RFC 4291 section 2.5.5.2), so both families share one
 * table. MAC addresses are the low 48 bits of a long. Open addressing with linear probing, at most
 * half full.
 */
public final class NeighbourTable
{
    /** What {@link #lookup} returns for a destination without a resolved next hop. */
    public static final long MISSING = -1L;
    /** The high long of every IPv4-mapped key. */
    public static final long IPV4_MAPPED_HIGH = 0L;
    private static final long IPV4_MAPPED_PREFIX = 0xFFFFL << 32;

    /** The table with nothing in it. */
    public static final NeighbourTable EMPTY = new NeighbourTable(Map.of());

    private final long[] highs;
    private final long[] lows;
    private final long[] macs;
    private final boolean[] used;
    private final int mask;
    private final int size;

    /**
     * @param entries destination to MAC.
     */
    public NeighbourTable(final Map<IpKey, Long> entries)
    {
        final int slots = Integer.highestOneBit(Math.max(8, entries.size() * 2)) << 1;
        this.highs = new long[slots];
        this.lows = new long[slots];
        this.macs = new long[slots];
        this.used = new boolean[slots];
        this.mask = slots - 1;
        this.size = entries.size();
        for (final Map.Entry<IpKey, Long> entry : entries.entrySet())
        {
            int slot = hash(entry.getKey().high(), entry.getKey().low()) & mask;
            while (used[slot])
            {
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            highs[slot] = entry.getKey().high();
            lows[slot] = entry.getKey().low();
            macs[slot] = entry.getValue();
        }
    }

    /**
     * A destination address as the table keys it.
     *
     * @param high the first eight bytes, big-endian.
     * @param low the last eight bytes.
     */
    public record IpKey(long high, long low)
    {
        /** @return the IPv4-mapped key of an IPv4 address given as a big-endian int. */
        public static IpKey ipv4(final int address)
        {
            return new IpKey(IPV4_MAPPED_HIGH, ipv4Low(address));
        }
    }

    /** @return the low long of the IPv4-mapped key of {@code address}. */
    public static long ipv4Low(final int address)
    {
        return IPV4_MAPPED_PREFIX | (address & 0xFFFFFFFFL);
    }

    /**
     * @param high the destination's first eight bytes (0 for IPv4).
     * @param low its last eight bytes ({@link #ipv4Low(int)} for IPv4).
     * @return the next hop's MAC, or {@link #MISSING}.
     */
    public long lookup(final long high, final long low)
    {
        int slot = hash(high, low) & mask;
        while (used[slot])
        {
            if (highs[slot] == high && lows[slot] == low)
            {
                return macs[slot];
            }
            slot = (slot + 1) & mask;
        }
        return MISSING;
    }

    /** @return how many destinations are resolved. */
    public int size()
    {
        return size;
    }

    private static int hash(final long high, final long low)
    {
        final long mixed = (high * 0x9E3779B97F4A7C15L) ^ (low * 0xC2B2AE3D27D4EB4FL);
        return (int)(mixed ^ (mixed >>> 29) ^ (mixed >>> 41));
    }
}
