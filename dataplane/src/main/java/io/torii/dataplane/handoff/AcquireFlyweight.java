package io.torii.dataplane.handoff;

import java.net.InetAddress;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#ACQUIRE}: a packet matched a protect policy with no SA to send it.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id: 0, unsolicited (64 bits)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 Policy id                                                  |
 *  | 12 IP protocol  |  Address len  | 14 Source port                |
 *  | 16 Destination port             |  reserved, zero               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 20 Source address (4 or 16), destination address (same)      ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class AcquireFlyweight extends MessageFlyweight
{
    /** Offset of the policy id. */
    public static final int POLICY_ID_OFFSET = 8;
    /** Offset of the packet's IP protocol. */
    public static final int IP_PROTOCOL_OFFSET = 12;
    /** Offset of the address length: 4 or 16. */
    public static final int ADDRESS_LENGTH_OFFSET = 13;
    /** Offset of the source port. */
    public static final int SOURCE_PORT_OFFSET = 14;
    /** Offset of the destination port. */
    public static final int DESTINATION_PORT_OFFSET = 16;
    /** Offset of the source address. */
    public static final int ADDRESSES_OFFSET = 20;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public AcquireFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * @param addressLength 4 or 16.
     * @return the message length.
     */
    public static int length(final int addressLength)
    {
        return ADDRESSES_OFFSET + 2 * addressLength;
    }

    /**
     * Writes every field, copying the addresses from a packet without allocating.
     *
     * @param policyId the policy matched.
     * @param ipProtocol the packet's IP protocol.
     * @param addresses the buffer holding the packet's addresses.
     * @param sourceOffset where its source address lies.
     * @param destinationOffset where its destination address lies.
     * @param addressLength 4 or 16.
     * @param sourcePort its source port, or 0.
     * @param destinationPort its destination port, or 0.
     */
    public void set(
        final int policyId,
        final int ipProtocol,
        final DirectBuffer addresses,
        final int sourceOffset,
        final int destinationOffset,
        final int addressLength,
        final int sourcePort,
        final int destinationPort)
    {
        correlationId(0);
        i32(POLICY_ID_OFFSET, policyId);
        u8(IP_PROTOCOL_OFFSET, ipProtocol);
        u8(ADDRESS_LENGTH_OFFSET, addressLength);
        u16(SOURCE_PORT_OFFSET, sourcePort);
        u16(DESTINATION_PORT_OFFSET, destinationPort);
        u16(DESTINATION_PORT_OFFSET + 2, 0);
        buffer.putBytes(offset + ADDRESSES_OFFSET, addresses, sourceOffset, addressLength);
        buffer.putBytes(offset + ADDRESSES_OFFSET + addressLength, addresses, destinationOffset, addressLength);
    }

    /**
     * @param length the message length the ring gave.
     * @return null when the fields fit that length, otherwise what is wrong.
     */
    public String validateLength(final int length)
    {
        if (length < ADDRESSES_OFFSET)
        {
            return "acquire message of " + length + " bytes, expected at least " + ADDRESSES_OFFSET;
        }
        final int addressLength = addressLength();
        if ((addressLength != 4 && addressLength != 16) || length < length(addressLength))
        {
            return "acquire message of " + length + " bytes with address length " + addressLength;
        }
        return null;
    }

    /** @return the policy id. */
    public int policyId()
    {
        return i32(POLICY_ID_OFFSET);
    }

    /** @return the packet's IP protocol. */
    public int ipProtocol()
    {
        return u8(IP_PROTOCOL_OFFSET);
    }

    /** @return the address length. */
    public int addressLength()
    {
        return u8(ADDRESS_LENGTH_OFFSET);
    }

    /** @return the source port. */
    public int sourcePort()
    {
        return u16(SOURCE_PORT_OFFSET);
    }

    /** @return the destination port. */
    public int destinationPort()
    {
        return u16(DESTINATION_PORT_OFFSET);
    }

    /** @return the source address; allocates. */
    public InetAddress source()
    {
        return address(ADDRESSES_OFFSET, addressLength());
    }

    /** @return the destination address; allocates. */
    public InetAddress destination()
    {
        return address(ADDRESSES_OFFSET + addressLength(), addressLength());
    }
}
