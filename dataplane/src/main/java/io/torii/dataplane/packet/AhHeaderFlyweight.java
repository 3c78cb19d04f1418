package io.torii.dataplane.packet;

import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * View over an AH header (RFC 4302 §2).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Header   |  Payload Len  |          RESERVED             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Security Parameters Index (SPI)               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Sequence Number Field                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                Integrity Check Value-ICV (variable)           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Payload Len is the header's length in 32-bit words minus 2. The whole header is a multiple of
 * 32 bits over IPv4 and of 64 bits over IPv6 (§3.3.3.2.1), padded after the ICV where needed.
 */
public final class AhHeaderFlyweight
{
    /** Next header, payload length, reserved, SPI and sequence number. */
    public static final int FIXED_LENGTH = 12;
    public static final int NEXT_HEADER_OFFSET = 0;
    public static final int PAYLOAD_LENGTH_OFFSET = 1;
    public static final int RESERVED_OFFSET = 2;
    public static final int SPI_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 8;
    /** Where the ICV starts. */
    public static final int ICV_OFFSET = 12;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer the packet bytes.
     * @param offset where the AH header starts.
     * @return this.
     */
    public AhHeaderFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @param icvLength the ICV length of the SA's algorithm.
     * @param ipv6 whether the header must be a multiple of 8 bytes.
     * @return the header length including the ICV and any alignment padding.
     */
    public static int lengthFor(final int icvLength, final boolean ipv6)
    {
        final int raw = FIXED_LENGTH + icvLength;
        final int alignment = ipv6 ? 8 : 4;
        return (raw + alignment - 1) / alignment * alignment;
    }

    public int nextHeader()
    {
        return buffer.getByte(offset + NEXT_HEADER_OFFSET) & 0xFF;
    }

    public AhHeaderFlyweight nextHeader(final int nextHeader)
    {
        buffer.putByte(offset + NEXT_HEADER_OFFSET, (byte)nextHeader);
        return this;
    }

    /** @return the header's length in bytes, from the Payload Len field. */
    public int headerLength()
    {
        return ((buffer.getByte(offset + PAYLOAD_LENGTH_OFFSET) & 0xFF) + 2) * 4;
    }

    /**
     * @param lengthBytes the header's length in bytes, a multiple of 4.
     * @return this.
     */
    public AhHeaderFlyweight headerLength(final int lengthBytes)
    {
        buffer.putByte(offset + PAYLOAD_LENGTH_OFFSET, (byte)(lengthBytes / 4 - 2));
        return this;
    }

    public int reserved()
    {
        return buffer.getShort(offset + RESERVED_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public AhHeaderFlyweight reserved(final int value)
    {
        buffer.putShort(offset + RESERVED_OFFSET, (short)value, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int spi()
    {
        return buffer.getInt(offset + SPI_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public AhHeaderFlyweight spi(final int spi)
    {
        buffer.putInt(offset + SPI_OFFSET, spi, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int sequence()
    {
        return buffer.getInt(offset + SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public AhHeaderFlyweight sequence(final int sequenceLow)
    {
        buffer.putInt(offset + SEQUENCE_OFFSET, sequenceLow, ByteOrder.BIG_ENDIAN);
        return this;
    }
}
