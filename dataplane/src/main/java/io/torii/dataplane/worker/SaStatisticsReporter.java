package io.torii.dataplane.worker;

import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;

/**
 * Sends each of a worker's SAs' counts (packets and bytes protected, packets dropped) to the control plane:
 * every SA once per interval, and an SA's final counts when it is removed, so that the control plane's byte
 * and packet totals (strongSwan's {@code bytes_in}, {@code packets_out}) survive the SA.
 *
 * <p>The ring is shared with answers and lifetime events, so a duty cycle sends at most
 * {@link #EVENTS_PER_CYCLE} statistics and looks at most at {@link #SLOTS_PER_CYCLE} slots; a sweep through
 * 100,000 SAs spreads over many cycles. What the ring refuses is retried from where it stopped. Final counts
 * wait in a bounded queue; past its {@link #FINAL_QUEUE} entries they are counted as lost. Owned by the
 * worker's thread; allocation-free after construction.
 */
public final class SaStatisticsReporter
{
    /** Statistics events one duty cycle sends at most. */
    public static final int EVENTS_PER_CYCLE = 64;
    /** SA slots one duty cycle looks at at most. */
    public static final int SLOTS_PER_CYCLE = 1024;
    /** Final counts of removed SAs waiting for room on the ring, at most. */
    public static final int FINAL_QUEUE = 1024;

    private static final Disposition[] DISPOSITIONS = Disposition.values();
    private static final IpsecProtocol[] PROTOCOLS = IpsecProtocol.values();
    private static final Direction[] DIRECTIONS = Direction.values();

    private final SaTable table;
    private final DispositionCounters counters;
    private final SaLifetimeTracker lifetimes;
    private final int capacity;
    private final int[] finalSpis = new int[FINAL_QUEUE];
    private final byte[] finalProtocols = new byte[FINAL_QUEUE];
    private final byte[] finalDirections = new byte[FINAL_QUEUE];
    private final long[] finalPackets = new long[FINAL_QUEUE];
    private final long[] finalBytes = new long[FINAL_QUEUE];
    private final long[] finalDropped = new long[FINAL_QUEUE];
    private int finalHead;
    private int finalCount;
    private long finalsLost;
    private EventsProxy events;
    private long intervalNanos;
    private boolean started;
    private boolean sweeping;
    private long sweepStarted;
    private long nextSweep;
    private int cursor;

    /**
     * @param table the worker's SAs.
     * @param lifetimes where the SAs' bytes are counted.
     */
    public SaStatisticsReporter(final SaTable table, final SaLifetimeTracker lifetimes)
    {
        this.table = table;
        this.counters = table.counters();
        this.lifetimes = lifetimes;
        this.capacity = table.capacity();
    }

    /**
     * @param proxy where statistics go; null to send none.
     * @param interval nanoseconds between two reports of the same SA; 0 for reports on removal only.
     */
    public void events(final EventsProxy proxy, final long interval)
    {
        if (interval < 0)
        {
            throw new IllegalArgumentException("statistics interval " + interval + " ns, expected 0 (off) or more");
        }
        this.events = proxy;
        this.intervalNanos = interval;
        this.started = false;
        this.sweeping = false;
    }

    /**
     * Sends, or queues, the final counts of an SA about to be removed. Call before the table removes it.
     *
     * @param slot the SA's slot.
     */
    public void removed(final int slot)
    {
        final SaConfig config = table.config(slot);
        if (config == null || events == null)
        {
            return;
        }
        final long packets = lifetimes.packets(slot);
        final long bytes = lifetimes.bytes(slot);
        final long dropped = dropped(slot);
        final Direction direction = table.direction(slot);
        if (finalCount == 0 && events.saStatistics(config.spi(), config.protocol(), direction, packets, bytes, dropped))
        {
            return;
        }
        if (finalCount == FINAL_QUEUE)
        {
            finalsLost++;
            return;
        }
        final int at = (finalHead + finalCount) % FINAL_QUEUE;
        finalSpis[at] = config.spi();
        finalProtocols[at] = (byte)config.protocol().ordinal();
        finalDirections[at] = (byte)direction.ordinal();
        finalPackets[at] = packets;
        finalBytes[at] = bytes;
        finalDropped[at] = dropped;
        finalCount++;
    }

    /**
     * Sends queued final counts, then continues the periodic sweep when one is due. Call once per duty cycle.
     *
     * @param now the worker's clock.
     * @return events sent.
     */
    public int poll(final long now)
    {
        if (events == null)
        {
            return 0;
        }
        int budget = EVENTS_PER_CYCLE;
        while (finalCount > 0 && budget > 0)
        {
            final int at = finalHead;
            if (!events.saStatistics(finalSpis[at], PROTOCOLS[finalProtocols[at]], DIRECTIONS[finalDirections[at]],
                finalPackets[at], finalBytes[at], finalDropped[at]))
            {
                return EVENTS_PER_CYCLE - budget;
            }
            finalHead = (finalHead + 1) % FINAL_QUEUE;
            finalCount--;
            budget--;
        }
        if (intervalNanos == 0)
        {
            return EVENTS_PER_CYCLE - budget;
        }
        if (!started)
        {
            started = true;
            nextSweep = now + intervalNanos;
        }
        if (!sweeping)
        {
            if (now < nextSweep)
            {
                return EVENTS_PER_CYCLE - budget;
            }
            sweeping = true;
            sweepStarted = now;
            cursor = 0;
        }
        return EVENTS_PER_CYCLE - sweep(budget);
    }

    /** @return the budget left. */
    private int sweep(final int budget)
    {
        int left = budget;
        final int end = Math.min(capacity, cursor + SLOTS_PER_CYCLE);
        while (cursor < end && left > 0)
        {
            final SaConfig config = table.config(cursor);
            if (config != null)
            {
                if (!events.saStatistics(config.spi(), config.protocol(), table.direction(cursor),
                    lifetimes.packets(cursor), lifetimes.bytes(cursor), dropped(cursor)))
                {
                    return left;
                }
                left--;
            }
            cursor++;
        }
        if (cursor >= capacity)
        {
            sweeping = false;
            // Intervals count from the start of a sweep, so a long sweep does not push every later one back.
            nextSweep = sweepStarted + intervalNanos;
        }
        return left;
    }

    private long dropped(final int slot)
    {
        long dropped = 0;
        for (final Disposition disposition : DISPOSITIONS)
        {
            if (disposition != Disposition.OK)
            {
                dropped += counters.count(slot, disposition);
            }
        }
        return dropped;
    }

    /** @return final counts still waiting for room on the ring. */
    public int finalsQueued()
    {
        return finalCount;
    }

    /** @return final counts given up because the queue was full. */
    public long finalsLost()
    {
        return finalsLost;
    }
}
