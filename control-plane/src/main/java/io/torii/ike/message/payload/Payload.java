package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One payload of an IKE message, without its generic payload header (RFC 7296 §3.2), which the
 * message codec writes and reads:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The Encrypted payloads are not values of this type: the message codec lays them out.
 */
public sealed interface Payload permits SecurityAssociationPayload, KeyExchangePayload, IdentificationPayload,
    CertificatePayload, CertificateRequestPayload, AuthenticationPayload, NoncePayload, NotifyPayload,
    DeletePayload, VendorIdPayload, TrafficSelectorPayload, ConfigurationPayload, EapPayload, UnknownPayload
{
    /** Bytes of the generic payload header. */
    int GENERIC_HEADER_LENGTH = 4;

    /** @return the {@link io.torii.ike.message.PayloadType} of this payload. */
    int type();

    /**
     * The critical bit to send: RFC 7296 §2.5 has it clear for every type the RFC defines, so only
     * unknown payloads, kept as received, carry it.
     *
     * @return true when the critical bit is set.
     */
    default boolean critical()
    {
        return false;
    }

    /** @return {@link MalformedReason#OK}, or what makes this payload unfit to send or accept. */
    MalformedReason verify();

    /** @return bytes of the body, after the generic header. */
    int bodyLength();

    /**
     * Writes the body.
     *
     * @param buffer where to write, with {@link #bodyLength()} bytes free at {@code offset}.
     * @param offset where the body starts.
     */
    void encodeBody(MutableDirectBuffer buffer, int offset);

    /**
     * The body as a new array: what AUTH signs of an ID payload (RFC 7296 §2.15, "RestOfIDPayload").
     *
     * @return the encoded body.
     */
    default byte[] encodedBody()
    {
        final byte[] body = new byte[bodyLength()];
        encodeBody(new UnsafeBuffer(body), 0);
        return body;
    }
}
