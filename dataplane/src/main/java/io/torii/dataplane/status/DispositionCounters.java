package io.torii.dataplane.status;

import java.util.Arrays;

/**
 * Packet counts per SA and per {@link Disposition}, and totals per disposition.
 *
 * <p>Written by the one worker that owns the SAs, read by anyone for reporting. Plain longs for
 * now; the dataplane runtime moves them into shared memory so another process can read them.
 */
public final class DispositionCounters
{
    private static final Disposition[] DISPOSITIONS = Disposition.values();
    private static final int REASONS = DISPOSITIONS.length;

    private final int saCapacity;
    private final long[] perSa;
    private final long[] totals = new long[REASONS];

    /**
     * @param saCapacity how many SA slots to count for.
     */
    public DispositionCounters(final int saCapacity)
    {
        this.saCapacity = saCapacity;
        this.perSa = new long[saCapacity * REASONS];
    }

    /**
     * Counts one packet.
     *
     * @param saSlot the SA the packet belonged to, or -1 when there was none.
     * @param disposition what happened to it.
     */
    public void increment(final int saSlot, final Disposition disposition)
    {
        totals[disposition.ordinal()]++;
        if (saSlot >= 0 && saSlot < saCapacity)
        {
            perSa[saSlot * REASONS + disposition.ordinal()]++;
        }
    }

    /**
     * Loads an SA's OK counter without changing it, ahead of a burst's increments.
     *
     * @param saSlot an SA's slot.
     * @return a value of no meaning, for the caller to fold into a sink so the load is kept.
     */
    public long warm(final int saSlot)
    {
        return saSlot >= 0 && saSlot < saCapacity ? perSa[saSlot * REASONS + Disposition.OK.ordinal()] : 0;
    }

    /**
     * Counts several packets of one SA with the same disposition, as a stage does once per burst.
     *
     * @param saSlot the SA, or -1 when there was none.
     * @param disposition what happened to them.
     * @param packets how many.
     */
    public void add(final int saSlot, final Disposition disposition, final int packets)
    {
        totals[disposition.ordinal()] += packets;
        if (saSlot >= 0 && saSlot < saCapacity)
        {
            perSa[saSlot * REASONS + disposition.ordinal()] += packets;
        }
    }

    /** @return packets with this disposition, over all SAs. */
    public long total(final Disposition disposition)
    {
        return totals[disposition.ordinal()];
    }

    /** @return packets of one SA with this disposition. */
    public long count(final int saSlot, final Disposition disposition)
    {
        return perSa[saSlot * REASONS + disposition.ordinal()];
    }

    /** Zeroes one SA's counters, when its slot is reused. */
    public void resetSa(final int saSlot)
    {
        Arrays.fill(perSa, saSlot * REASONS, (saSlot + 1) * REASONS, 0L);
    }
}
