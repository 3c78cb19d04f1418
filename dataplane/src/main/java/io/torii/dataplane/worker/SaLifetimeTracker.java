package io.torii.dataplane.worker;

import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaRuntimeFlyweight;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.status.shm.WorkerCounters;
import java.util.Arrays;

/**
 * Enforces the lifetimes of one worker's SAs (RFC 4301 §4.4.2.1; strongSwan's rekey and life bytes, packets and
 * time): the soft limit asks the control plane to rekey, the hard limit ends the SA, whose packets then leave
 * with {@link Disposition#SA_EXPIRED}.
 *
 * <p>Packets are the SA's OK count in the table's {@link DispositionCounters}; bytes are counted here, once per
 * run of packets of one SA, and passed on to the shared counters in the same walk, so each is counted once. After
 * each run the counts are compared with a threshold precomputed from the next limit due, so the hot path does two
 * comparisons per run and nothing per packet; a burst may therefore carry an SA up to one burst past a limit.
 * Time limits are checked from the worker's clock every {@link #TIME_CHECK_INTERVAL_NANOS}, a slice of slots per
 * duty cycle. Soft and hard events are each raised once per SA; one the events ring refused is retried on later
 * cycles. Owned by the worker's thread; allocation-free after construction.
 */
public final class SaLifetimeTracker
{
    /** How often time limits are looked at: a few times a second, as strongSwan's kernel interfaces do. */
    public static final long TIME_CHECK_INTERVAL_NANOS = 250_000_000L;
    /** No limit, or no deadline. */
    static final long NEVER = Long.MAX_VALUE;
    /** Passed as "now" from the hot path, where only counts are checked: before every deadline. */
    private static final long COUNTS_ONLY = Long.MIN_VALUE;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_SECONDS = Long.MAX_VALUE / 4 / NANOS_PER_SECOND;
    private static final int SLOTS_PER_CYCLE = 1024;
    private static final LifetimeLimit[] LIMITS = LifetimeLimit.values();

    private static final byte SOFT_REACHED = 1;
    private static final byte HARD_REACHED = 1 << 1;
    private static final byte SOFT_OWED = 1 << 2;
    private static final byte HARD_OWED = 1 << 3;
    private static final byte OWED = SOFT_OWED | HARD_OWED;

    private final SaTable table;
    private final DispositionCounters counters;
    private final WorkerCounters shared;
    private final SaRuntimeFlyweight runtime = new SaRuntimeFlyweight();
    private final int capacity;
    private final long[] bytes;
    private final long[] softPackets;
    private final long[] hardPackets;
    private final long[] softBytes;
    private final long[] hardBytes;
    private final long[] installedAt;
    private final long[] softDeadline;
    private final long[] hardDeadline;
    private final long[] nextPackets;
    private final long[] nextBytes;
    private final byte[] state;
    private final byte[] softLimit;
    private final byte[] hardLimit;
    private EventsProxy events;
    private int owedSlots;
    private int owedCursor;
    private int timeCursor;
    private long nextTimeSweep = Long.MIN_VALUE;

    /**
     * @param table the worker's SAs.
     * @param shared the worker's shared counters, given each run's bytes; null for none.
     */
    public SaLifetimeTracker(final SaTable table, final WorkerCounters shared)
    {
        this.table = table;
        this.counters = table.counters();
        this.shared = shared;
        this.capacity = table.capacity();
        this.bytes = new long[capacity];
        this.softPackets = new long[capacity];
        this.hardPackets = new long[capacity];
        this.softBytes = new long[capacity];
        this.hardBytes = new long[capacity];
        this.installedAt = new long[capacity];
        this.softDeadline = filled(capacity);
        this.hardDeadline = filled(capacity);
        this.nextPackets = filled(capacity);
        this.nextBytes = filled(capacity);
        this.state = new byte[capacity];
        this.softLimit = new byte[capacity];
        this.hardLimit = new byte[capacity];
    }

    private static long[] filled(final int length)
    {
        final long[] values = new long[length];
        Arrays.fill(values, NEVER);
        return values;
    }

    /**
     * @param proxy where soft and hard events go; null to enforce limits without telling anyone.
     */
    public void events(final EventsProxy proxy)
    {
        this.events = proxy;
    }

    /**
     * Starts tracking an SA just installed in {@code slot}: counts from zero, time from {@code now}.
     *
     * @param slot the SA's slot.
     * @param lifetimes its limits.
     * @param now the worker's clock.
     */
    public void installed(final int slot, final SaLifetimes lifetimes, final long now)
    {
        forget(slot);
        installedAt[slot] = now;
        limits(slot, lifetimes);
        evaluate(slot, now);
    }

