package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.IpsecProtocol;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#ALLOCATE_SPI}: reserve an inbound SPI in a range.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits)                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 Lowest SPI acceptable (unsigned)                           |
 *  | 12 Highest SPI acceptable (unsigned)                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 16 IP protocol  |  reserved, zero                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class AllocateSpiFlyweight extends MessageFlyweight
{
    /** Offset of the lowest SPI. */
    public static final int MIN_SPI_OFFSET = 8;
    /** Offset of the highest SPI. */
    public static final int MAX_SPI_OFFSET = 12;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 16;
    /** The message length. */
    public static final int LENGTH = 20;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public AllocateSpiFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * Writes every field.
     *
     * @param correlationId the correlation id.
     * @param protocol the protocol.
     * @param minSpi the lowest SPI.
     * @param maxSpi the highest SPI.
     */
    public void set(final long correlationId, final IpsecProtocol protocol, final int minSpi, final int maxSpi)
    {
        correlationId(correlationId);
        i32(MIN_SPI_OFFSET, minSpi);
        i32(MAX_SPI_OFFSET, maxSpi);
        i32(PROTOCOL_OFFSET, 0);
        u8(PROTOCOL_OFFSET, protocol.ipProtocol());
    }

    /** @return the lowest SPI. */
    public int minSpi()
    {
        return i32(MIN_SPI_OFFSET);
    }

    /** @return the highest SPI. */
    public int maxSpi()
    {
        return i32(MAX_SPI_OFFSET);
    }

    /** @return the protocol, or null when the code is unknown. */
    public IpsecProtocol protocol()
    {
        return MessageTypes.protocol(u8(PROTOCOL_OFFSET));
    }
}
