package io.torii.dataplane.worker;

import io.torii.dataplane.config.EventIntervals;
import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.shm.WorkerCounters;

/**
 * The events one worker owes the control plane beyond answers to its requests: SA lifetimes
 * ({@link SaLifetimeTracker}), SA statistics ({@link SaStatisticsReporter}) and acquires ({@link AcquireRaiser}),
 * with the one hot-path hook that feeds them and the hooks the worker's commands call as SAs come and go.
 *
 * <p>Lifetimes are enforced with or without a ring to report them on; events need {@link #connect}. Owned by the
 * worker's thread.
 */
public final class ControlPlaneEvents
{
    private final SaLifetimeTracker lifetimes;
    private final SaStatisticsReporter statistics;
    private final AcquireRaiser acquires = new AcquireRaiser();

    /**
     * @param table the worker's SAs.
     * @param shared the worker's shared counters, given SA bytes in the same walk; null for none.
     */
    public ControlPlaneEvents(final SaTable table, final WorkerCounters shared)
    {
        this.lifetimes = new SaLifetimeTracker(table, shared);
        this.statistics = new SaStatisticsReporter(table, lifetimes);
    }

    /**
     * Sends the events on a ring. Call before the worker runs, or from its thread.
     *
     * @param events the worker's own writer of the events ring (a proxy is not to be shared between threads).
     * @param intervals how often statistics and acquires go.
     */
    public void connect(final EventsProxy events, final EventIntervals intervals)
    {
        lifetimes.events(events);
        statistics.events(events, intervals.saStatisticsNanos());
        acquires.events(events, intervals.acquireNanos());
    }

    /**
     * Counts the bytes of a stage's OK packets per SA and checks the SAs' byte and packet limits. Hot path.
     *
     * @param batch the packets, as the stage left them.
     * @param saSlots each packet's SA slot, or a negative number for none.
     */
    public void account(final PacketBatch batch, final int[] saSlots)
    {
        lifetimes.account(batch, saSlots);
    }

    /**
     * Checks time limits, sends periodic statistics and retries what the ring refused. Once per duty cycle.
     *
     * @param now the worker's clock.
     * @return work done.
     */
    public int poll(final long now)
    {
        return lifetimes.poll(now) + statistics.poll(now);
    }

    /**
     * @param slot the slot of an SA just installed.
     * @param limits its lifetime limits.
     * @param now the worker's clock.
     */
    public void saInstalled(final int slot, final SaLifetimes limits, final long now)
    {
        lifetimes.installed(slot, limits, now);
    }

    /**
     * @param slot an installed SA's slot.
     * @param limits its new lifetime limits; counts are kept.
     * @param now the worker's clock.
     */
    public void saUpdated(final int slot, final SaLifetimes limits, final long now)
    {
        lifetimes.updated(slot, limits, now);
    }

    /**
     * Reports an SA's final counts and stops tracking it. Call before the table removes it.
     *
     * @param slot the SA's slot.
     */
    public void saRemoved(final int slot)
    {
        statistics.removed(slot);
        lifetimes.removed(slot);
    }

    /**
     * Raises an acquire for a packet of a protect policy with no SA, unless the policy raised one too recently.
     *
     * @param policyId the policy.
     * @param batch the packets.
     * @param index the packet.
     * @param now the worker's clock.
     * @return true when an acquire went onto the ring.
     */
    public boolean acquire(final int policyId, final PacketBatch batch, final int index, final long now)
    {
        return acquires.offer(policyId, batch, index, now);
    }

    /**
     * @param policyId a policy just deleted, whose acquire rate limit is forgotten.
     */
    public void policyRemoved(final int policyId)
    {
        acquires.forget(policyId);
    }

    /** Forgets every policy's acquire rate limit, as when policies are flushed. */
    public void policiesFlushed()
    {
        acquires.clear();
    }

    /** @return the lifetime tracker. */
    public SaLifetimeTracker lifetimes()
    {
        return lifetimes;
    }

    /** @return the statistics reporter. */
    public SaStatisticsReporter statistics()
    {
        return statistics;
    }

    /** @return the acquire raiser. */
    public AcquireRaiser acquires()
    {
        return acquires;
    }
}
