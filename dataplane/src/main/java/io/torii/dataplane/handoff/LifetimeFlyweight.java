package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#SOFT_LIFETIME} and {@link MessageTypes#HARD_LIFETIME}: an SA reached a limit.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id: 0, unsolicited (64 bits)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 SPI                                                        |
 *  | 12 IP protocol  |  Direction    |  Limit        |  reserved     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class LifetimeFlyweight extends MessageFlyweight
{
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 8;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 12;
    /** Offset of the {@link Direction} ordinal. */
    public static final int DIRECTION_OFFSET = 13;
    /** Offset of the {@link LifetimeLimit} ordinal. */
    public static final int LIMIT_OFFSET = 14;
    /** The message length. */
    public static final int LENGTH = 16;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public LifetimeFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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
     * @param limit the limit reached.
     */
    public void set(final int spi, final IpsecProtocol protocol, final Direction direction, final LifetimeLimit limit)
    {
        correlationId(0);
        i32(SPI_OFFSET, spi);
        u8(PROTOCOL_OFFSET, protocol.ipProtocol());
        u8(DIRECTION_OFFSET, direction.ordinal());
        u8(LIMIT_OFFSET, limit.ordinal());
        u8(LIMIT_OFFSET + 1, 0);
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

    /** @return the limit, or null when the code is unknown. */
    public LifetimeLimit limit()
    {
        return LifetimeLimit.fromCode(u8(LIMIT_OFFSET));
    }
}
