package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Extensible Authentication payload (RFC 7296 §3.16): one whole EAP message (RFC 3748 §4).
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Code      | Identifier    |           Length              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Type          | Type_Data...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param message the EAP message, copied.
 */
public record EapPayload(byte[] message) implements Payload
{
    public static final int CODE_REQUEST = 1;
    public static final int CODE_RESPONSE = 2;
    public static final int CODE_SUCCESS = 3;
    public static final int CODE_FAILURE = 4;

    static final int HEADER_LENGTH = 4;

    /**
     * Copies the message.
     */
    public EapPayload
    {
        message = Objects.requireNonNull(message, "message").clone();
    }

    /**
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload; its consistency is checked by {@link #verify()}.
     */
    public static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        return PayloadResult.ok(new EapPayload(Bytes.copy(buffer, offset, length)));
    }

    /** @return a copy of the EAP message. */
    @Override
    public byte[] message()
    {
        return message.clone();
    }

    /** @return the EAP Code, or -1 when the message is too short to hold one. */
    public int code()
    {
        return message.length > 0 ? message[0] & 0xFF : -1;
    }

    /** @return the EAP Identifier, or -1 when the message is too short to hold one. */
    public int identifier()
    {
        return message.length > 1 ? message[1] & 0xFF : -1;
    }

    @Override
    public int type()
    {
        return PayloadType.EAP;
    }

    /**
     * The EAP Length must be the payload's; Request and Response carry a Type, Success and Failure
     * nothing after the header (RFC 3748 §4.1, §4.2).
     */
    @Override
    public MalformedReason verify()
    {
        if (message.length < HEADER_LENGTH || ((message[2] & 0xFF) << 8 | message[3] & 0xFF) != message.length)
        {
            return MalformedReason.BAD_EAP;
        }
        return switch (code())
        {
            case CODE_REQUEST, CODE_RESPONSE ->
                message.length > HEADER_LENGTH ? MalformedReason.OK : MalformedReason.BAD_EAP;
            case CODE_SUCCESS, CODE_FAILURE ->
                message.length == HEADER_LENGTH ? MalformedReason.OK : MalformedReason.BAD_EAP;
            default -> MalformedReason.BAD_EAP;
        };
    }

    @Override
    public int bodyLength()
    {
        return message.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putBytes(offset, message);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof EapPayload that && Arrays.equals(message, that.message);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(message);
    }

    @Override
    public String toString()
    {
        return "EAP[code " + code() + ", " + message.length + " bytes]";
    }
}
