package io.torii.dataplane.handoff;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.agrona.MutableDirectBuffer;

/**
 * The header every control and event message starts with, and the base of their flyweights. The message
 * type travels in the Agrona ring record header ({@link MessageTypes}); the message body starts with:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits): the request's, or 0 when unsolicited
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 message-specific fields                                    |
 * </pre>
 * Fields are big-endian, as every Torii wire format. A flyweight holds no state but its position, so one
 * instance per thread serves every message.
 */
public abstract class MessageFlyweight
{
    /** Offset of the correlation id. */
    public static final int CORRELATION_ID_OFFSET = 0;
    /** Length of the common header. */
    public static final int HEADER_LENGTH = 8;
    /** The byte order of every field. */
    protected static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;

    /** The buffer the message lies in. */
    protected MutableDirectBuffer buffer;
    /** Where the message starts in it. */
    protected int offset;

    /**
     * @param buffer the buffer the message lies in, such as a ring's.
     * @param offset where the message starts.
     */
    protected void wrapAt(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
    }

    /** @return the correlation id. */
    public long correlationId()
    {
        return buffer.getLong(offset + CORRELATION_ID_OFFSET, ORDER);
    }

    /**
     * @param correlationId the correlation id.
     */
    public void correlationId(final long correlationId)
    {
        buffer.putLong(offset + CORRELATION_ID_OFFSET, correlationId, ORDER);
    }

    /**
     * @param fieldOffset a field's offset from the message start.
     * @return the unsigned byte there.
     */
    protected int u8(final int fieldOffset)
    {
        return buffer.getByte(offset + fieldOffset) & 0xFF;
    }

    /**
     * @param fieldOffset a field's offset from the message start.
     * @param value the value, 0 to 255.
     */
    protected void u8(final int fieldOffset, final int value)
    {
        buffer.putByte(offset + fieldOffset, (byte)value);
    }

    /**
     * @param fieldOffset a field's offset from the message start.
     * @return the unsigned 16-bit value there.
     */
    protected int u16(final int fieldOffset)
    {
        return buffer.getShort(offset + fieldOffset, ORDER) & 0xFFFF;
    }

    /**
     * @param fieldOffset a field's offset from the message start.
     * @param value the value, 0 to 65535.
     */
    protected void u16(final int fieldOffset, final int value)
    {
        buffer.putShort(offset + fieldOffset, (short)value, ORDER);
    }

    /**
     * @param fieldOffset a field's offset from the message start.
     * @return the 32-bit value there.
     */
    protected int i32(final int fieldOffset)
    {
        return buffer.getInt(offset + fieldOffset, ORDER);
    }

    /**
     * @param fieldOffset a field's offset from the message start.
     * @param value the value.
     */
    protected void i32(final int fieldOffset, final int value)
    {
        buffer.putInt(offset + fieldOffset, value, ORDER);
    }

    /**
     * @param fieldOffset a field's offset from the message start.
     * @return the 64-bit value there.
     */
    protected long i64(final int fieldOffset)
    {
        return buffer.getLong(offset + fieldOffset, ORDER);
    }

    /**
     * @param fieldOffset a field's offset from the message start.
     * @param value the value.
     */
    protected void i64(final int fieldOffset, final long value)
    {
        buffer.putLong(offset + fieldOffset, value, ORDER);
    }

    /** Length of the six lifetime limits as {@link #lifetimes(int, SaLifetimes)} writes them. */
    protected static final int LIFETIMES_LENGTH = 6 * Long.BYTES;

    /**
     * Writes soft bytes, hard bytes, soft packets, hard packets, soft seconds, hard seconds, 8 bytes each.
     *
     * @param fieldOffset where the limits start, from the message start.
     * @param lifetimes the limits.
     */
    protected void lifetimes(final int fieldOffset, final SaLifetimes lifetimes)
    {
        i64(fieldOffset, lifetimes.softBytes());
        i64(fieldOffset + 8, lifetimes.hardBytes());
        i64(fieldOffset + 16, lifetimes.softPackets());
        i64(fieldOffset + 24, lifetimes.hardPackets());
        i64(fieldOffset + 32, lifetimes.softSeconds());
        i64(fieldOffset + 40, lifetimes.hardSeconds());
    }

    /**
     * @param fieldOffset where the limits start, from the message start.
     * @return the limits.
     * @throws IllegalArgumentException when they are not valid limits.
     */
    protected SaLifetimes lifetimes(final int fieldOffset)
    {
        return new SaLifetimes(i64(fieldOffset), i64(fieldOffset + 8), i64(fieldOffset + 16), i64(fieldOffset + 24),
            i64(fieldOffset + 32), i64(fieldOffset + 40));
    }

    /**
     * @param fieldOffset where the text starts, from the message start.
     * @param length its length in bytes.
     * @return the UTF-8 text there.
     */
    protected String text(final int fieldOffset, final int length)
    {
        return buffer.getStringWithoutLengthUtf8(offset + fieldOffset, length);
    }

    /**
     * @param fieldOffset where the text goes, from the message start.
     * @param utf8 the text's UTF-8 bytes.
     */
    protected void text(final int fieldOffset, final byte[] utf8)
    {
        buffer.putBytes(offset + fieldOffset, utf8);
    }

    /**
     * Reads an IPv4 or IPv6 address, as the messages that carry outer endpoints or packet addresses hold them:
     * the address's bytes in network order, their count given by the message's address-length field.
     * Allocates; call after the message's {@code validateLength}.
     *
     * @param fieldOffset where the address starts, from the message start.
     * @param length 4 or 16.
     * @return the address.
     * @throws IllegalArgumentException when the length is neither 4 nor 16, which validateLength refuses first.
     */
    protected InetAddress address(final int fieldOffset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset + fieldOffset, bytes);
        try
        {
            return InetAddress.getByAddress(bytes);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("address of " + length + " bytes", ex);
        }
    }

    /**
     * @param text a text.
     * @return its UTF-8 bytes.
     */
    protected static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
