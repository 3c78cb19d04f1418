package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Key Exchange payload (RFC 7296 §3.4): the group and the sender's public value.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Diffie-Hellman Group Num    |           RESERVED            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                       Key Exchange Data                       ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Whether the data's length fits the group is the key exchange's check, which knows the groups.
 *
 * @param group the key exchange method (Transform Type 4 ID).
 * @param data the public value, copied.
 */
public record KeyExchangePayload(int group, byte[] data) implements Payload
{
    static final int FIXED_LENGTH = 4;

    /**
     * Copies the data.
     */
    public KeyExchangePayload
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
            return PayloadResult.malformed(MalformedReason.BAD_KEY_EXCHANGE);
        }
        return PayloadResult.ok(new KeyExchangePayload(
            Bytes.uint16(buffer, offset), Bytes.copy(buffer, offset + FIXED_LENGTH, length - FIXED_LENGTH)));
    }

    /** @return a copy of the public value. */
    @Override
    public byte[] data()
    {
        return data.clone();
    }

    @Override
    public int type()
    {
        return PayloadType.KE;
    }

    @Override
    public MalformedReason verify()
    {
        return data.length == 0 || group < 0 || group > 0xFFFF ? MalformedReason.BAD_KEY_EXCHANGE : MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        return FIXED_LENGTH + data.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putShort(offset, (short)group, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + 2, (short)0);
        buffer.putBytes(offset + FIXED_LENGTH, data);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof KeyExchangePayload that && group == that.group && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode()
    {
        return 31 * group + Arrays.hashCode(data);
    }

    @Override
    public String toString()
    {
        return "KE[group " + group + ", " + data.length + " bytes]";
    }
}
