package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import org.agrona.MutableDirectBuffer;

/**
 * Names one SA: {@link MessageTypes#DELETE_SA} and {@link MessageTypes#SEQUENCE_EXHAUSTED}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits)                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 SPI                                                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 12 IP protocol  |  Direction    |  reserved, zero               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SaReferenceFlyweight extends MessageFlyweight
{
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 8;
    /** Offset of the IP protocol number (50 ESP, 51 AH). */
    public static final int PROTOCOL_OFFSET = 12;
    /** Offset of the {@link Direction} ordinal. */
    public static final int DIRECTION_OFFSET = 13;
    /** The message length. */
    public static final int LENGTH = 16;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public SaReferenceFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * Writes every field.
     *
     * @param correlationId the correlation id.
     * @param spi the SPI.
     * @param protocol the protocol.
     * @param direction the direction.
     */
    public void set(final long correlationId, final int spi, final IpsecProtocol protocol, final Direction direction)
    {
        correlationId(correlationId);
        i32(SPI_OFFSET, spi);
        u8(PROTOCOL_OFFSET, protocol.ipProtocol());
        u8(DIRECTION_OFFSET, direction.ordinal());
        u16(DIRECTION_OFFSET + 1, 0);
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
}
