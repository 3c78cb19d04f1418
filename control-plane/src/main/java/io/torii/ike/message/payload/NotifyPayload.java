package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Notify payload (RFC 7296 §3.10); its types are in {@link NotifyType}.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Protocol ID  |   SPI Size    |      Notify Message Type      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                Security Parameter Index (SPI)                 ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                       Notification Data                       ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param protocol 0 or {@link io.torii.ike.proposal.Proposal#IKE} for the IKE SA, AH or ESP for a
 *     Child SA.
 * @param notifyType a {@link NotifyType} value.
 * @param spi the SPI, copied: empty, or 4 bytes for AH and ESP.
 * @param data the notification data, copied.
 */
public record NotifyPayload(int protocol, int notifyType, byte[] spi, byte[] data) implements Payload
{
    static final int FIXED_LENGTH = 4;

    /**
     * Copies the SPI and data.
     */
    public NotifyPayload
    {
        spi = Objects.requireNonNull(spi, "spi").clone();
        data = Objects.requireNonNull(data, "data").clone();
    }

    /**
     * @param notifyType a {@link NotifyType} value.
     * @param data the notification data.
     * @return a notify about the IKE SA, without SPI.
     */
    public static NotifyPayload of(final int notifyType, final byte[] data)
    {
        return new NotifyPayload(0, notifyType, new byte[0], data);
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
            return PayloadResult.malformed(MalformedReason.BAD_NOTIFY);
        }
        final int spiSize = Bytes.uint8(buffer, offset + 1);
        if (spiSize > length - FIXED_LENGTH)
        {
            return PayloadResult.malformed(MalformedReason.BAD_NOTIFY);
        }
        final int dataOffset = offset + FIXED_LENGTH + spiSize;
        return PayloadResult.ok(new NotifyPayload(
            Bytes.uint8(buffer, offset),
            Bytes.uint16(buffer, offset + 2),
            Bytes.copy(buffer, offset + FIXED_LENGTH, spiSize),
            Bytes.copy(buffer, dataOffset, offset + length - dataOffset)));
    }

    /** @return a copy of the SPI. */
    @Override
    public byte[] spi()
    {
        return spi.clone();
    }

    /** @return a copy of the notification data. */
    @Override
    public byte[] data()
    {
        return data.clone();
    }

    /** @return true for an error notify. */
    public boolean isError()
    {
        return NotifyType.isError(notifyType);
    }

    @Override
    public int type()
    {
        return PayloadType.NOTIFY;
    }

    /**
     * Type 0 is reserved; the SPI is empty or 8 bytes for the IKE SA (INVALID_IKE_SPI may carry one),
     * empty or 4 bytes for AH and ESP.
     */
    @Override
    public MalformedReason verify()
    {
        if (notifyType < 1 || notifyType > 0xFFFF || protocol < 0 || protocol > 255)
        {
            return MalformedReason.BAD_NOTIFY;
        }
        final boolean spiFits = switch (protocol)
        {
            case 0, 1 -> spi.length == 0 || spi.length == 8;
            case 2, 3 -> spi.length == 0 || spi.length == 4;
            default -> spi.length <= 255;
        };
        return spiFits ? MalformedReason.OK : MalformedReason.BAD_NOTIFY;
    }

    @Override
    public int bodyLength()
    {
        return FIXED_LENGTH + spi.length + data.length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)protocol);
        buffer.putByte(offset + 1, (byte)spi.length);
        buffer.putShort(offset + 2, (short)notifyType, ByteOrder.BIG_ENDIAN);
        buffer.putBytes(offset + FIXED_LENGTH, spi);
        buffer.putBytes(offset + FIXED_LENGTH + spi.length, data);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof NotifyPayload that && protocol == that.protocol && notifyType == that.notifyType &&
            Arrays.equals(spi, that.spi) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(protocol, notifyType, Arrays.hashCode(spi), Arrays.hashCode(data));
    }

    @Override
    public String toString()
    {
        return "N[type " + notifyType + ", protocol " + protocol + ", spi " + spi.length + " bytes, data " +
            data.length + " bytes]";
    }
}
