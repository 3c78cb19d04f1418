package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import org.agrona.DirectBuffer;

/**
 * Picks the payload class by type and decodes a body with it. The Encrypted payloads (SK, SKF) are
 * the message codec's, not this class's.
 */
public final class PayloadDecoder
{
    private PayloadDecoder()
    {
    }

    /**
     * Decodes one payload body and verifies it.
     *
     * @param type the payload type from the previous next-payload field.
     * @param critical the critical bit of its generic header.
     * @param buffer the message; the range must lie inside it.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload, or why it was refused: {@link MalformedReason#UNSUPPORTED_CRITICAL_PAYLOAD}
     *     for an unknown type with the critical bit set.
     */
    public static PayloadResult decode(
        final int type, final boolean critical, final DirectBuffer buffer, final int offset, final int length)
    {
        final PayloadResult result = switch (type)
        {
            case PayloadType.SA -> SecurityAssociationPayload.decode(buffer, offset, length);
            case PayloadType.KE -> KeyExchangePayload.decode(buffer, offset, length);
            case PayloadType.IDI, PayloadType.IDR -> IdentificationPayload.decode(type, buffer, offset, length);
            case PayloadType.CERT -> CertificatePayload.decode(buffer, offset, length);
            case PayloadType.CERTREQ -> CertificateRequestPayload.decode(buffer, offset, length);
            case PayloadType.AUTH -> AuthenticationPayload.decode(buffer, offset, length);
            case PayloadType.NONCE -> NoncePayload.decode(buffer, offset, length);
            case PayloadType.NOTIFY -> NotifyPayload.decode(buffer, offset, length);
            case PayloadType.DELETE -> DeletePayload.decode(buffer, offset, length);
            case PayloadType.VENDOR_ID -> VendorIdPayload.decode(buffer, offset, length);
            case PayloadType.TSI, PayloadType.TSR -> TrafficSelectorPayload.decode(type, buffer, offset, length);
            case PayloadType.CP -> ConfigurationPayload.decode(buffer, offset, length);
            case PayloadType.EAP -> EapPayload.decode(buffer, offset, length);
            default -> UnknownPayload.decode(type, critical, buffer, offset, length);
        };
        if (!result.isOk())
        {
            return result;
        }
        final MalformedReason reason = result.payload().verify();
        return reason == MalformedReason.OK ? result : PayloadResult.malformed(reason);
    }
}
