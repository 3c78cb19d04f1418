package io.torii.dataplane.handoff;

import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#COMPLETED} (no reason) and {@link MessageTypes#FAILED}: a request's outcome.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id of the request (64 bits)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 Reason length                |  Reason, UTF-8              ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ResultFlyweight extends MessageFlyweight
{
    /** Offset of the reason's length. */
    public static final int REASON_LENGTH_OFFSET = 8;
    /** Offset of the reason. */
    public static final int REASON_OFFSET = 10;
    /** The longest reason kept, in UTF-8 bytes; longer ones are cut. */
    public static final int MAX_REASON_LENGTH = 1024;
    /** The longest message. */
    public static final int MAX_LENGTH = REASON_OFFSET + MAX_REASON_LENGTH;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public ResultFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * Writes every field.
     *
     * @param correlationId the request's correlation id.
     * @param reason the reason's UTF-8 bytes, at most {@link #MAX_REASON_LENGTH} of them written.
     * @param reasonLength how many of them to write.
     */
    public void set(final long correlationId, final byte[] reason, final int reasonLength)
    {
        correlationId(correlationId);
        u16(REASON_LENGTH_OFFSET, reasonLength);
        buffer.putBytes(offset + REASON_OFFSET, reason, 0, reasonLength);
    }

    /**
     * @param length the message length the ring gave.
     * @return null when the fields fit that length, otherwise what is wrong.
     */
    public String validateLength(final int length)
    {
        if (length < REASON_OFFSET || length < REASON_OFFSET + reasonLength())
        {
            return "result message of " + length + " bytes is shorter than its fields";
        }
        return null;
    }

    /** @return the reason's UTF-8 length. */
    public int reasonLength()
    {
        return u16(REASON_LENGTH_OFFSET);
    }

    /** @return the reason. */
    public String reason()
    {
        return text(REASON_OFFSET, reasonLength());
    }
}
