package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.net.InetAddress;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#MOVE_SA}: new outer endpoints for an installed SA (MOBIKE, RFC 4555 §3.5, and NAT mapping
 * changes), keeping its keys, sequence number and replay window.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits)                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 SPI                                                        |
 *  | 12 IP protocol  |  Direction    |  Flags: 1 UDP |  Address len  |
 *  | 16 UDP source port              |  UDP destination port         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 20 Source address (4 or 16), destination address (same)      ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The source and destination are the SA's own: for an outbound SA this host's address then the peer's, for
 * an inbound one the peer's then this host's, as {@code ADD_SA} carries them. Ports matter only with UDP
 * encapsulation (RFC 3948).
 */
public final class MoveSaFlyweight extends MessageFlyweight
{
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 8;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 12;
    /** Offset of the {@link Direction} ordinal. */
    public static final int DIRECTION_OFFSET = 13;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 14;
    /** Offset of the address length: 4 or 16. */
    public static final int ADDRESS_LENGTH_OFFSET = 15;
    /** Offset of the UDP source port. */
    public static final int SOURCE_PORT_OFFSET = 16;
    /** Offset of the UDP destination port. */
    public static final int DESTINATION_PORT_OFFSET = 18;
    /** Offset of the source address; the fixed part's length. */
    public static final int ADDRESSES_OFFSET = 20;
    /** Flag: ESP in UDP. */
    public static final int FLAG_UDP_ENCAPSULATION = 1;
    /** The longest message: two IPv6 addresses. */
    public static final int MAX_LENGTH = ADDRESSES_OFFSET + 2 * 16;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public MoveSaFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * @param addressLength 4 or 16.
     * @return the message length carrying two such addresses.
     */
    public static int length(final int addressLength)
    {
        return ADDRESSES_OFFSET + 2 * addressLength;
    }

    /**
     * Writes every field; the message must be {@link #length} bytes long for the addresses' family.
     *
     * @param correlationId the correlation id.
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param source the new outer source address.
     * @param sourcePort the new UDP source port.
     * @param destination the new outer destination address, of the source's family.
     * @param destinationPort the new UDP destination port.
     * @param udpEncapsulation whether ESP goes in UDP from now on.
     */
    public void set(
        final long correlationId,
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final InetAddress source,
        final int sourcePort,
        final InetAddress destination,
        final int destinationPort,
        final boolean udpEncapsulation)
    {
        final byte[] from = source.getAddress();
        final byte[] to = destination.getAddress();
        correlationId(correlationId);
        i32(SPI_OFFSET, spi);
        u8(PROTOCOL_OFFSET, protocol.ipProtocol());
        u8(DIRECTION_OFFSET, direction.ordinal());
        u8(FLAGS_OFFSET, udpEncapsulation ? FLAG_UDP_ENCAPSULATION : 0);
        u8(ADDRESS_LENGTH_OFFSET, from.length);
        u16(SOURCE_PORT_OFFSET, sourcePort);
        u16(DESTINATION_PORT_OFFSET, destinationPort);
        buffer.putBytes(offset + ADDRESSES_OFFSET, from);
        buffer.putBytes(offset + ADDRESSES_OFFSET + from.length, to);
    }

    /**
     * @param length the message length the ring gave.
     * @return null when the fields fit that length, otherwise what is wrong.
     */
    public String validateLength(final int length)
    {
        if (length < ADDRESSES_OFFSET)
        {
            return "move-SA message of " + length + " bytes, expected at least " + ADDRESSES_OFFSET;
        }
        final int addressLength = addressLength();
        if (addressLength != 4 && addressLength != 16)
        {
            return "move-SA address length " + addressLength + ", expected 4 or 16";
        }
        if (length < length(addressLength))
        {
            return "move-SA message of " + length + " bytes is shorter than its addresses";
        }
        return null;
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

    /** @return true when ESP goes in UDP. */
    public boolean udpEncapsulation()
    {
        return (u8(FLAGS_OFFSET) & FLAG_UDP_ENCAPSULATION) != 0;
    }

    /** @return the address length: 4 or 16. */
    public int addressLength()
    {
        return u8(ADDRESS_LENGTH_OFFSET);
    }

    /** @return the UDP source port. */
    public int sourcePort()
    {
        return u16(SOURCE_PORT_OFFSET);
    }

    /** @return the UDP destination port. */
    public int destinationPort()
    {
        return u16(DESTINATION_PORT_OFFSET);
    }

    /** @return the source address; call after {@link #validateLength}. */
    public InetAddress source()
    {
        return address(ADDRESSES_OFFSET, addressLength());
    }

    /** @return the destination address; call after {@link #validateLength}. */
    public InetAddress destination()
    {
        return address(ADDRESSES_OFFSET + addressLength(), addressLength());
    }
}
