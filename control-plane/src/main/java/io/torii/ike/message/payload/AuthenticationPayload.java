package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Authentication payload (RFC 7296 §3.8). Compare its data with
 * {@link java.security.MessageDigest#isEqual}; its toString shows only the length.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Auth Method   |                RESERVED                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                      Authentication Data                      ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param method one of the {@code METHOD_} constants.
 * @param data the authentication data, copied.
 */
public record AuthenticationPayload(int method, byte[] data) implements Payload
{
    /** RSA Digital Signature (§3.8). */
    public static final int METHOD_RSA_SIGNATURE = 1;
    /** Shared Key Message Integrity Code (§3.8). */
    public static final int METHOD_SHARED_KEY = 2;
    /** DSS Digital Signature (§3.8). */
    public static final int METHOD_DSS_SIGNATURE = 3;
    /** Digital Signature (RFC 7427 §3). */
    public static final int METHOD_DIGITAL_SIGNATURE = 14;

    static final int FIXED_LENGTH = 4;

    /**
     * Copies the data.
     */
    public AuthenticationPayload
    {
        data = Objects.requireNonNull(data, "data").clone();
    }

    /**
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload, or why it does not parse.
     */
    public static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= FIXED_LENGTH)
        {
            return PayloadResult.malformed(MalformedReason.BAD_AUTHENTICATION);
        }
        return PayloadResult.ok(new AuthenticationPayload(Bytes.uint8(buffer, offset),
            Bytes.copy(buffer, offset + FIXED_LENGTH, length - FIXED_LENGTH)));
    }

    /** @return a copy of the authentication data. */
    @Override
    public byte[] data()
    {
        return data.clone();
    }

    @Override
    public int type()
    {
        return PayloadType.AUTH;
    }

    @Override
    public MalformedReason verify()
    {
        return method < 1 || method > 255 || data.length == 0 ? MalformedReason.BAD_AUTHENTICATION : MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        return FIXED_LENGTH + data.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)method);
        buffer.setMemory(offset + 1, FIXED_LENGTH - 1, (byte)0);
        buffer.putBytes(offset + FIXED_LENGTH, data);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof AuthenticationPayload that && method == that.method && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode()
    {
        return 31 * method + Arrays.hashCode(data);
    }

    @Override
    public String toString()
    {
        return "AUTH[method " + method + ", " + data.length + " bytes]";
    }
}
