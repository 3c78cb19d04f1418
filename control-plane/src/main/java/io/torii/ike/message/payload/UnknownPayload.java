package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A payload of a type this codec does not know, kept as received with its critical bit. RFC 7296
 * §2.5 has receivers skip such payloads when the bit is clear and refuse the message with
 * UNSUPPORTED_CRITICAL_PAYLOAD when it is set; the decoder does the latter, so a decoded message
 * holds only non-critical unknown payloads.
 *
 * @param type the payload type.
 * @param critical the critical bit.
 * @param body the body, copied.
 */
public record UnknownPayload(int type, boolean critical, byte[] body) implements Payload
{
    /**
     * Copies the body.
     */
    public UnknownPayload
    {
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * @param type the payload type.
     * @param critical the critical bit.
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload.
     */
    public static PayloadResult decode(
        final int type, final boolean critical, final DirectBuffer buffer, final int offset, final int length)
    {
        return PayloadResult.ok(new UnknownPayload(type, critical, Bytes.copy(buffer, offset, length)));
    }

    /** @return a copy of the body. */
    @Override
    public byte[] body()
    {
        return body.clone();
    }

    @Override
    public MalformedReason verify()
    {
        return critical ? MalformedReason.UNSUPPORTED_CRITICAL_PAYLOAD : MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        return body.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putBytes(offset, body);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof UnknownPayload that && type == that.type && critical == that.critical &&
            Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(type, critical, Arrays.hashCode(body));
    }

    @Override
    public String toString()
    {
        return "Unknown[type " + type + (critical ? ", critical, " : ", ") + body.length + " bytes]";
    }
}
