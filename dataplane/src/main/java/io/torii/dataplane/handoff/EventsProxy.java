package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The dataplane's writer of the events ring: each method encodes one {@link DataplaneEvents} event and
 * returns false, having sent nothing, when the ring is full (the caller counts the drop or retries). Only
 * {@link #failed} allocates (it encodes a text); the rest are fit for a worker's duty cycle.
 *
 * <p>Not thread-safe: one instance per worker thread; the many-to-one ring takes them all.
 */
public final class EventsProxy
{
    private static final byte[] EMPTY = new byte[0];

    private final RingBuffer ring;
    private final SpiAllocatedFlyweight spiAllocated = new SpiAllocatedFlyweight();
    private final ResultFlyweight result = new ResultFlyweight();
    private final LifetimeFlyweight lifetime = new LifetimeFlyweight();
    private final SaReferenceFlyweight saReference = new SaReferenceFlyweight();
    private final AcquireFlyweight acquire = new AcquireFlyweight();
    private final SaStatisticsFlyweight statistics = new SaStatisticsFlyweight();

    /**
     * @param ring the events ring; its largest message must fit {@link ResultFlyweight#MAX_LENGTH}.
     */
    public EventsProxy(final RingBuffer ring)
    {
        this.ring = Objects.requireNonNull(ring, "ring");
        if (ring.maxMsgLength() < ResultFlyweight.MAX_LENGTH)
        {
            throw new IllegalArgumentException("events ring's largest message is " + ring.maxMsgLength() +
                " bytes, events need " + ResultFlyweight.MAX_LENGTH);
        }
    }

    /**
     * @param correlationId the request's id.
     * @param protocol the protocol.
     * @param spi the SPI reserved.
     * @return false when the ring is full.
     */
    public boolean spiAllocated(final long correlationId, final IpsecProtocol protocol, final int spi)
    {
        final int index = ring.tryClaim(MessageTypes.SPI_ALLOCATED, SpiAllocatedFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        spiAllocated.wrap(ring.buffer(), index).set(correlationId, protocol, spi);
        ring.commit(index);
        return true;
    }

    /**
     * @param correlationId the id of a request that took effect.
     * @return false when the ring is full.
     */
    public boolean completed(final long correlationId)
    {
        final int index = ring.tryClaim(MessageTypes.COMPLETED, ResultFlyweight.REASON_OFFSET);
        if (index <= 0)
        {
            return false;
        }
        result.wrap(ring.buffer(), index).set(correlationId, EMPTY, 0);
        ring.commit(index);
        return true;
    }

    /**
     * @param correlationId the id of a request that did not take effect.
     * @param reason why; cut to {@link ResultFlyweight#MAX_REASON_LENGTH} UTF-8 bytes.
     * @return false when the ring is full.
     */
    public boolean failed(final long correlationId, final String reason)
    {
        final byte[] bytes = MessageFlyweight.utf8(Objects.requireNonNull(reason, "reason"));
        final int length = Math.min(bytes.length, ResultFlyweight.MAX_REASON_LENGTH);
        final int index = ring.tryClaim(MessageTypes.FAILED, ResultFlyweight.REASON_OFFSET + length);
        if (index <= 0)
        {
            return false;
        }
        result.wrap(ring.buffer(), index).set(correlationId, bytes, length);
        ring.commit(index);
        return true;
    }

    /**
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param limit the soft limit reached.
     * @return false when the ring is full.
     */
    public boolean softLifetime(
        final int spi, final IpsecProtocol protocol, final Direction direction, final LifetimeLimit limit)
    {
        return lifetime(MessageTypes.SOFT_LIFETIME, spi, protocol, direction, limit);
    }

    /**
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param limit the hard limit reached.
     * @return false when the ring is full.
     */
    public boolean hardLifetime(
        final int spi, final IpsecProtocol protocol, final Direction direction, final LifetimeLimit limit)
    {
        return lifetime(MessageTypes.HARD_LIFETIME, spi, protocol, direction, limit);
    }

    /**
     * @param spi the outbound SA's SPI.
     * @param protocol its protocol.
     * @return false when the ring is full.
     */
    public boolean sequenceExhausted(final int spi, final IpsecProtocol protocol)
    {
        final int index = ring.tryClaim(MessageTypes.SEQUENCE_EXHAUSTED, SaReferenceFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        saReference.wrap(ring.buffer(), index).set(0, spi, protocol, Direction.OUTBOUND);
        ring.commit(index);
        return true;
    }

    /**
     * Raises an acquire, copying the addresses from the packet without allocating.
     *
     * @param policyId the policy matched.
     * @param ipProtocol the packet's IP protocol.
     * @param packet the buffer holding the packet.
     * @param sourceOffset where its source address lies.
     * @param destinationOffset where its destination address lies.
     * @param addressLength 4 or 16.
     * @param sourcePort its source port, or 0.
     * @param destinationPort its destination port, or 0.
     * @return false when the ring is full.
     */
    public boolean acquire(
        final int policyId,
        final int ipProtocol,
        final DirectBuffer packet,
        final int sourceOffset,
        final int destinationOffset,
        final int addressLength,
        final int sourcePort,
        final int destinationPort)
    {
        if (addressLength != 4 && addressLength != 16)
        {
            throw new IllegalArgumentException("address length " + addressLength + ", expected 4 or 16");
        }
        final int index = ring.tryClaim(MessageTypes.ACQUIRE, AcquireFlyweight.length(addressLength));
        if (index <= 0)
        {
            return false;
        }
        acquire.wrap(ring.buffer(), index).set(policyId, ipProtocol, packet, sourceOffset, destinationOffset,
            addressLength, sourcePort, destinationPort);
        ring.commit(index);
        return true;
    }

    /**
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param packets packets protected.
     * @param bytes bytes protected.
     * @param dropped packets dropped.
     * @return false when the ring is full.
     */
    public boolean saStatistics(
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final long packets,
        final long bytes,
        final long dropped)
    {
        final int index = ring.tryClaim(MessageTypes.SA_STATISTICS, SaStatisticsFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        statistics.wrap(ring.buffer(), index).set(spi, protocol, direction, packets, bytes, dropped);
        ring.commit(index);
        return true;
    }

    private boolean lifetime(
        final int msgTypeId,
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final LifetimeLimit limit)
    {
        final int index = ring.tryClaim(msgTypeId, LifetimeFlyweight.LENGTH);
        if (index <= 0)
        {
            return false;
        }
        lifetime.wrap(ring.buffer(), index).set(spi, protocol, direction, limit);
        ring.commit(index);
        return true;
    }
}
