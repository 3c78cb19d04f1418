package io.torii.dataplane.ah;

import java.nio.ByteBuffer;

/**
 * The original bytes of the header fields {@link AhMutableFields#zero} overwrote, kept so that
 * {@link AhMutableFields#restore} can put the packet back exactly as it was. One per worker,
 * allocated once: saving and restoring allocate nothing.
 *
 * <p>Each save is a record of an absolute offset, a length and the bytes that were there, taken
 * before the bytes are changed. Restoring walks the records newest first, so a region saved twice
 * (an address rewritten by one step and then by another) ends up with its first, original bytes.
 *
 * <p>Not thread-safe: it belongs to the worker that owns the packet.
 */
public final class MutableFieldsSave
{
    /**
     * A capacity that holds every IPv4 header (at most 6 fixed bytes, 40 option bytes and the
     * 4-byte destination) and IPv6 chains with more mutable bytes than a gateway meets in practice.
     */
    public static final int DEFAULT_CAPACITY = 4096;

    private final byte[] bytes;
    // Every record covers at least one byte, so as many record slots as bytes can never run out first.
    private final int[] recordOffsets;
    private final int[] recordLengths;
    private int records;
    private int used;

    /**
     * A save area of {@link #DEFAULT_CAPACITY} bytes.
     */
    public MutableFieldsSave()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity how many original bytes it can hold; a header with more mutable bytes than
     *        this is refused with {@link AhMutableFields#SAVE_AREA_FULL}.
     * @throws IllegalArgumentException if capacity is not positive.
     */
    public MutableFieldsSave(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("save area capacity must be at least 1 byte, got " + capacity);
        }
        bytes = new byte[capacity];
        recordOffsets = new int[capacity];
        recordLengths = new int[capacity];
    }

    /**
     * @return how many bytes it can hold.
     */
    public int capacity()
    {
        return bytes.length;
    }

    /**
     * @return how many original bytes it holds now; 0 once restored.
     */
    public int savedBytes()
    {
        return used;
    }

    /**
     * @return true when it holds nothing to restore.
     */
    public boolean isEmpty()
    {
        return records == 0;
    }

    /**
     * Forgets everything saved, without restoring it.
     */
    void clear()
    {
        records = 0;
        used = 0;
    }

    /**
     * Records the bytes at {@code [offset, offset + length)} before the caller changes them.
     *
     * @return false, saving nothing, when they do not fit.
     */
    boolean save(final ByteBuffer packet, final int offset, final int length)
    {
        if (length > bytes.length - used)
        {
            return false;
        }
        if (records > 0 && recordOffsets[records - 1] + recordLengths[records - 1] == offset)
        {
            // Adjacent to the previous save (TTL after flags, say): one record, one copy on restore.
            recordLengths[records - 1] += length;
        }
        else
        {
            recordOffsets[records] = offset;
            recordLengths[records] = length;
            records++;
        }
        packet.get(offset, bytes, used, length);
        used += length;
        return true;
    }

    /**
     * Saves the bytes at {@code [offset, offset + length)}, then overwrites them with zeros.
     *
     * @return false, changing nothing, when they do not fit.
     */
    boolean saveAndZero(final ByteBuffer packet, final int offset, final int length)
    {
        if (!save(packet, offset, length))
        {
            return false;
        }
        for (int i = offset, end = offset + length; i < end; i++)
        {
            packet.put(i, (byte)0);
        }
        return true;
    }

    /**
     * Writes every saved region back, newest first, and empties the save.
     */
    void restoreInto(final ByteBuffer packet)
    {
        int end = used;
        for (int r = records - 1; r >= 0; r--)
        {
            final int length = recordLengths[r];
            end -= length;
            packet.put(recordOffsets[r], bytes, end, length);
        }
        clear();
    }
}
