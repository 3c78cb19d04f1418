package io.torii.dataplane.handoff;

import io.torii.dataplane.threading.Wakeup;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * A ring that wakes its reader: the thread that last read it is unparked each time a message is committed, so
 * a reader whose idle strategy parks it ({@link LockSupport#parkNanos}) takes the message at once rather than
 * at the end of its back-off (up to 10 ms for the dataplane's control agent). This works within one process,
 * where writer and reader share this object; a reader in another process (a dataplane run on its own) is not
 * woken, and finds the message at its next poll as before. Every other call goes to the ring unchanged.
 */
public final class DoorbellRingBuffer implements RingBuffer
{
    private final RingBuffer ring;
    private final Wakeup reader = new Wakeup();

    /**
     * @param ring the ring messages travel on.
     */
    public DoorbellRingBuffer(final RingBuffer ring)
    {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    @Override
    public int capacity()
    {
        return ring.capacity();
    }

    @Override
    public boolean write(final int msgTypeId, final DirectBuffer srcBuffer, final int offset, final int length)
    {
        final boolean written = ring.write(msgTypeId, srcBuffer, offset, length);
        if (written)
        {
            reader.wake();
        }
        return written;
    }

    @Override
    public int tryClaim(final int msgTypeId, final int length)
    {
        return ring.tryClaim(msgTypeId, length);
    }

    @Override
    public void commit(final int index)
    {
        ring.commit(index);
        reader.wake();
    }

    @Override
    public void abort(final int index)
    {
        ring.abort(index);
    }

    @Override
    public int read(final MessageHandler handler)
    {
        reader.takenBy(Thread.currentThread());
        return ring.read(handler);
    }

    @Override
    public int read(final MessageHandler handler, final int messageCountLimit)
    {
        reader.takenBy(Thread.currentThread());
        return ring.read(handler, messageCountLimit);
    }

    @Override
    public int controlledRead(final ControlledMessageHandler handler)
    {
        reader.takenBy(Thread.currentThread());
        return ring.controlledRead(handler);
    }

    @Override
    public int controlledRead(final ControlledMessageHandler handler, final int messageCountLimit)
    {
        reader.takenBy(Thread.currentThread());
        return ring.controlledRead(handler, messageCountLimit);
    }

    @Override
    public int maxMsgLength()
    {
        return ring.maxMsgLength();
    }

    @Override
    public long nextCorrelationId()
    {
        return ring.nextCorrelationId();
    }

    @Override
    public AtomicBuffer buffer()
    {
        return ring.buffer();
    }

    @Override
    public void consumerHeartbeatTime(final long time)
    {
        ring.consumerHeartbeatTime(time);
    }

    @Override
    public long consumerHeartbeatTime()
    {
        return ring.consumerHeartbeatTime();
    }

    @Override
    public long producerPosition()
    {
        return ring.producerPosition();
    }

    @Override
    public long consumerPosition()
    {
        return ring.consumerPosition();
    }

    @Override
    public int size()
    {
        return ring.size();
    }

    @Override
    public boolean unblock()
    {
        return ring.unblock();
    }
}
