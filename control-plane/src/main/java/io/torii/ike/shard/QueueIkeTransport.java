package io.torii.ike.shard;

import io.torii.ike.net.IkeDatagram;
import io.torii.ike.net.IkeTransport;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * An IKE transport in memory, for two-daemon tests and load harnesses: what one end sends arrives at the
 * end it is linked to, its two ends swapped as the receiver sees them. A full queue drops the message,
 * as a full socket buffer does.
 */
public final class QueueIkeTransport implements IkeTransport
{
    private final ManyToOneConcurrentArrayQueue<IkeDatagram> inbound;
    private final AtomicLong dropped = new AtomicLong();
    private volatile Consumer<IkeDatagram> peer = datagram -> { };

    /**
     * @param capacity how many messages may wait to be polled.
     */
    public QueueIkeTransport(final int capacity)
    {
        this.inbound = new ManyToOneConcurrentArrayQueue<>(capacity);
    }

    /**
     * Links two ends both ways.
     *
     * @param one an end.
     * @param other the other end.
     */
    public static void link(final QueueIkeTransport one, final QueueIkeTransport other)
    {
        one.peer = other::deliver;
        other.peer = one::deliver;
    }

    /**
     * Links this end's sends to any receiver, for example a test that plays many peers.
     *
     * @param receiver takes each message as it was sent.
     */
    public void sendTo(final Consumer<IkeDatagram> receiver)
    {
        this.peer = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Puts a message that was sent to this end in its queue; from any thread.
     *
     * @param sent the message with its ends as the sender gave them.
     */
    public void deliver(final IkeDatagram sent)
    {
        if (!inbound.offer(new IkeDatagram(sent.remote(), sent.local(), sent.message())))
        {
            dropped.incrementAndGet();
        }
    }

    @Override
    public int poll(final Consumer<IkeDatagram> consumer, final int limit)
    {
        return inbound.drain(consumer, limit);
    }

    @Override
    public boolean send(final IkeDatagram datagram)
    {
        peer.accept(datagram);
        return true;
    }

    @Override
    public boolean sendsFrom(final IkeDatagram datagram)
    {
        return true;
    }

    /** @return messages dropped because the queue was full. */
    public long dropped()
    {
        return dropped.get();
    }

    @Override
    public void close()
    {
    }
}
