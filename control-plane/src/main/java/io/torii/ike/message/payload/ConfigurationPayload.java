package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Configuration payload (RFC 7296 §3.15): a request, reply, set or acknowledgement of
 * {@link ConfigurationAttribute}s such as the internal address.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C| RESERVED    |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   CFG Type    |                    RESERVED                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                   Configuration Attributes                    ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param cfgType one of the {@code CFG_} constants.
 * @param attributes the attributes in the order sent.
 */
public record ConfigurationPayload(int cfgType, List<ConfigurationAttribute> attributes) implements Payload
{
    public static final int CFG_REQUEST = 1;
    public static final int CFG_REPLY = 2;
    public static final int CFG_SET = 3;
    public static final int CFG_ACK = 4;

    static final int FIXED_LENGTH = 4;

    /**
     * Copies the list.
     */
    public ConfigurationPayload
    {
        attributes = List.copyOf(attributes);
    }

    /**
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload, or why it does not parse.
     */
    public static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < FIXED_LENGTH)
        {
            return PayloadResult.malformed(MalformedReason.BAD_CONFIGURATION);
        }
        final int end = offset + length;
        final List<ConfigurationAttribute> attributes = new ArrayList<>();
        int at = offset + FIXED_LENGTH;
        while (at < end)
        {
            if (end - at < ConfigurationAttribute.HEADER_LENGTH)
            {
                return PayloadResult.malformed(MalformedReason.BAD_CONFIGURATION);
            }
            final int valueLength = Bytes.uint16(buffer, at + 2);
            if (valueLength > end - at - ConfigurationAttribute.HEADER_LENGTH)
            {
                return PayloadResult.malformed(MalformedReason.BAD_CONFIGURATION);
            }
            // The R bit is reserved: ignored on receipt (§3.15.1).
            attributes.add(new ConfigurationAttribute(Bytes.uint16(buffer, at) & 0x7FFF,
                Bytes.copy(buffer, at + ConfigurationAttribute.HEADER_LENGTH, valueLength)));
            at += ConfigurationAttribute.HEADER_LENGTH + valueLength;
        }
        return PayloadResult.ok(new ConfigurationPayload(Bytes.uint8(buffer, offset), attributes));
    }

    @Override
    public int type()
    {
        return PayloadType.CP;
    }

    @Override
    public MalformedReason verify()
    {
        if (cfgType < CFG_REQUEST || cfgType > CFG_ACK)
        {
            return MalformedReason.BAD_CONFIGURATION;
        }
        for (final ConfigurationAttribute attribute : attributes)
        {
            if (!attribute.isValid())
            {
                return MalformedReason.BAD_CONFIGURATION;
            }
        }
        return MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        int length = FIXED_LENGTH;
        for (final ConfigurationAttribute attribute : attributes)
        {
            length += ConfigurationAttribute.HEADER_LENGTH + attribute.value().length;
        }
        return length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)cfgType);
        buffer.setMemory(offset + 1, FIXED_LENGTH - 1, (byte)0);
        int at = offset + FIXED_LENGTH;
        for (final ConfigurationAttribute attribute : attributes)
        {
            final byte[] value = attribute.value();
            buffer.putShort(at, (short)attribute.type(), ByteOrder.BIG_ENDIAN);
            buffer.putShort(at + 2, (short)value.length, ByteOrder.BIG_ENDIAN);
            buffer.putBytes(at + ConfigurationAttribute.HEADER_LENGTH, value);
            at += ConfigurationAttribute.HEADER_LENGTH + value.length;
        }
    }
}
