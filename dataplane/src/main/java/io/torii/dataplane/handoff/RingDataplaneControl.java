package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import java.net.InetAddress;
import java.util.Objects;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The control plane's proxy for {@link DataplaneControl}: encodes each request straight into the control
 * ring with {@link RingBuffer#tryClaim}, so no copy of an SA's keys is made outside the ring.
 *
 * <p>Not thread-safe: one instance per producing thread. Several instances may share a many-to-one ring.
 */
public final class RingDataplaneControl implements DataplaneControl
{
    private final RingBuffer ring;
    private final AllocateSpiFlyweight allocateSpi = new AllocateSpiFlyweight();
    private final AddSaFlyweight addSa = new AddSaFlyweight();
    private final UpdateSaFlyweight updateSa = new UpdateSaFlyweight();
    private final SwitchOutboundFlyweight switchOutbound = new SwitchOutboundFlyweight();
    private final SaReferenceFlyweight saReference = new SaReferenceFlyweight();
    private final MoveSaFlyweight moveSa = new MoveSaFlyweight();
    private final AddPolicyFlyweight addPolicy = new AddPolicyFlyweight();
    private final IdFlyweight id = new IdFlyweight();

    /**
     * @param ring the control ring; its largest message must fit {@link AddPolicyFlyweight#MAX_LENGTH}.
     */
    public RingDataplaneControl(final RingBuffer ring)
    {
        this.ring = Objects.requireNonNull(ring, "ring");
        final int needed = Math.max(AddPolicyFlyweight.MAX_LENGTH, AddSaFlyweight.MAX_LENGTH);
        if (ring.maxMsgLength() < needed)
        {
            throw new IllegalArgumentException("control ring's largest message is " + ring.maxMsgLength() +
                " bytes, requests need " + needed + ": give the ring a capacity of at least " + needed * 8);
        }
    }

    @Override
    public long nextCorrelationId()
    {
        return ring.nextCorrelationId();
    }

    @Override
    public boolean allocateSpi(final long correlationId, final IpsecProtocol protocol, final int minSpi, final int maxSpi)
    {
        Objects.requireNonNull(protocol, "protocol");
        final int index = ring.tryClaim(MessageTypes.ALLOCATE_SPI, AllocateSpiFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        allocateSpi.wrap(ring.buffer(), index).set(correlationId, protocol, minSpi, maxSpi);
        ring.commit(index);
        return true;
    }

    @Override
    public boolean addSa(
        final long correlationId,
        final SaConfig config,
        final Direction direction,
        final int tunnelId,
        final SaLifetimes lifetimes)
    {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(lifetimes, "lifetimes");
        final byte[] name = MessageFlyweight.utf8(config.name());
        if (name.length > AddSaFlyweight.MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("SA name of " + name.length + " UTF-8 bytes, at most " +
                AddSaFlyweight.MAX_NAME_LENGTH + " travel to the dataplane");
        }
        final int index = ring.tryClaim(MessageTypes.ADD_SA, AddSaFlyweight.length(config, name.length));
        if (index <= 0)
        {
            return false;
        }
        try
        {
            addSa.wrap(ring.buffer(), index).set(correlationId, config, name, direction, tunnelId, lifetimes);
        }
        catch (final RuntimeException ex)
        {
            ring.abort(index);
            throw ex;
        }
        ring.commit(index);
        return true;
    }

    @Override
    public boolean updateSa(
        final long correlationId,
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final SaLifetimes lifetimes)
    {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(lifetimes, "lifetimes");
        final int index = ring.tryClaim(MessageTypes.UPDATE_SA, UpdateSaFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        updateSa.wrap(ring.buffer(), index).set(correlationId, spi, protocol, direction, lifetimes);
        ring.commit(index);
        return true;
    }

    @Override
    public boolean switchOutbound(
        final long correlationId, final int tunnelId, final int spi, final IpsecProtocol protocol)
    {
        Objects.requireNonNull(protocol, "protocol");
        final int index = ring.tryClaim(MessageTypes.SWITCH_OUTBOUND, SwitchOutboundFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        switchOutbound.wrap(ring.buffer(), index).set(correlationId, tunnelId, spi, protocol);
        ring.commit(index);
        return true;
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
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(direction, "direction");
        checkEndpoints(source, sourcePort, destination, destinationPort);
        final int index = ring.tryClaim(MessageTypes.MOVE_SA, MoveSaFlyweight.length(source.getAddress().length));
        if (index <= 0)
        {
            return false;
        }
        moveSa.wrap(ring.buffer(), index).set(correlationId, spi, protocol, direction, source, sourcePort, destination,
            destinationPort, udpEncapsulation);
        ring.commit(index);
        return true;
    }

    private static void checkEndpoints(final InetAddress source, final int sourcePort, final InetAddress destination,
        final int destinationPort)
    {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (source.getAddress().length != destination.getAddress().length)
        {
            throw new IllegalArgumentException("an SA's source " + source.getHostAddress() + " and destination " +
                destination.getHostAddress() + " must both be IPv4 or both IPv6");
        }
        if (sourcePort < 0 || sourcePort > 65535 || destinationPort < 0 || destinationPort > 65535)
        {
            throw new IllegalArgumentException("UDP ports must be 0 to 65535, got " + sourcePort + " and " +
                destinationPort);
        }
    }

    @Override
    public boolean deleteSa(
        final long correlationId, final int spi, final IpsecProtocol protocol, final Direction direction)
    {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(direction, "direction");
        final int index = ring.tryClaim(MessageTypes.DELETE_SA, SaReferenceFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        saReference.wrap(ring.buffer(), index).set(correlationId, spi, protocol, direction);
        ring.commit(index);
        return true;
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
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(action, "action");
        final byte[] local = selectors("local", localSelectors);
        final byte[] remote = selectors("remote", remoteSelectors);
        final int index = ring.tryClaim(MessageTypes.ADD_POLICY, AddPolicyFlyweight.length(local.length, remote.length));
        if (index <= 0)
        {
            return false;
        }
        addPolicy.wrap(ring.buffer(), index)
            .set(correlationId, policyId, local, remote, direction, action, priority, tunnelId);
        ring.commit(index);
        return true;
    }

    @Override
    public boolean deletePolicy(final long correlationId, final int policyId)
    {
        return sendId(MessageTypes.DELETE_POLICY, correlationId, policyId);
    }

    @Override
    public boolean flush(final long correlationId, final FlushScope scope)
    {
        return sendId(MessageTypes.FLUSH, correlationId, scope.ordinal());
    }

    private boolean sendId(final int msgTypeId, final long correlationId, final int value)
    {
        final int index = ring.tryClaim(msgTypeId, IdFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        id.wrap(ring.buffer(), index).set(correlationId, value);
        ring.commit(index);
        return true;
    }

    private static byte[] selectors(final String side, final String text)
    {
        final byte[] bytes = MessageFlyweight.utf8(Objects.requireNonNull(text, side + "Selectors"));
        if (bytes.length > AddPolicyFlyweight.MAX_SELECTORS_LENGTH)
        {
            throw new IllegalArgumentException(side + " selectors of " + bytes.length + " UTF-8 bytes, at most " +
                AddPolicyFlyweight.MAX_SELECTORS_LENGTH + " travel to the dataplane: split the policy");
        }
        return bytes;
    }
}
