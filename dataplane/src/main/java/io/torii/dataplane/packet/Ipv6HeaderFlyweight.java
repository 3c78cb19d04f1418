package io.torii.dataplane.packet;

import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * View over an IPv6 fixed header (RFC 8200 §3).
 * <pre>
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version| Traffic Class |           Flow Label                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Payload Length        |  Next Header  |   Hop Limit   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                     Source Address (128 bits)                 |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                  Destination Address (128 bits)               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Extension headers that follow are walked by {@link Ipv6ExtensionHeaders}.
 */
public final class Ipv6HeaderFlyweight
{
    /** The fixed header's length. */
    public static final int LENGTH = 40;
    public static final int VERSION_CLASS_FLOW_OFFSET = 0;
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;
    public static final int HOP_LIMIT_OFFSET = 7;
    public static final int SOURCE_OFFSET = 8;
    public static final int DESTINATION_OFFSET = 24;
    /** Address length in bytes. */
    public static final int ADDRESS_LENGTH = 16;

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer the packet bytes.
     * @param offset where the header starts.
     * @return this.
     */
    public Ipv6HeaderFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return where the header starts in the buffer. */
    public int offset()
    {
        return offset;
    }

    /**
     * @param available bytes from the header's start to the end of the captured packet.
     * @return true when the version is 6 and header plus payload length lie within {@code available}.
     *         Jumbograms (payload length 0 with a Jumbo option) are not supported.
     */
    public boolean isValid(final int available)
    {
        return available >= LENGTH && version() == 6 && LENGTH + payloadLength() <= available;
    }

    public int version()
    {
        return (buffer.getByte(offset) & 0xF0) >>> 4;
    }

    /** @return the first 32 bits: version, traffic class and flow label. */
    public int versionClassFlow()
    {
        return buffer.getInt(offset + VERSION_CLASS_FLOW_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public Ipv6HeaderFlyweight versionClassFlow(final int value)
    {
        buffer.putInt(offset + VERSION_CLASS_FLOW_OFFSET, value, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int payloadLength()
    {
        return buffer.getShort(offset + PAYLOAD_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Ipv6HeaderFlyweight payloadLength(final int length)
    {
        buffer.putShort(offset + PAYLOAD_LENGTH_OFFSET, (short)length, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int nextHeader()
    {
        return buffer.getByte(offset + NEXT_HEADER_OFFSET) & 0xFF;
    }

    public Ipv6HeaderFlyweight nextHeader(final int nextHeader)
    {
        buffer.putByte(offset + NEXT_HEADER_OFFSET, (byte)nextHeader);
        return this;
    }

    public int hopLimit()
    {
        return buffer.getByte(offset + HOP_LIMIT_OFFSET) & 0xFF;
    }

    public Ipv6HeaderFlyweight hopLimit(final int hopLimit)
    {
        buffer.putByte(offset + HOP_LIMIT_OFFSET, (byte)hopLimit);
        return this;
    }

    /** @return the index of the source address in the buffer. */
    public int sourceIndex()
    {
        return offset + SOURCE_OFFSET;
    }

    /** @return the index of the destination address in the buffer. */
    public int destinationIndex()
    {
        return offset + DESTINATION_OFFSET;
    }
}
