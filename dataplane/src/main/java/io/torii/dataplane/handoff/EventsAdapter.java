package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.util.Objects;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The control plane's reader of the events ring: decodes each event and calls {@link DataplaneEvents}.
 * Malformed events (from a dataplane of another version) are counted in {@link #malformed()} and skipped.
 *
 * <p>Single-threaded: poll from the one control-plane thread that consumes the ring.
 */
public final class EventsAdapter implements MessageHandler
{
    private final RingBuffer ring;
    private final DataplaneEvents events;
    private final SpiAllocatedFlyweight spiAllocated = new SpiAllocatedFlyweight();
    private final ResultFlyweight result = new ResultFlyweight();
    private final LifetimeFlyweight lifetime = new LifetimeFlyweight();
    private final SaReferenceFlyweight saReference = new SaReferenceFlyweight();
    private final AcquireFlyweight acquire = new AcquireFlyweight();
    private final SaStatisticsFlyweight statistics = new SaStatisticsFlyweight();
    private long malformed;

    /**
     * @param ring the events ring.
     * @param events the handler of each event.
     */
    public EventsAdapter(final RingBuffer ring, final DataplaneEvents events)
    {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Handles up to {@code limit} events; for an agent's duty cycle.
     *
     * @param limit the most events to handle.
     * @return how many were read: the agent's work count.
     */
    public int poll(final int limit)
    {
        return ring.read(this, limit);
    }

    /** @return how many events were skipped as malformed. */
    public long malformed()
    {
        return malformed;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        switch (msgTypeId)
        {
            case MessageTypes.SPI_ALLOCATED -> onSpiAllocated(buffer, index, length);
            case MessageTypes.COMPLETED, MessageTypes.FAILED -> onResult(msgTypeId, buffer, index, length);
            case MessageTypes.SOFT_LIFETIME, MessageTypes.HARD_LIFETIME -> onLifetime(msgTypeId, buffer, index, length);
            case MessageTypes.SEQUENCE_EXHAUSTED -> onSequenceExhausted(buffer, index, length);
            case MessageTypes.ACQUIRE -> onAcquire(buffer, index, length);
            case MessageTypes.SA_STATISTICS -> onStatistics(buffer, index, length);
            default -> malformed++;
        }
    }

    private void onSpiAllocated(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final SpiAllocatedFlyweight message = spiAllocated.wrap(buffer, index);
        final IpsecProtocol protocol = length < SpiAllocatedFlyweight.LENGTH ? null : message.protocol();
        if (protocol == null)
        {
            malformed++;
            return;
        }
        events.onSpiAllocated(message.correlationId(), protocol, message.spi());
    }

    private void onResult(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final ResultFlyweight message = result.wrap(buffer, index);
        if (length < ResultFlyweight.REASON_OFFSET || message.validateLength(length) != null)
        {
            malformed++;
            return;
        }
        if (msgTypeId == MessageTypes.COMPLETED)
        {
            events.onCompleted(message.correlationId());
        }
        else
        {
            events.onFailed(message.correlationId(), message.reason());
        }
    }

    private void onLifetime(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final LifetimeFlyweight message = lifetime.wrap(buffer, index);
        if (length < LifetimeFlyweight.LENGTH)
        {
            malformed++;
            return;
        }
        final IpsecProtocol protocol = message.protocol();
        final Direction direction = message.direction();
        final LifetimeLimit limit = message.limit();
        if (protocol == null || direction == null || limit == null)
        {
            malformed++;
            return;
        }
        if (msgTypeId == MessageTypes.SOFT_LIFETIME)
        {
            events.onSoftLifetime(message.spi(), protocol, direction, limit);
        }
        else
        {
            events.onHardLifetime(message.spi(), protocol, direction, limit);
        }
    }

    private void onSequenceExhausted(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final SaReferenceFlyweight message = saReference.wrap(buffer, index);
        final IpsecProtocol protocol = length < SaReferenceFlyweight.LENGTH ? null : message.protocol();
        if (protocol == null)
        {
            malformed++;
            return;
        }
        events.onSequenceExhausted(message.spi(), protocol);
    }

    private void onAcquire(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final AcquireFlyweight message = acquire.wrap(buffer, index);
        if (message.validateLength(length) != null)
        {
            malformed++;
            return;
        }
        events.onAcquire(message.policyId(), message.ipProtocol(), message.source(), message.sourcePort(),
            message.destination(), message.destinationPort());
    }

    private void onStatistics(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final SaStatisticsFlyweight message = statistics.wrap(buffer, index);
        if (length < SaStatisticsFlyweight.LENGTH || message.protocol() == null || message.direction() == null)
        {
            malformed++;
            return;
        }
        events.onSaStatistics(message.spi(), message.protocol(), message.direction(), message.packets(),
            message.bytes(), message.dropped());
    }
}
