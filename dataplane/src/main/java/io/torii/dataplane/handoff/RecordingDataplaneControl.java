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
 * A {@link DataplaneControl} for tests of the control plane: records every accepted call, in order, as a
 * {@link Call}, and can pretend the ring is full. It lives in main code so that the control plane's tests can
 * use it; production never does. Not thread-safe.
 */
public final class RecordingDataplaneControl implements DataplaneControl
{
    /** One recorded call. */
    public sealed interface Call
    {
        /** @return the call's correlation id. */
        long correlationId();
    }

    /**
     * @param correlationId the correlation id.
     * @param protocol the protocol.
     * @param minSpi the lowest SPI.
     * @param maxSpi the highest SPI.
     */
    public record AllocateSpi(long correlationId, IpsecProtocol protocol, int minSpi, int maxSpi) implements Call
    {
    }

    /**
     * @param correlationId the correlation id.
     * @param config the SA as given: the same instance, keys included.
     * @param direction its direction.
     * @param tunnelId its tunnel.
     * @param lifetimes its limits.
     */
    public record AddSa(long correlationId, SaConfig config, Direction direction, int tunnelId, SaLifetimes lifetimes)
        implements Call
    {
    }

    /**
     * @param correlationId the correlation id.
     * @param spi the SPI.
     * @param protocol the protocol.
     * @param direction the direction.
     * @param lifetimes the new limits.
     */
    public record UpdateSa(long correlationId, int spi, IpsecProtocol protocol, Direction direction,
        SaLifetimes lifetimes) implements Call
    {
    }

    /**
     * @param correlationId the correlation id.
     * @param tunnelId the tunnel.
     * @param spi the new outbound SA's SPI.
     * @param protocol its protocol.
     */
    public record SwitchOutbound(long correlationId, int tunnelId, int spi, IpsecProtocol protocol) implements Call
    {
    }

    /**
     * @param correlationId the correlation id.
     * @param spi the SPI.
     * @param protocol the protocol.
     * @param direction the direction.
     * @param source the new outer source.
     * @param sourcePort the new UDP source port.
     * @param destination the new outer destination.
     * @param destinationPort the new UDP destination port.
     * @param udpEncapsulation whether ESP goes in UDP.
     */
    public record MoveSa(long correlationId, int spi, IpsecProtocol protocol, Direction direction,
        InetAddress source, int sourcePort, InetAddress destination, int destinationPort, boolean udpEncapsulation)
        implements Call
    {
    }

    /**
     * @param correlationId the correlation id.
     * @param spi the SPI.
     * @param protocol the protocol.
     * @param direction the direction.
     */
    public record DeleteSa(long correlationId, int spi, IpsecProtocol protocol, Direction direction) implements Call
    {
    }

    /**
     * @param correlationId the correlation id.
     * @param policyId the policy id.
     * @param localSelectors the local selectors.
     * @param remoteSelectors the remote selectors.
     * @param direction the direction.
     * @param action the action.
     * @param priority the priority.
     * @param tunnelId the tunnel.
     */
    public record AddPolicy(long correlationId, int policyId, String localSelectors, String remoteSelectors,
        PolicyDirection direction, PolicyAction action, int priority, int tunnelId) implements Call
    {
    }

    /**
     * @param correlationId the correlation id.
     * @param policyId the policy id.
     */
    public record DeletePolicy(long correlationId, int policyId) implements Call
    {
    }

    /**
     * @param correlationId the correlation id.
     * @param scope what to remove.
     */
    public record Flush(long correlationId, FlushScope scope) implements Call
    {
    }

    private final List<Call> calls = new ArrayList<>();
    private long nextCorrelationId = 1;
    private boolean full;

    @Override
    public long nextCorrelationId()
    {
        return nextCorrelationId++;
    }

    /**
     * @param full true to refuse every call from now on, as a full ring would; false to accept them again.
     */
    public void full(final boolean full)
    {
        this.full = full;
    }

    /** @return every accepted call, oldest first; a live view. */
    public List<Call> calls()
    {
        return calls;
    }

    /**
     * @param type the call type wanted.
     * @param <T> that type.
     * @return the accepted calls of that type, oldest first.
     */
    public <T extends Call> List<T> calls(final Class<T> type)
    {
        final List<T> matching = new ArrayList<>();
        for (final Call call : calls)
        {
            if (type.isInstance(call))
            {
                matching.add(type.cast(call));
            }
        }
        return matching;
    }

    /** Forgets every recorded call. */
    public void clear()
    {
        calls.clear();
    }

    private boolean record(final Call call)
    {
        if (full)
        {
            return false;
        }
        calls.add(call);
        return true;
    }

    @Override
    public boolean allocateSpi(final long correlationId, final IpsecProtocol protocol, final int minSpi, final int maxSpi)
    {
        return record(new AllocateSpi(correlationId, protocol, minSpi, maxSpi));
    }

    @Override
    public boolean addSa(
        final long correlationId,
        final SaConfig config,
        final Direction direction,
        final int tunnelId,
        final SaLifetimes lifetimes)
    {
        return record(new AddSa(correlationId, config, direction, tunnelId, lifetimes));
    }

    @Override
    public boolean updateSa(
        final long correlationId,
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final SaLifetimes lifetimes)
    {
        return record(new UpdateSa(correlationId, spi, protocol, direction, lifetimes));
    }

    @Override
    public boolean switchOutbound(
        final long correlationId, final int tunnelId, final int spi, final IpsecProtocol protocol)
    {
        return record(new SwitchOutbound(correlationId, tunnelId, spi, protocol));
    }

    @Override
    public boolean moveSa(
        final long correlationId,
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final InetAddress source,
        final int sourcePort,
        final InetAddress destination,
        final int destinationPort,
        final boolean udpEncapsulation)
    {
        return record(new MoveSa(correlationId, spi, protocol, direction, source, sourcePort, destination,
            destinationPort, udpEncapsulation));
    }

    @Override
    public boolean deleteSa(
        final long correlationId, final int spi, final IpsecProtocol protocol, final Direction direction)
    {
        return record(new DeleteSa(correlationId, spi, protocol, direction));
    }

    @Override
    public boolean addPolicy(
        final long correlationId,
        final int policyId,
        final String localSelectors,
        final String remoteSelectors,
        final PolicyDirection direction,
        final PolicyAction action,
        final int priority,
        final int tunnelId)
    {
        return record(new AddPolicy(correlationId, policyId, localSelectors, remoteSelectors, direction, action,
            priority, tunnelId));
    }

    @Override
    public boolean deletePolicy(final long correlationId, final int policyId)
    {
        return record(new DeletePolicy(correlationId, policyId));
    }

    @Override
    public boolean flush(final long correlationId, final FlushScope scope)
    {
        return record(new Flush(correlationId, scope));
    }
}
