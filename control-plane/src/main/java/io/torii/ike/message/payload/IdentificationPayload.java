package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Identification payload, IDi or IDr (RFC 7296 §3.5).
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   ID Type     |                 RESERVED                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                   Identification Data                         ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The AUTH computation signs the body (ID type, reserved bytes and data): {@link #encodeBody}
 * writes exactly that.
 *
 * @param type {@link PayloadType#IDI} or {@link PayloadType#IDR}.
 * @param idType one of the {@code ID_} constants.
 * @param data the identification, copied.
 */
public record IdentificationPayload(int type, int idType, byte[] data) implements Payload
{
    public static final int ID_IPV4_ADDR = 1;
    public static final int ID_FQDN = 2;
    public static final int ID_RFC822_ADDR = 3;
    public static final int ID_IPV6_ADDR = 5;
    public static final int ID_DER_ASN1_DN = 9;
    public static final int ID_DER_ASN1_GN = 10;
    public static final int ID_KEY_ID = 11;

    static final int FIXED_LENGTH = 4;

    /**
     * Copies the data.
     */
    public IdentificationPayload
    {
        data = Objects.requireNonNull(data, "data").clone();
    }

    /**
     * @param type {@link PayloadType#IDI} or {@link PayloadType#IDR}.
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload, or why it does not parse.
     */
    public static PayloadResult decode(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < FIXED_LENGTH)
        {
            return PayloadResult.malformed(MalformedReason.BAD_IDENTIFICATION);
        }
        return PayloadResult.ok(new IdentificationPayload(
            type, Bytes.uint8(buffer, offset), Bytes.copy(buffer, offset + FIXED_LENGTH, length - FIXED_LENGTH)));
    }

    /** @return a copy of the identification data. */
    @Override
    public byte[] data()
    {
        return data.clone();
    }

    /**
     * Addresses must be 4 or 16 bytes; other known types must not be empty. Unknown ID types pass:
     * whether to accept them is the authentication's call.
     */
    @Override
    public MalformedReason verify()
    {
        if (type != PayloadType.IDI && type != PayloadType.IDR || idType < 1 || idType > 255)
        {
            return MalformedReason.BAD_IDENTIFICATION;
        }
        final boolean fits = switch (idType)
        {
            case ID_IPV4_ADDR -> data.length == 4;
            case ID_IPV6_ADDR -> data.length == 16;
            case ID_FQDN, ID_RFC822_ADDR, ID_DER_ASN1_DN, ID_DER_ASN1_GN, ID_KEY_ID -> data.length > 0;
            default -> true;
        };
        return fits ? MalformedReason.OK : MalformedReason.BAD_IDENTIFICATION;
    }

    @Override
    public int bodyLength()
    {
        return FIXED_LENGTH + data.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)idType);
        buffer.setMemory(offset + 1, FIXED_LENGTH - 1, (byte)0);
        buffer.putBytes(offset + FIXED_LENGTH, data);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof IdentificationPayload that && type == that.type && idType == that.idType &&
            Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(type, idType, Arrays.hashCode(data));
    }

    @Override
    public String toString()
    {
        return PayloadType.name(type) + "[type " + idType + ", " + data.length + " bytes]";
    }
}
