package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what the adapter decoded by replaying each handler call on a {@link RecordingDataplaneControl}, so
 * tests compare what went into the proxy with what came out of the adapter as the same record types.
 */
final class ForwardingProgrammer implements DataplaneProgrammer
{
    final RecordingDataplaneControl decoded = new RecordingDataplaneControl();
    final List<String> invalid = new ArrayList<>();
    /** Runs inside onAddSa, while the message is still in the ring. */
    Runnable duringAddSa = () -> { };

    @Override
    public void onAllocateSpi(final long correlationId, final IpsecProtocol protocol, final int minSpi, final int maxSpi)
    {
        decoded.allocateSpi(correlationId, protocol, minSpi, maxSpi);
    }

    @Override
    public void onAddSa(
        final long correlationId,
        final SaConfig config,
        final Direction direction,
        final int tunnelId,
        final SaLifetimes lifetimes)
    {
        duringAddSa.run();
        decoded.addSa(correlationId, config, direction, tunnelId, lifetimes);
    }

    @Override
    public void onUpdateSa(
        final long correlationId,
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final SaLifetimes lifetimes)
    {
        decoded.updateSa(correlationId, spi, protocol, direction, lifetimes);
    }

    @Override
    public void onSwitchOutbound(
        final long correlationId, final int tunnelId, final int spi, final IpsecProtocol protocol)
    {
        decoded.switchOutbound(correlationId, tunnelId, spi, protocol);
    }

    @Override
    public void onMoveSa(final long correlationId, final int spi, final IpsecProtocol protocol,
        final Direction direction, final InetAddress source, final int sourcePort, final InetAddress destination,
        final int destinationPort, final boolean udpEncapsulation)
    {
        decoded.moveSa(correlationId, spi, protocol, direction, source, sourcePort, destination, destinationPort,
            udpEncapsulation);
    }

    @Override
    public void onDeleteSa(
        final long correlationId, final int spi, final IpsecProtocol protocol, final Direction direction)
    {
        decoded.deleteSa(correlationId, spi, protocol, direction);
    }

    @Override
    public void onAddPolicy(
        final long correlationId,
        final int policyId,
        final String localSelectors,
        final String remoteSelectors,
        final PolicyDirection direction,
        final PolicyAction action,
        final int priority,
        final int tunnelId)
    {
        decoded.addPolicy(correlationId, policyId, localSelectors, remoteSelectors, direction, action, priority,
            tunnelId);
    }

    @Override
    public void onDeletePolicy(final long correlationId, final int policyId)
    {
        decoded.deletePolicy(correlationId, policyId);
    }

    @Override
    public void onFlush(final long correlationId, final FlushScope scope)
    {
        decoded.flush(correlationId, scope);
    }

    @Override
    public void onInvalidRequest(final long correlationId, final int msgTypeId, final String reason)
    {
        invalid.add(correlationId + " " + msgTypeId + " " + reason);
    }
}
