package io.torii.dataplane.handoff;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#IKE_DATAGRAM}: one IKE message that travels through the dataplane's UDP socket on
 * the NAT-T port (RFC 3948 §2.2), which IKE and ESP in UDP share. On the IKE-in ring it is a message a
 * worker received, the non-ESP marker taken off; on the IKE-out ring one the control plane wants sent,
 * which the worker sends behind a non-ESP marker. Local is the gateway's side, remote the peer's.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id: 0 (64 bits)                                |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 Address len  |  reserved, 0  | 10 Local port                 |
 *  | 12 Remote port                  |  reserved, zero               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 16 Local address (4 or 16), remote address (same)             ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    IKE message (RFC 7296 §3.1), from its header to its end    ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class IkeDatagramFlyweight extends MessageFlyweight
{
    /** Offset of the address length: 4 or 16. */
    public static final int ADDRESS_LENGTH_OFFSET = 8;
    /** Offset of the local port. */
    public static final int LOCAL_PORT_OFFSET = 10;
    /** Offset of the remote port. */
    public static final int REMOTE_PORT_OFFSET = 12;
    /** Offset of the local address. */
    public static final int ADDRESSES_OFFSET = 16;
    /** The shortest IKE message: its fixed header (RFC 7296 §3.1). */
    public static final int MIN_MESSAGE_LENGTH = 28;
    /** The NAT keepalive (RFC 3948 §2.3): one 0xFF byte, sent without the non-ESP marker. */
    public static final byte NAT_KEEPALIVE = (byte)0xFF;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public IkeDatagramFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * @param addressLength 4 or 16.
     * @param messageLength the IKE message's length.
     * @return the ring message's length.
     */
    public static int length(final int addressLength, final int messageLength)
    {
        return ADDRESSES_OFFSET + 2 * addressLength + messageLength;
    }

    /**
     * Writes the addressing fields, copying the addresses without allocating.
     *
     * @param addressLength 4 or 16.
     * @param addresses the buffer holding both addresses.
     * @param localOffset where the local address lies.
     * @param localPort the local UDP port.
     * @param remoteOffset where the remote address lies.
     * @param remotePort the remote UDP port.
     */
    public void setAddressing(
        final int addressLength,
        final DirectBuffer addresses,
        final int localOffset,
        final int localPort,
        final int remoteOffset,
        final int remotePort)
    {
        correlationId(0);
        u8(ADDRESS_LENGTH_OFFSET, addressLength);
        u8(ADDRESS_LENGTH_OFFSET + 1, 0);
        u16(LOCAL_PORT_OFFSET, localPort);
        u16(REMOTE_PORT_OFFSET, remotePort);
        u16(REMOTE_PORT_OFFSET + 2, 0);
        buffer.putBytes(offset + ADDRESSES_OFFSET, addresses, localOffset, addressLength);
        buffer.putBytes(offset + ADDRESSES_OFFSET + addressLength, addresses, remoteOffset, addressLength);
    }

    /**
     * @param length the message length the ring gave.
     * @return null when the fields fit that length and an IKE header, or a NAT keepalive, follows them;
     *         otherwise what is wrong.
     */
    public String validateLength(final int length)
    {
        if (length < ADDRESSES_OFFSET)
        {
            return "IKE datagram message of " + length + " bytes, expected at least " + ADDRESSES_OFFSET;
        }
        final int addressLength = addressLength();
        if ((addressLength != 4 && addressLength != 16) || length < length(addressLength, 1) ||
            length < length(addressLength, MIN_MESSAGE_LENGTH) && !isKeepalive(length))
        {
            return "IKE datagram message of " + length + " bytes with address length " + addressLength;
        }
        return null;
    }

    /**
     * @param length the ring message's length.
     * @return true when it carries a NAT keepalive rather than an IKE message.
     */
    public boolean isKeepalive(final int length)
    {
        return ikeLength(length) == 1 && buffer.getByte(ikeOffset()) == NAT_KEEPALIVE;
    }

    /** @return the address length: 4 (IPv4) or 16 (IPv6). */
    public int addressLength()
    {
        return u8(ADDRESS_LENGTH_OFFSET);
    }

    /** @return the local UDP port. */
    public int localPort()
    {
        return u16(LOCAL_PORT_OFFSET);
    }

    /** @return the remote UDP port. */
    public int remotePort()
    {
        return u16(REMOTE_PORT_OFFSET);
    }

    /** @return where in {@link #buffer()} the local address lies. */
    public int localAddressOffset()
    {
        return offset + ADDRESSES_OFFSET;
    }

    /** @return where in {@link #buffer()} the remote address lies. */
    public int remoteAddressOffset()
    {
        return offset + ADDRESSES_OFFSET + addressLength();
    }

    /** @return where in {@link #buffer()} the IKE message starts. */
    public int ikeOffset()
    {
        return offset + ADDRESSES_OFFSET + 2 * addressLength();
    }

    /**
     * @param length the ring message's length.
     * @return the IKE message's length in it.
     */
    public int ikeLength(final int length)
    {
        return length - ADDRESSES_OFFSET - 2 * addressLength();
    }

    /** @return the buffer the message lies in. */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }
}
