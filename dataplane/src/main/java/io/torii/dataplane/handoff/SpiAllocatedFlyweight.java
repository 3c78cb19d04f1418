package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.IpsecProtocol;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#SPI_ALLOCATED}: the answer to an SPI allocation.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id of the request (64 bits)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 SPI                                                        |
 *  | 12 IP protocol  |  reserved, zero                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SpiAllocatedFlyweight extends MessageFlyweight
{
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 8;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 12;
    /** The message length. */
    public static final int LENGTH = 16;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public SpiAllocatedFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * Writes every field.
     *
     * @param correlationId the request's correlation id.
     * @param protocol the protocol.
     * @param spi the SPI.
     */
    public void set(final long correlationId, final IpsecProtocol protocol, final int spi)
    {
        correlationId(correlationId);
        i32(SPI_OFFSET, spi);
        i32(PROTOCOL_OFFSET, 0);
        u8(PROTOCOL_OFFSET, protocol.ipProtocol());
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
}
