package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#SA_STATISTICS}: an SA's counts.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id: 0, unsolicited (64 bits)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 SPI                                                        |
 *  | 12 IP protocol  |  Direction    |  reserved, zero               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 16 Packets (64 bits), 24 bytes (64 bits), 32 dropped (64 bits) |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SaStatisticsFlyweight extends MessageFlyweight
{
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 8;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 12;
    /** Offset of the {@link Direction} ordinal. */
    public static final int DIRECTION_OFFSET = 13;
    /** Offset of the packet count. */
    public static final int PACKETS_OFFSET = 16;
    /** Offset of the byte count. */
    public static final int BYTES_OFFSET = 24;
    /** Offset of the drop count. */
    public static final int DROPPED_OFFSET = 32;
    /** The message length. */
    public static final int LENGTH = 40;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public SaStatisticsFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * Writes every field.
     *
     * @param spi the SPI.
     * @param protocol the protocol.
     * @param direction the direction.
     * @param packets packets protected.
     * @param bytes bytes protected.
     * @param dropped packets dropped.
     */
    public void set(
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final long packets,
        final long bytes,
        final long dropped)
    {
        correlationId(0);
        i32(SPI_OFFSET, spi);
        u8(PROTOCOL_OFFSET, protocol.ipProtocol());
        u8(DIRECTION_OFFSET, direction.ordinal());
        u16(DIRECTION_OFFSET + 1, 0);
        i64(PACKETS_OFFSET, packets);
        i64(BYTES_OFFSET, bytes);
        i64(DROPPED_OFFSET, dropped);
    }

    /** @return the SPI. */
    public int spi()
    {
        return i32(SPI_OFFSET);
    }

    /** @return the protocol, or null when the code is unknown. */
    public IpsecProtocol protocol()
    {
        return MessageTypes.protocol(u8(PROTOCOL_OFFSET));
    }

    /** @return the direction, or null when the code is unknown. */
    public Direction direction()
    {
        return MessageTypes.direction(u8(DIRECTION_OFFSET));
    }

    /** @return packets protected. */
    public long packets()
    {
        return i64(PACKETS_OFFSET);
    }

    /** @return bytes protected. */
    public long bytes()
    {
        return i64(BYTES_OFFSET);
    }

    /** @return packets dropped. */
    public long dropped()
    {
        return i64(DROPPED_OFFSET);
    }
}
