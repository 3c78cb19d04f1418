package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#UPDATE_SA}: new lifetime limits for an installed SA.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits)                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 SPI                                                        |
 *  | 12 IP protocol  |  Direction    |  reserved, zero               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 16 Soft bytes, 24 hard bytes, 32 soft packets, 40 hard packets, |
 *  |    48 soft seconds, 56 hard seconds: 64 bits each, 0 no limit   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class UpdateSaFlyweight extends MessageFlyweight
{
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 8;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 12;
    /** Offset of the {@link Direction} ordinal. */
    public static final int DIRECTION_OFFSET = 13;
    /** Offset of the lifetime limits. */
    public static final int LIFETIMES_OFFSET = 16;
    /** The message length. */
    public static final int LENGTH = LIFETIMES_OFFSET + LIFETIMES_LENGTH;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public UpdateSaFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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
     * @param lifetimes the new limits.
     */
    public void set(
        final long correlationId,
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final SaLifetimes lifetimes)
    {
        correlationId(correlationId);
        i32(SPI_OFFSET, spi);
        u8(PROTOCOL_OFFSET, protocol.ipProtocol());
        u8(DIRECTION_OFFSET, direction.ordinal());
        u16(DIRECTION_OFFSET + 1, 0);
        lifetimes(LIFETIMES_OFFSET, lifetimes);
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

    /**
     * @return the limits.
     * @throws IllegalArgumentException when they are not valid limits.
     */
    public SaLifetimes lifetimes()
    {
        return lifetimes(LIFETIMES_OFFSET);
    }
}
