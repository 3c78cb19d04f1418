package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Writes each event as a line, for comparing. */
final class RecordingEvents implements DataplaneEvents
{
    final List<String> events = new ArrayList<>();

    @Override
    public void onSpiAllocated(final long correlationId, final IpsecProtocol protocol, final int spi)
    {
        events.add("spi " + correlationId + " " + protocol + " " + Integer.toHexString(spi));
    }

    @Override
    public void onCompleted(final long correlationId)
    {
        events.add("completed " + correlationId);
    }

    @Override
    public void onFailed(final long correlationId, final String reason)
    {
        events.add("failed " + correlationId + " " + reason);
    }

    @Override
    public void onSoftLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
        final LifetimeLimit limit)
    {
        events.add("soft " + Integer.toHexString(spi) + " " + protocol + " " + direction + " " + limit);
    }

    @Override
    public void onHardLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
        final LifetimeLimit limit)
    {
        events.add("hard " + Integer.toHexString(spi) + " " + protocol + " " + direction + " " + limit);
    }

    @Override
    public void onSequenceExhausted(final int spi, final IpsecProtocol protocol)
    {
        events.add("exhausted " + Integer.toHexString(spi) + " " + protocol);
    }

    @Override
    public void onAcquire(final int policyId, final int ipProtocol, final InetAddress source, final int sourcePort,
        final InetAddress destination, final int destinationPort)
    {
        events.add("acquire " + policyId + " " + ipProtocol + " " + source.getHostAddress() + " " + sourcePort + " " +
            destination.getHostAddress() + " " + destinationPort);
    }

    @Override
    public void onSaStatistics(final int spi, final IpsecProtocol protocol, final Direction direction,
        final long packets, final long bytes, final long dropped)
    {
        events.add("stats " + Integer.toHexString(spi) + " " + protocol + " " + direction + " " + packets + " " +
            bytes + " " + dropped);
    }
}
