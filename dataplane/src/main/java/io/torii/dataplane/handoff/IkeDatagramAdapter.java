package io.torii.dataplane.handoff;

import java.util.Objects;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The reader of an IKE datagram ring: checks each message's lengths and hands it to an
 * {@link IkeDatagramHandler}. Messages of another type or whose lengths do not add up (a writer of
 * another version) are counted in {@link #malformed()} and skipped.
 *
 * <p>Single-threaded: poll from the one thread that consumes the ring.
 */
public final class IkeDatagramAdapter implements MessageHandler
{
    private final RingBuffer ring;
    private final IkeDatagramFlyweight datagram = new IkeDatagramFlyweight();
    private IkeDatagramHandler handler;
    private long malformed;

    /**
     * @param ring an IKE datagram ring.
     */
    public IkeDatagramAdapter(final RingBuffer ring)
    {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    /**
     * Hands up to {@code limit} messages to a handler; for an agent's duty cycle.
     *
     * @param messageHandler takes each message.
     * @param limit the most messages to read.
     * @return how many were read: the agent's work count.
     */
    public int poll(final IkeDatagramHandler messageHandler, final int limit)
    {
        handler = messageHandler;
        try
        {
            return ring.read(this, limit);
        }
        finally
        {
            handler = null;
        }
    }

    /** @return how many messages were skipped as malformed. */
    public long malformed()
    {
        return malformed;
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId != MessageTypes.IKE_DATAGRAM || datagram.wrap(buffer, index).validateLength(length) != null)
        {
            malformed++;
            return;
        }
        handler.onIkeDatagram(datagram, datagram.ikeLength(length));
    }
}