    /**
     * Replaces an SA's limits, keeping its counts and installation time. A soft event already raised is raised
     * again only when the new soft limits lie beyond what the SA has used, and is then due at the new limit; an
     * expired SA stays expired.
     *
     * @param slot the SA's slot.
     * @param lifetimes its new limits.
     * @param now the worker's clock.
     */
    public void updated(final int slot, final SaLifetimes lifetimes, final long now)
    {
        limits(slot, lifetimes);
        if ((state[slot] & (SOFT_REACHED | HARD_REACHED)) == SOFT_REACHED)
        {
            final LifetimeLimit soft = reached(slot, softPackets[slot], softBytes[slot], softDeadline[slot], now);
            if (soft == null)
            {
                state[slot] &= ~SOFT_REACHED;
            }
        }
        evaluate(slot, now);
    }

    /**
     * Stops tracking an SA about to be removed; events it still owed are dropped with it.
     *
     * @param slot the SA's slot.
     */
    public void removed(final int slot)
    {
        forget(slot);
    }

    private void forget(final int slot)
    {
        if ((state[slot] & OWED) != 0)
        {
            owedSlots--;
        }
        state[slot] = 0;
        bytes[slot] = 0;
        limits(slot, SaLifetimes.NONE);
    }

    private void limits(final int slot, final SaLifetimes lifetimes)
    {
        softPackets[slot] = lifetimes.softPackets();
        hardPackets[slot] = lifetimes.hardPackets();
        softBytes[slot] = lifetimes.softBytes();
        hardBytes[slot] = lifetimes.hardBytes();
        softDeadline[slot] = deadline(installedAt[slot], lifetimes.softSeconds());
        hardDeadline[slot] = deadline(installedAt[slot], lifetimes.hardSeconds());
        thresholds(slot);
    }

    private static long deadline(final long from, final long seconds)
    {
        return seconds == 0 || seconds > MAX_SECONDS ? NEVER : from + seconds * NANOS_PER_SECOND;
    }

    /**
     * Adds the bytes of a batch's OK packets to their SAs, passes them to the shared counters, and checks each
     * SA's counts against its next limit, once per run of packets of one SA. Call it after the stage that gave
     * the packets their SA and counted them. Hot path.
     *
     * @param batch the packets, as the stage left them.
     * @param saSlots each packet's SA slot, or a negative number for none.
     */
    public void account(final PacketBatch batch, final int[] saSlots)
    {
        int runSlot = -1;
        long runBytes = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            final int slot = saSlots[i];
            if (slot < 0 || batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            if (slot != runSlot)
            {
                endRun(runSlot, runBytes);
                runSlot = slot;
                runBytes = 0;
            }
            runBytes += batch.length(i);
        }
        endRun(runSlot, runBytes);
    }

    private void endRun(final int slot, final long runBytes)
    {
        if (slot < 0 || slot >= capacity)
        {
            return;
        }
        if (shared != null)
        {
            shared.addSaBytes(slot, runBytes);
        }
        final long total = bytes[slot] + runBytes;
        bytes[slot] = total;
        if (total >= nextBytes[slot] || counters.count(slot, Disposition.OK) >= nextPackets[slot])
        {
            evaluate(slot, COUNTS_ONLY);
        }
    }

    /**
     * Checks time limits when they are due and retries events the ring refused. Call once per duty cycle.
     *
     * @param now the worker's clock.
     * @return work done: slots looked at and events sent.
     */
    public int poll(final long now)
    {
        int work = owedSlots > 0 ? sendOwed() : 0;
        if (now < nextTimeSweep)
        {
            return work;
        }
        final int end = Math.min(capacity, timeCursor + SLOTS_PER_CYCLE);
        for (int slot = timeCursor; slot < end; slot++)
        {
            if ((state[slot] & HARD_REACHED) == 0 && (hardDeadline[slot] != NEVER || softDeadline[slot] != NEVER) &&
                table.config(slot) != null)
            {
                evaluate(slot, now);
                work++;
            }
        }
        timeCursor = end;
        if (timeCursor >= capacity)
        {
            timeCursor = 0;
            nextTimeSweep = now + TIME_CHECK_INTERVAL_NANOS;
        }
        return work;
    }

