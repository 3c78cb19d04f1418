package io.torii.ike.net;

import java.util.function.Consumer;

/**
 * A way in and out for IKE messages: a socket of the control plane's own, or the dataplane's IKE
 * rings. Both methods are non-blocking, for an agent's duty cycle, and called from one thread.
 */
public interface IkeTransport extends AutoCloseable
{
    /**
     * Hands what arrived, up to a limit, to a consumer.
     *
     * @param consumer takes each message.
     * @param limit the most messages to take.
     * @return how many were taken: the agent's work count.
     */
    int poll(Consumer<IkeDatagram> consumer, int limit);

    /**
     * @param datagram the message and its ends; its local end must be this transport's.
     * @return false when it could not be sent now (counted; IKE retransmits).
     */
    boolean send(IkeDatagram datagram);

    /**
     * @param datagram a message to send.
     * @return true when this transport sends from the message's local end.
     */
    boolean sendsFrom(IkeDatagram datagram);

    /** Releases the socket or rings' readers; idempotent. */
    @Override
    void close();
}
