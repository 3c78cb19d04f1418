package io.torii.ike.shard;

import io.torii.dataplane.threading.Wakeup;
import io.torii.ike.net.IkeDatagram;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * The way out from the IKE handlers: each handler offers the messages it sends, and the I/O side, which
 * alone owns the sockets, drains them to the transports. A full queue drops the message and counts it;
 * IKE retransmits. Each message queued unparks the draining thread ({@link #drainOn}), so that an answer
 * does not wait out the I/O agent's idle back-off.
 */
public final class OutboundDatagrams implements Consumer<IkeDatagram>
{
    /** Messages that may wait for the I/O side. */
    public static final int DEFAULT_CAPACITY = 8192;

    private final ManyToOneConcurrentArrayQueue<IkeDatagram> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Wakeup drainer = new Wakeup();

    /**
     * @param capacity how many messages may wait.
     */
    public OutboundDatagrams(final int capacity)
    {
        this.queue = new ManyToOneConcurrentArrayQueue<>(capacity);
    }

    /** Queues a message to send; from any handler's thread. */
    @Override
    public void accept(final IkeDatagram datagram)
    {
        if (!queue.offer(datagram))
        {
            dropped.incrementAndGet();
            return;
        }
        drainer.wake();
    }

    /**
     * Names the thread that drains, so that messages queued from now on wake it from a park.
     *
     * @param thread the I/O thread; an idle strategy that parks it with LockSupport wakes early.
     */
    public void drainOn(final Thread thread)
    {
        drainer.takenBy(Objects.requireNonNull(thread, "thread"));
    }

    /**
     * Sends what waits; on the I/O thread only.
     *
     * @param sender sends one message.
     * @param limit the most to send now.
     * @return how many were sent.
     */
    public int drain(final Consumer<IkeDatagram> sender, final int limit)
    {
        return queue.drain(sender, limit);
    }

    /** @return messages dropped because the queue was full. */
    public long dropped()
    {
        return dropped.get();
    }
}
