package io.torii.dataplane.packet;

import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * View over an ESP header and trailer (RFC 4303 §2).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Security Parameters Index (SPI)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Sequence Number                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    IV (optional, per algorithm)               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Payload Data (variable)                    |
 *  +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               |     Padding (0-255 bytes)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |  Pad Length   | Next Header   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Integrity Check Value-ICV   (variable)                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class EspHeaderFlyweight
{
    /** SPI and sequence number. */
    public static final int HEADER_LENGTH = 8;
    /** Pad length and next header. */
    public static final int TRAILER_LENGTH = 2;
    public static final int SPI_OFFSET = 0;
    public static final int SEQUENCE_OFFSET = 4;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer the packet bytes.
     * @param offset where the ESP header starts.
     * @return this.
     */
    public EspHeaderFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int spi()
    {
        return buffer.getInt(offset + SPI_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public EspHeaderFlyweight spi(final int spi)
    {
        buffer.putInt(offset + SPI_OFFSET, spi, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** @return the low 32 bits of the sequence number, as carried. */
    public int sequence()
    {
        return buffer.getInt(offset + SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public EspHeaderFlyweight sequence(final int sequenceLow)
    {
        buffer.putInt(offset + SEQUENCE_OFFSET, sequenceLow, ByteOrder.BIG_ENDIAN);
        return this;
    }
}