    private void evaluate(final int slot, final long now)
    {
        final int before = state[slot];
        if ((before & HARD_REACHED) == 0)
        {
            final LifetimeLimit hard = reached(slot, hardPackets[slot], hardBytes[slot], hardDeadline[slot], now);
            if (hard != null)
            {
                // As XFRM does: a hard limit ends the SA; a soft event it overtook would only ask for a rekey too late.
                hardLimit[slot] = (byte)hard.ordinal();
                owe(slot, before, SOFT_REACHED | HARD_REACHED | HARD_OWED);
                final SaRuntimeFlyweight rt = table.runtime(slot, runtime);
                rt.flags(rt.flags() | SaRuntimeFlyweight.FLAG_EXPIRED);
            }
            else if ((before & SOFT_REACHED) == 0)
            {
                final LifetimeLimit soft = reached(slot, softPackets[slot], softBytes[slot], softDeadline[slot], now);
                if (soft != null)
                {
                    softLimit[slot] = (byte)soft.ordinal();
                    owe(slot, before, SOFT_REACHED | SOFT_OWED);
                }
            }
        }
        thresholds(slot);
    }

    private LifetimeLimit reached(
        final int slot, final long packetLimit, final long byteLimit, final long deadline, final long now)
    {
        if (packetLimit != 0 && counters.count(slot, Disposition.OK) >= packetLimit)
        {
            return LifetimeLimit.PACKETS;
        }
        if (byteLimit != 0 && bytes[slot] >= byteLimit)
        {
            return LifetimeLimit.BYTES;
        }
        return deadline != NEVER && now >= deadline ? LifetimeLimit.TIME : null;
    }

    private void owe(final int slot, final int before, final int bits)
    {
        state[slot] = (byte)(before | bits);
        if ((before & OWED) == 0)
        {
            owedSlots++;
        }
        send(slot);
    }

    /** Precomputes the counts at which the hot path must look again: the nearest limit not yet reached. */
    private void thresholds(final int slot)
    {
        final int flags = state[slot];
        if ((flags & HARD_REACHED) != 0)
        {
            nextPackets[slot] = NEVER;
            nextBytes[slot] = NEVER;
            return;
        }
        final boolean softDue = (flags & SOFT_REACHED) == 0;
        nextPackets[slot] = Math.min(limitOrNever(softDue, softPackets[slot]), limitOrNever(true, hardPackets[slot]));
        nextBytes[slot] = Math.min(limitOrNever(softDue, softBytes[slot]), limitOrNever(true, hardBytes[slot]));
    }

    private static long limitOrNever(final boolean due, final long limit)
    {
        return due && limit != 0 ? limit : NEVER;
    }

    private int sendOwed()
    {
        int sent = 0;
        for (int i = 0; i < SLOTS_PER_CYCLE && owedSlots > 0; i++)
        {
            final int slot = owedCursor;
            owedCursor = owedCursor + 1 == capacity ? 0 : owedCursor + 1;
            if ((state[slot] & OWED) != 0)
            {
                if (!send(slot))
                {
                    // The ring is still full: try again next cycle from this slot.
                    owedCursor = slot;
                    return sent;
                }
                sent++;
            }
        }
        return sent;
    }

    /** @return true when the slot owes nothing more. */
    private boolean send(final int slot)
    {
        final SaConfig config = table.config(slot);
        if (config == null)
        {
            forget(slot);
            return true;
        }
        if ((state[slot] & SOFT_OWED) != 0)
        {
            if (events != null && !events.softLifetime(config.spi(), config.protocol(), table.direction(slot),
                LIMITS[softLimit[slot]]))
            {
                return false;
            }
            state[slot] &= ~SOFT_OWED;
        }
        if ((state[slot] & HARD_OWED) != 0)
        {
            if (events != null && !events.hardLifetime(config.spi(), config.protocol(), table.direction(slot),
                LIMITS[hardLimit[slot]]))
            {
                return false;
            }
            state[slot] &= ~HARD_OWED;
        }
        owedSlots--;
        return true;
    }

    /** @return bytes the SA in {@code slot} has protected (OK packets' lengths as they left their stage). */
    public long bytes(final int slot)
    {
        return bytes[slot];
    }

    /** @return packets the SA in {@code slot} has protected. */
    public long packets(final int slot)
    {
        return counters.count(slot, Disposition.OK);
    }

    /** @return true when the SA in {@code slot} reached a hard limit. */
    public boolean expired(final int slot)
    {
        return (state[slot] & HARD_REACHED) != 0;
    }

    /** @return how many SAs owe an event the ring has not taken yet. */
    public int owed()
    {
        return owedSlots;
    }
}
