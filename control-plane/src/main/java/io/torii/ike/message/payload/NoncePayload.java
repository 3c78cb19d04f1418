package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Nonce payload, Ni or Nr (RFC 7296 §3.9): 16 to 256 random bytes.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                            Nonce Data                         ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param nonce the nonce, copied.
 */
public record NoncePayload(byte[] nonce) implements Payload
{
    /** Shortest nonce (§3.9). */
    public static final int MIN_LENGTH = 16;
    /** Longest nonce (§3.9). */
    public static final int MAX_LENGTH = 256;

    /**
     * Copies the nonce.
     */
    public NoncePayload
    {
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
    }

    /**
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload; its length is checked by {@link #verify()}.
     */
    public static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        return PayloadResult.ok(new NoncePayload(Bytes.copy(buffer, offset, length)));
    }

    /** @return a copy of the nonce. */
    @Override
    public byte[] nonce()
    {
        return nonce.clone();
    }

    @Override
    public int type()
    {
        return PayloadType.NONCE;
    }

    @Override
    public MalformedReason verify()
    {
        return nonce.length < MIN_LENGTH || nonce.length > MAX_LENGTH ?
            MalformedReason.BAD_NONCE_LENGTH : MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        return nonce.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putBytes(offset, nonce);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof NoncePayload that && Arrays.equals(nonce, that.nonce);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(nonce);
    }

    @Override
    public String toString()
    {
        return "Nonce[" + nonce.length + " bytes]";
    }
}
