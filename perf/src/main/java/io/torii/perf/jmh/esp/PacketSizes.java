package io.torii.perf.jmh.esp;

import java.util.Arrays;

/**
 * The {@code size} parameter of the ESP benchmarks: the IP packet size of the cleartext packet in bytes,
 * or {@code imix}, the classic simple IMIX of 40-, 576- and 1500-byte packets in the ratio 7:4:1.
 *
 * <p>IMIX is a repeating cycle of {@link #IMIX_CYCLE} sizes, the large ones spread out rather than
 * bunched, so that a batch of 32 holds a realistic mix and consecutive batches differ.
 */
public final class PacketSizes
{
    /** The parameter value that selects the IMIX cycle. */
    public static final String IMIX = "imix";
    /** The IMIX cycle length: 7 + 4 + 1 packets. */
    public static final int IMIX_CYCLE = 12;
    /** The smallest packet: an IPv4 header and a UDP header with no payload. */
    public static final int MIN_SIZE = 28;
    /** The largest packet the benchmarks build: a full Ethernet MTU. */
    public static final int MAX_SIZE = 1500;

    private static final int[] IMIX_SIZES = {40, 576, 40, 40, 576, 40, 1500, 40, 576, 40, 40, 576};

    private PacketSizes()
    {
    }

    /**
     * @param size the parameter: a number of bytes or {@link #IMIX}.
     * @param count how many packet sizes to return.
     * @return the size of each of {@code count} consecutive packets.
     * @throws IllegalArgumentException when the parameter is neither {@link #IMIX} nor a number from
     *         {@link #MIN_SIZE} to {@link #MAX_SIZE}.
     */
    public static int[] sequence(final String size, final int count)
    {
        final int[] sizes = new int[count];
        if (IMIX.equals(size))
        {
            for (int i = 0; i < count; i++)
            {
                sizes[i] = IMIX_SIZES[i % IMIX_CYCLE];
            }
        }
        else
        {
            Arrays.fill(sizes, fixed(size));
        }
        return sizes;
    }

    /**
     * @param size the parameter.
     * @return the mean cleartext packet size in bytes: what Gbit/s is computed from.
     */
    public static double meanBytes(final String size)
    {
        if (IMIX.equals(size))
        {
            long total = 0;
            for (final int bytes : IMIX_SIZES)
            {
                total += bytes;
            }
            return (double)total / IMIX_CYCLE;
        }
        return fixed(size);
    }

    private static int fixed(final String size)
    {
        final int bytes;
        try
        {
            bytes = Integer.parseInt(size);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("packet size '" + size + "': expected a number of bytes from " +
                MIN_SIZE + " to " + MAX_SIZE + " or '" + IMIX + "'", ex);
        }
        if (bytes < MIN_SIZE || bytes > MAX_SIZE)
        {
            throw new IllegalArgumentException("packet size " + bytes + " out of range: expected " + MIN_SIZE +
                " to " + MAX_SIZE + " bytes (an IPv4 UDP packet) or '" + IMIX + "'");
        }
        return bytes;
    }
}
