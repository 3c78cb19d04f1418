package io.torii.ike.task;

import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * An outgoing message while tasks add payloads to it: those to send in the clear and those to put in
 * the Encrypted payload. Messages after IKE_SA_INIT carry everything encrypted (RFC 7296 §1.2).
 */
public final class MessageDraft
{
    private final int exchangeType;
    private final boolean encrypted;
    private final List<Payload> payloads = new ArrayList<>();

    /**
     * @param exchangeType the exchange.
     * @param encrypted true when the payloads go in the Encrypted payload.
     */
    public MessageDraft(final int exchangeType, final boolean encrypted)
    {
        this.exchangeType = exchangeType;
        this.encrypted = encrypted;
    }

    /** @return the exchange. */
    public int exchangeType()
    {
        return exchangeType;
    }

    /** @return true when the payloads go in the Encrypted payload. */
    public boolean encrypted()
    {
        return encrypted;
    }

    /**
     * @param payload a payload, after those added before.
     */
    public void add(final Payload payload)
    {
        payloads.add(payload);
    }

    /**
     * Puts a notify before every other payload, where RFC 7296 §2.6 wants a COOKIE.
     *
     * @param notify the notify.
     */
    public void addFirst(final NotifyPayload notify)
    {
        payloads.addFirst(notify);
    }

    /**
     * Replaces everything added so far with one error notify: a response that refuses the request.
     *
     * @param notifyType the error.
     * @param data its data.
     */
    public void refuse(final int notifyType, final byte[] data)
    {
        payloads.clear();
        payloads.add(NotifyPayload.of(notifyType, data));
    }

    /** @return the payloads in order. */
    public List<Payload> payloads()
    {
        return List.copyOf(payloads);
    }
}
