package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.IpsecProtocol;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#SWITCH_OUTBOUND}: make an installed outbound SA its tunnel's sending SA.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits)                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 Tunnel id                                                  |
 *  | 12 SPI of the new outbound SA                                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 16 IP protocol  |  reserved, zero                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class SwitchOutboundFlyweight extends MessageFlyweight
{
    /** Offset of the tunnel id. */
    public static final int TUNNEL_ID_OFFSET = 8;
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 12;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 16;
    /** The message length. */
    public static final int LENGTH = 20;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public SwitchOutboundFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * Writes every field.
     *
     * @param correlationId the correlation id.
     * @param tunnelId the tunnel.
     * @param spi the new outbound SA's SPI.
     * @param protocol its protocol.
     */
    public void set(final long correlationId, final int tunnelId, final int spi, final IpsecProtocol protocol)
    {
        correlationId(correlationId);
        i32(TUNNEL_ID_OFFSET, tunnelId);
        i32(SPI_OFFSET, spi);
        i32(PROTOCOL_OFFSET, 0);
        u8(PROTOCOL_OFFSET, protocol.ipProtocol());
    }

    /** @return the tunnel id. */
    public int tunnelId()
    {
        return i32(TUNNEL_ID_OFFSET);
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
