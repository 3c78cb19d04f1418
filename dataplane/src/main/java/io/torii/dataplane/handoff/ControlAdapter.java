package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import java.util.Objects;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The dataplane's reader of the control ring: decodes each request and calls the {@link DataplaneProgrammer}.
 * A malformed request never throws: it becomes {@link DataplaneProgrammer#onInvalidRequest}.
 *
 * <p>Keys: the adapter zeroes an add-SA message's keys in the ring as soon as it has copied them, before the
 * handler runs, whether decoding succeeds or not. Agrona's {@code ManyToOneRingBuffer} also zeroes what it
 * has read, but only when the whole batch is done, and {@code OneToOneRingBuffer} does not zero at all
 * (both checked against Agrona 2.4.1), so the adapter does not rely on the ring.
 *
 * <p>Single-threaded: poll from the one dataplane thread that owns the ring's consumer side.
 */
public final class ControlAdapter implements MessageHandler
{
    private final RingBuffer ring;
    private final DataplaneProgrammer programmer;
    private final AllocateSpiFlyweight allocateSpi = new AllocateSpiFlyweight();
    private final AddSaFlyweight addSa = new AddSaFlyweight();
    private final UpdateSaFlyweight updateSa = new UpdateSaFlyweight();
    private final SwitchOutboundFlyweight switchOutbound = new SwitchOutboundFlyweight();
    private final SaReferenceFlyweight saReference = new SaReferenceFlyweight();
    private final MoveSaFlyweight moveSa = new MoveSaFlyweight();
    private final AddPolicyFlyweight addPolicy = new AddPolicyFlyweight();
    private final IdFlyweight id = new IdFlyweight();

    /**
     * @param ring the control ring.
     * @param programmer the handler of each request.
     */
    public ControlAdapter(final RingBuffer ring, final DataplaneProgrammer programmer)
    {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.programmer = Objects.requireNonNull(programmer, "programmer");
    }

    /**
     * Handles up to {@code limit} requests; for an agent's duty cycle.
     *
     * @param limit the most requests to handle.
     * @return how many were handled: the agent's work count.
     */
    public int poll(final int limit)
    {
        return ring.read(this, limit);
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (length < MessageFlyweight.HEADER_LENGTH)
        {
            programmer.onInvalidRequest(0, msgTypeId, "message of " + length + " bytes has no header");
            return;
        }
        switch (msgTypeId)
        {
            case MessageTypes.ALLOCATE_SPI -> onAllocateSpi(buffer, index, length);
            case MessageTypes.ADD_SA -> onAddSa(buffer, index, length);
            case MessageTypes.UPDATE_SA -> onUpdateSa(buffer, index, length);
            case MessageTypes.SWITCH_OUTBOUND -> onSwitchOutbound(buffer, index, length);
            case MessageTypes.DELETE_SA -> onDeleteSa(buffer, index, length);
            case MessageTypes.MOVE_SA -> onMoveSa(buffer, index, length);
            case MessageTypes.ADD_POLICY -> onAddPolicy(buffer, index, length);
            case MessageTypes.DELETE_POLICY, MessageTypes.FLUSH -> onId(msgTypeId, buffer, index, length);
            default -> programmer.onInvalidRequest(
                id.wrap(buffer, index).correlationId(), msgTypeId, "unknown request type " + msgTypeId);
        }
    }

    private boolean tooShort(final MessageFlyweight message, final int msgTypeId, final int length, final int needed)
    {
        if (length < needed)
        {
            programmer.onInvalidRequest(message.correlationId(), msgTypeId,
                "request type " + msgTypeId + " of " + length + " bytes, expected " + needed);
            return true;
        }
        return false;
    }

    private void onAllocateSpi(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final AllocateSpiFlyweight message = allocateSpi.wrap(buffer, index);
        if (tooShort(message, MessageTypes.ALLOCATE_SPI, length, AllocateSpiFlyweight.LENGTH))
        {
            return;
        }
        final IpsecProtocol protocol = message.protocol();
        if (protocol == null)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.ALLOCATE_SPI, "unknown protocol");
            return;
        }
        programmer.onAllocateSpi(message.correlationId(), protocol, message.minSpi(), message.maxSpi());
    }

    private void onAddSa(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final AddSaFlyweight message = addSa.wrap(buffer, index);
        final String problem = message.validateLength(length);
        if (problem != null)
        {
            // The keys' place cannot be trusted: zero everything after the header instead.
            buffer.setMemory(index + MessageFlyweight.HEADER_LENGTH, length - MessageFlyweight.HEADER_LENGTH, (byte)0);
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.ADD_SA, problem);
            return;
        }
        final long correlationId = message.correlationId();
        final Direction direction = message.direction();
        final int tunnelId = message.tunnelId();
        final SaConfig config;
        final SaLifetimes lifetimes;
        try
        {
            lifetimes = message.lifetimes();
            config = message.config();
        }
        catch (final IllegalArgumentException ex)
        {
            programmer.onInvalidRequest(correlationId, MessageTypes.ADD_SA, ex.getMessage());
            return;
        }
        finally
        {
            message.destroyKeys();
        }
        if (direction == null)
        {
            config.destroyKeys();
            programmer.onInvalidRequest(correlationId, MessageTypes.ADD_SA, "unknown direction");
            return;
        }
        programmer.onAddSa(correlationId, config, direction, tunnelId, lifetimes);
    }

    private void onUpdateSa(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final UpdateSaFlyweight message = updateSa.wrap(buffer, index);
        if (tooShort(message, MessageTypes.UPDATE_SA, length, UpdateSaFlyweight.LENGTH))
        {
            return;
        }
        final IpsecProtocol protocol = message.protocol();
        final Direction direction = message.direction();
        final SaLifetimes lifetimes;
        try
        {
            lifetimes = message.lifetimes();
        }
        catch (final IllegalArgumentException ex)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.UPDATE_SA, ex.getMessage());
            return;
        }
        if (protocol == null || direction == null)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.UPDATE_SA,
                "unknown protocol or direction");
            return;
        }
        programmer.onUpdateSa(message.correlationId(), message.spi(), protocol, direction, lifetimes);
    }

    private void onSwitchOutbound(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final SwitchOutboundFlyweight message = switchOutbound.wrap(buffer, index);
        if (tooShort(message, MessageTypes.SWITCH_OUTBOUND, length, SwitchOutboundFlyweight.LENGTH))
        {
            return;
        }
        final IpsecProtocol protocol = message.protocol();
        if (protocol == null)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.SWITCH_OUTBOUND, "unknown protocol");
            return;
        }
        programmer.onSwitchOutbound(message.correlationId(), message.tunnelId(), message.spi(), protocol);
    }

    private void onDeleteSa(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final SaReferenceFlyweight message = saReference.wrap(buffer, index);
        if (tooShort(message, MessageTypes.DELETE_SA, length, SaReferenceFlyweight.LENGTH))
        {
            return;
        }
        final IpsecProtocol protocol = message.protocol();
        final Direction direction = message.direction();
        if (protocol == null || direction == null)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.DELETE_SA,
                "unknown protocol or direction");
            return;
        }
        programmer.onDeleteSa(message.correlationId(), message.spi(), protocol, direction);
    }

    private void onMoveSa(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final MoveSaFlyweight message = moveSa.wrap(buffer, index);
        final String problem = message.validateLength(length);
        if (problem != null)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.MOVE_SA, problem);
            return;
        }
        final IpsecProtocol protocol = message.protocol();
        final Direction direction = message.direction();
        if (protocol == null || direction == null)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.MOVE_SA, "unknown protocol or direction");
            return;
        }
        programmer.onMoveSa(message.correlationId(), message.spi(), protocol, direction, message.source(),
            message.sourcePort(), message.destination(), message.destinationPort(), message.udpEncapsulation());
    }

    private void onAddPolicy(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final AddPolicyFlyweight message = addPolicy.wrap(buffer, index);
        final String problem = message.validateLength(length);
        if (problem != null)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.ADD_POLICY, problem);
            return;
        }
        final PolicyDirection direction = message.direction();
        final PolicyAction action = message.action();
        if (direction == null || action == null)
        {
            programmer.onInvalidRequest(message.correlationId(), MessageTypes.ADD_POLICY,
                "unknown direction or action");
            return;
        }
        programmer.onAddPolicy(message.correlationId(), message.policyId(), message.localSelectors(),
            message.remoteSelectors(), direction, action, message.priority(), message.tunnelId());
    }

    private void onId(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final IdFlyweight message = id.wrap(buffer, index);
        if (tooShort(message, msgTypeId, length, IdFlyweight.LENGTH))
        {
            return;
        }
        if (msgTypeId == MessageTypes.DELETE_POLICY)
        {
            programmer.onDeletePolicy(message.correlationId(), message.value());
            return;
        }
        final FlushScope scope = FlushScope.fromCode(message.value());
        if (scope == null)
        {
            programmer.onInvalidRequest(message.correlationId(), msgTypeId, "unknown flush scope " + message.value());
            return;
        }
        programmer.onFlush(message.correlationId(), scope);
    }
}
