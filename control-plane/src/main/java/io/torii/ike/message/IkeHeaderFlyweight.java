package io.torii.ike.message;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * View over the IKE header (RFC 7296 §3.1), which starts every IKEv2 message.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       IKE SA Initiator's SPI                  |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       IKE SA Responder's SPI                  |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          Message ID                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                            Length                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *  Flags: |X|X|R|V|I|X|X|X|  (R response, V higher version, I original initiator)
 * </pre>
 * The daemon reads the SPIs, flags and message ID through this view to find the IKE SA, and so the
 * {@link SkCipher}, before it decodes the rest with {@link IkeMessageDecoder}. Callers check
 * {@link #LENGTH} bytes are there before reading.
 */
public final class IkeHeaderFlyweight
{
    /** Bytes of the IKE header. */
    public static final int LENGTH = 28;
    public static final int INITIATOR_SPI_OFFSET = 0;
    public static final int RESPONDER_SPI_OFFSET = 8;
    public static final int NEXT_PAYLOAD_OFFSET = 16;
    public static final int VERSION_OFFSET = 17;
    public static final int EXCHANGE_TYPE_OFFSET = 18;
    public static final int FLAGS_OFFSET = 19;
    public static final int MESSAGE_ID_OFFSET = 20;
    public static final int LENGTH_OFFSET = 24;

    /** The major version this implementation speaks (§3.1). */
    public static final int MAJOR_VERSION = 2;
    /** The minor version it sends. */
    public static final int MINOR_VERSION = 0;

    /** R: the message is a response. */
    public static final int FLAG_RESPONSE = 0x20;
    /** V: the sender could speak a higher major version; never set by IKEv2 implementations. */
    public static final int FLAG_VERSION = 0x10;
    /** I: the sender is the original initiator of the IKE SA. */
    public static final int FLAG_INITIATOR = 0x08;

    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer the message bytes; writes need a {@link MutableDirectBuffer}.
     * @param offset where the IKE header starts.
     * @return this.
     */
    public IkeHeaderFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public long initiatorSpi()
    {
        return buffer.getLong(offset + INITIATOR_SPI_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public IkeHeaderFlyweight initiatorSpi(final long spi)
    {
        mutable().putLong(offset + INITIATOR_SPI_OFFSET, spi, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public long responderSpi()
    {
        return buffer.getLong(offset + RESPONDER_SPI_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public IkeHeaderFlyweight responderSpi(final long spi)
    {
        mutable().putLong(offset + RESPONDER_SPI_OFFSET, spi, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** @return the type of the first payload, a {@link PayloadType} value. */
    public int nextPayload()
    {
        return buffer.getByte(offset + NEXT_PAYLOAD_OFFSET) & 0xFF;
    }

    public IkeHeaderFlyweight nextPayload(final int type)
    {
        mutable().putByte(offset + NEXT_PAYLOAD_OFFSET, (byte)type);
        return this;
    }

    public int majorVersion()
    {
        return (buffer.getByte(offset + VERSION_OFFSET) & 0xF0) >>> 4;
    }

    public int minorVersion()
    {
        return buffer.getByte(offset + VERSION_OFFSET) & 0x0F;
    }

    /**
     * @param major 0 to 15.
     * @param minor 0 to 15.
     * @return this.
     */
    public IkeHeaderFlyweight version(final int major, final int minor)
    {
        mutable().putByte(offset + VERSION_OFFSET, (byte)((major & 0x0F) << 4 | minor & 0x0F));
        return this;
    }

    /** @return an {@link ExchangeType} value. */
    public int exchangeType()
    {
        return buffer.getByte(offset + EXCHANGE_TYPE_OFFSET) & 0xFF;
    }

    public IkeHeaderFlyweight exchangeType(final int type)
    {
        mutable().putByte(offset + EXCHANGE_TYPE_OFFSET, (byte)type);
        return this;
    }

    /** @return the flags byte; see the {@code FLAG_} constants. */
    public int flags()
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    public IkeHeaderFlyweight flags(final int flags)
    {
        mutable().putByte(offset + FLAGS_OFFSET, (byte)flags);
        return this;
    }

    public boolean isResponse()
    {
        return (flags() & FLAG_RESPONSE) != 0;
    }

    public boolean isInitiator()
    {
        return (flags() & FLAG_INITIATOR) != 0;
    }

    /** @return the message ID, an unsigned 32-bit counter carried in an int. */
    public int messageId()
    {
        return buffer.getInt(offset + MESSAGE_ID_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public IkeHeaderFlyweight messageId(final int messageId)
    {
        mutable().putInt(offset + MESSAGE_ID_OFFSET, messageId, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** @return the length of the whole message, header included, as unsigned. */
    public long length()
    {
        return buffer.getInt(offset + LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    public IkeHeaderFlyweight length(final int length)
    {
        mutable().putInt(offset + LENGTH_OFFSET, length, ByteOrder.BIG_ENDIAN);
        return this;
    }

    private MutableDirectBuffer mutable()
    {
        return (MutableDirectBuffer)buffer;
    }
}
