package io.torii.ike.daemon;

import io.torii.dataplane.handoff.DataplaneEvents;
import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * What the IKE daemon does with the dataplane's events for now: it logs refusals and the events that
 * will drive rekeying and trap-triggered negotiation, which the tunnel lifecycle work builds on.
 */
final class DataplaneEventsLog implements DataplaneEvents
{
    private final PrintStream log;
    private final LongConsumer answered;

    /**
     * @param log where refusals and lifetime events are written.
     * @param answered told each request the dataplane completed or refused.
     */
    DataplaneEventsLog(final PrintStream log, final LongConsumer answered)
    {
        this.log = Objects.requireNonNull(log, "log");
        this.answered = Objects.requireNonNull(answered, "answered");
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
        answered.accept(correlationId);
    }

    @Override
    public void onSoftLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
        final LifetimeLimit limit)
    {
        log.printf("[KNL] %s SA %08x (%s) reached its soft %s limit%n", protocol, spi, direction, limit);
    }

    @Override
    public void onHardLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
        final LifetimeLimit limit)
    {
        log.printf("[KNL] %s SA %08x (%s) expired: hard %s limit%n", protocol, spi, direction, limit);
    }

    @Override
    public void onSequenceExhausted(final int spi, final IpsecProtocol protocol)
    {
        log.printf("[KNL] %s SA %08x ran out of sequence numbers%n", protocol, spi);
    }

    @Override
    public void onAcquire(final int policyId, final int ipProtocol, final InetAddress source, final int sourcePort,
        final InetAddress destination, final int destinationPort)
    {
        log.printf("[KNL] acquire for policy %d: %s -> %s%n", policyId, source.getHostAddress(),
            destination.getHostAddress());
    }

    @Override
    public void onSaStatistics(final int spi, final IpsecProtocol protocol, final Direction direction,
        final long packets, final long bytes, final long dropped)
    {
    }
}
