package io.torii.ike.daemon;

import io.torii.dataplane.handoff.DataplaneEvents;
import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.ike.dataplane.DataplaneChildSaInstaller;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongToIntFunction;
import org.agrona.concurrent.NanoClock;

/**
 * The dataplane's events, on the thread that reads the events ring, sent where they belong: answers to the
 * installer, and lifetime, sequence-number and acquire events, and refusals of a Child SA pair's parts, to the
 * SA managers, posted to each manager's
 * own thread (an SA is only ever touched there). A manager that owns the child or the trap acts; the others
 * ignore it: the events name an ESP SPI or a policy, neither of which says which shard holds it.
 */
final class DataplaneEventRouter implements DataplaneEvents
{
    private final PrintStream log;
    private final LongConsumer answered;
    private final LongToIntFunction refused;
    private final Consumer<Consumer<IkeSaManager>> everyManager;
    private final NanoClock clock;

    /**
     * @param log where refusals and lifetime events are written.
     * @param answered told each request the dataplane completed.
     * @param refused told each request the dataplane refused; gives the inbound SPI of the Child SA pair the
     *        request was putting in place, or {@link DataplaneChildSaInstaller#NO_CHILD}.
     * @param everyManager runs a command with every SA manager, each on its own thread; with one manager
     *        on this thread, it may run it at once.
     * @param clock the time the commands are given.
     */
    DataplaneEventRouter(final PrintStream log, final LongConsumer answered, final LongToIntFunction refused,
        final Consumer<Consumer<IkeSaManager>> everyManager, final NanoClock clock)
    {
        this.log = Objects.requireNonNull(log, "log");
        this.answered = Objects.requireNonNull(answered, "answered");
        this.refused = Objects.requireNonNull(refused, "refused");
        this.everyManager = Objects.requireNonNull(everyManager, "everyManager");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onSpiAllocated(final long correlationId, final IpsecProtocol protocol, final int spi)
    {
    }

    @Override
    public void onCompleted(final long correlationId)
    {
        answered.accept(correlationId);
    }

    @Override
    public void onFailed(final long correlationId, final String reason)
    {
        log.println("[KNL] the dataplane refused request " + correlationId + ": " + reason);
        final int childSpi = refused.applyAsInt(correlationId);
        if (childSpi != DataplaneChildSaInstaller.NO_CHILD)
        {
            // The peer holds the pair and sends with it; without a Delete it would send into nothing.
            final long now = clock.nanoTime();
            everyManager.accept(manager -> manager.onChildRefused(childSpi, reason, now));
        }
    }

    @Override
    public void onSoftLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
        final LifetimeLimit limit)
    {
        log.printf("[KNL] %s SA %08x (%s) reached its soft %s limit%n", protocol, spi, direction, limit);
        childLifetime(spi, false);
    }

    @Override
    public void onHardLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
        final LifetimeLimit limit)
    {
        log.printf("[KNL] %s SA %08x (%s) expired: hard %s limit%n", protocol, spi, direction, limit);
        childLifetime(spi, true);
    }

    /** A sequence number about to wrap calls for new keys: a soft limit, as the kernel's soft expire is. */
    @Override
    public void onSequenceExhausted(final int spi, final IpsecProtocol protocol)
    {
        log.printf("[KNL] %s SA %08x ran out of sequence numbers%n", protocol, spi);
        childLifetime(spi, false);
    }

    private void childLifetime(final int spi, final boolean hard)
    {
        final long now = clock.nanoTime();
        everyManager.accept(manager -> manager.onChildLifetime(spi, hard, now));
    }

    @Override
    public void onAcquire(final int policyId, final int ipProtocol, final InetAddress source, final int sourcePort,
        final InetAddress destination, final int destinationPort)
    {
        log.printf("[KNL] acquire for policy %d: %s -> %s%n", policyId, source.getHostAddress(),
            destination.getHostAddress());
        final long now = clock.nanoTime();
        everyManager.accept(manager -> manager.onAcquire(policyId, now));
    }

    @Override
    public void onSaStatistics(final int spi, final IpsecProtocol protocol, final Direction direction,
        final long packets, final long bytes, final long dropped)
    {
    }
}
