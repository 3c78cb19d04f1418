package io.torii.ike.message;

import io.torii.ike.message.payload.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One IKEv2 message as typed values: the IKE header's fields, the payloads sent in the clear, and
 * the payloads inside the Encrypted payload (RFC 7296 §3.14) or one Encrypted Fragment payload
 * (RFC 7383). {@link IkeMessageEncoder} writes it; {@link IkeMessageDecoder} reads it.
 *
 * @param initiatorSpi the IKE SA initiator's SPI.
 * @param responderSpi the IKE SA responder's SPI, 0 in the first IKE_SA_INIT request.
 * @param exchangeType an {@link ExchangeType} value.
 * @param initiator the I flag: sent by the original initiator.
 * @param response the R flag.
 * @param messageId the message ID, unsigned.
 * @param payloads the payloads in the clear, in order, without SK or SKF.
 * @param encrypted the payloads inside SK, in order; null when the message has no SK payload, empty
 *     for an SK payload with nothing inside (a liveness check).
 * @param fragment the SKF payload's content, null when there is none; a message has SK or SKF, not
 *     both.
 */
public record IkeMessage(
    long initiatorSpi,
    long responderSpi,
    int exchangeType,
    boolean initiator,
    boolean response,
    int messageId,
    List<Payload> payloads,
    List<Payload> encrypted,
    EncryptedFragment fragment)
{
    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException when both SK and SKF content are given.
     */
    public IkeMessage
    {
        payloads = List.copyOf(payloads);
        encrypted = encrypted == null ? null : List.copyOf(encrypted);
        if (encrypted != null && fragment != null)
        {
            throw new IllegalArgumentException("a message carries SK or SKF, not both");
        }
    }

    /**
     * @param initiatorSpi the initiator's SPI.
     * @param responderSpi the responder's SPI.
     * @param exchangeType an {@link ExchangeType} value.
     * @param initiator the I flag.
     * @param response the R flag.
     * @param messageId the message ID.
     * @param payloads the payloads, all in the clear.
     * @return a message without SK.
     */
    public static IkeMessage plain(
        final long initiatorSpi,
        final long responderSpi,
        final int exchangeType,
        final boolean initiator,
        final boolean response,
        final int messageId,
        final List<Payload> payloads)
    {
        return new IkeMessage(
            initiatorSpi, responderSpi, exchangeType, initiator, response, messageId, payloads, null, null);
    }

    /**
     * @param initiatorSpi the initiator's SPI.
     * @param responderSpi the responder's SPI.
     * @param exchangeType an {@link ExchangeType} value.
     * @param initiator the I flag.
     * @param response the R flag.
     * @param messageId the message ID.
     * @param encrypted the payloads to put inside SK.
     * @return a message whose only payload is SK.
     */
    public static IkeMessage protectedBySk(
        final long initiatorSpi,
        final long responderSpi,
        final int exchangeType,
        final boolean initiator,
        final boolean response,
        final int messageId,
        final List<Payload> encrypted)
    {
        return new IkeMessage(
            initiatorSpi, responderSpi, exchangeType, initiator, response, messageId, List.of(), encrypted, null);
    }

    /** @return true when the message carries an SK payload. */
    public boolean hasEncrypted()
    {
        return encrypted != null;
    }

    /** @return the clear payloads, then the encrypted ones. */
    public List<Payload> allPayloads()
    {
        final List<Payload> all = new ArrayList<>(payloads);
        if (encrypted != null)
        {
            all.addAll(encrypted);
        }
        return all;
    }

    /**
     * @param kind a payload class, such as {@code NotifyPayload.class}.
     * @param <T> the payload class.
     * @return the payloads of that class, clear ones first, in order.
     */
    public <T extends Payload> List<T> payloadsOf(final Class<T> kind)
    {
        final List<T> found = new ArrayList<>();
        for (final Payload payload : allPayloads())
        {
            if (kind.isInstance(payload))
            {
                found.add(kind.cast(payload));
            }
        }
        return found;
    }

    /**
     * @param type a {@link PayloadType} value; IDi and IDr, TSi and TSr share a class but not a type.
     * @return the first payload of that type, clear ones first.
     */
    public Optional<Payload> first(final int type)
    {
        for (final Payload payload : allPayloads())
        {
            if (payload.type() == type)
            {
                return Optional.of(payload);
            }
        }
        return Optional.empty();
    }
}
