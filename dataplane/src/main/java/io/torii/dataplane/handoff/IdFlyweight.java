package io.torii.dataplane.handoff;

import org.agrona.MutableDirectBuffer;

/**
 * A request carrying one 32-bit value: {@link MessageTypes#DELETE_POLICY} (the policy id) and
 * {@link MessageTypes#FLUSH} (the {@link FlushScope} ordinal).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits)                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 Value                                                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class IdFlyweight extends MessageFlyweight
{
    /** Offset of the value. */
    public static final int VALUE_OFFSET = 8;
    /** The message length. */
    public static final int LENGTH = 12;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public IdFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * Writes every field.
     *
     * @param correlationId the correlation id.
     * @param value the value.
     */
    public void set(final long correlationId, final int value)
    {
        correlationId(correlationId);
        i32(VALUE_OFFSET, value);
    }

    /** @return the value. */
    public int value()
    {
        return i32(VALUE_OFFSET);
    }
}
