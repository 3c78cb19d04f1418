package io.torii.dataplane.status.shm;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * The header of {@code counters.dat}: who writes the file, since when, and where the Agrona
 * counters areas lie.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Magic: written last, so a reader never sees a half-made file|
 *  |  4 Layout version                                              |
 *  |  8 Writer's process id (64 bits)                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 16 Start time, milliseconds since the epoch (64 bits)          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 24 Counter capacity                                            |
 *  | 28 Metadata area length: capacity x 512                        |
 *  | 32 Values area length: capacity x 128                          |
 *  | 36 reserved, zero, up to 128                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 128 Metadata area (Agrona CountersManager)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 128 + metadata length: values area                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Native byte order, like the Agrona areas after it. The header takes two cache lines so that the
 * areas start cache-line aligned, as Agrona wants its values.
 */
public final class CountersFileHeader
{
    /** "TRCN" read as a native int: tells a counters file from anything else. */
    public static final int MAGIC = 0x5452_434E;
    /** Bumped whenever the header, the key layout or the type ids change meaning. */
    public static final int LAYOUT_VERSION = 1;

    /** Offset of the magic word. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the writer's pid. */
    public static final int PID_OFFSET = 8;
    /** Offset of the start time. */
    public static final int START_TIME_OFFSET = 16;
    /** Offset of the counter capacity. */
    public static final int CAPACITY_OFFSET = 24;
    /** Offset of the metadata area's length. */
    public static final int METADATA_LENGTH_OFFSET = 28;
    /** Offset of the values area's length. */
    public static final int VALUES_LENGTH_OFFSET = 32;
    /** The header's length, and the metadata area's offset. */
    public static final int LENGTH = 128;
    /** The most counters a file holds: the whole file must map as one buffer, under 2 GiB. */
    public static final int MAX_CAPACITY =
        (Integer.MAX_VALUE - LENGTH) / (CountersReader.METADATA_LENGTH + CountersReader.COUNTER_LENGTH);

    private AtomicBuffer buffer;

    /**
     * @param buffer a buffer whose first {@link #LENGTH} bytes are the header.
     * @return this flyweight.
     */
    public CountersFileHeader wrap(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
        return this;
    }

    /**
     * @param counterCapacity how many counters the file holds.
     * @return the file's whole length.
     */
    public static long fileLength(final int counterCapacity)
    {
        return LENGTH + (long)counterCapacity * (CountersReader.METADATA_LENGTH + CountersReader.COUNTER_LENGTH);
    }

    /**
     * Writes every field but the magic, which {@link #publish()} writes last.
     *
     * @param pid the writer's process id.
     * @param startTimeMs when the writer started, in epoch milliseconds.
     * @param counterCapacity how many counters the file holds.
     */
    public void write(final long pid, final long startTimeMs, final int counterCapacity)
    {
        buffer.setMemory(0, LENGTH, (byte)0);
        buffer.putInt(VERSION_OFFSET, LAYOUT_VERSION);
        buffer.putLong(PID_OFFSET, pid);
        buffer.putLong(START_TIME_OFFSET, startTimeMs);
        buffer.putInt(CAPACITY_OFFSET, counterCapacity);
        buffer.putInt(METADATA_LENGTH_OFFSET, counterCapacity * CountersReader.METADATA_LENGTH);
        buffer.putInt(VALUES_LENGTH_OFFSET, counterCapacity * CountersReader.COUNTER_LENGTH);
    }

    /** Makes the file visible to readers: everything written before is seen by whoever sees the magic. */
    public void publish()
    {
        buffer.putIntRelease(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Checks that a reader can trust the rest of the header.
     *
     * @param fileLength the file's length.
     * @return null when the header is sound, otherwise what is wrong with it.
     */
    public String validate(final long fileLength)
    {
        final int magic = buffer.getIntAcquire(MAGIC_OFFSET);
        if (magic == 0)
        {
            return "not ready: the daemon is still creating it";
        }
        if (magic != MAGIC)
        {
            return "not a Torii counters file (magic 0x" + Integer.toHexString(magic) + ")";
        }
        if (layoutVersion() != LAYOUT_VERSION)
        {
            return "layout version " + layoutVersion() + ", this torii reads version " + LAYOUT_VERSION +
                ": use the torii that runs the daemon";
        }
        final int capacity = counterCapacity();
        if (capacity < 0 || capacity > MAX_CAPACITY || metadataLength() != capacity * CountersReader.METADATA_LENGTH ||
            valuesLength() != capacity * CountersReader.COUNTER_LENGTH || fileLength < fileLength(capacity))
        {
            return "inconsistent header: " + capacity + " counters do not fit its " + fileLength + " bytes";
        }
        return null;
    }

    /** @return the layout version. */
    public int layoutVersion()
    {
        return buffer.getInt(VERSION_OFFSET);
    }

    /** @return the writer's process id. */
    public long pid()
    {
        return buffer.getLong(PID_OFFSET);
    }

    /** @return when the writer started, in epoch milliseconds. */
    public long startTimeMs()
    {
        return buffer.getLong(START_TIME_OFFSET);
    }

    /** @return how many counters the file holds. */
    public int counterCapacity()
    {
        return buffer.getInt(CAPACITY_OFFSET);
    }

    /** @return the metadata area's length. */
    public int metadataLength()
    {
        return buffer.getInt(METADATA_LENGTH_OFFSET);
    }

    /** @return the values area's length. */
    public int valuesLength()
    {
        return buffer.getInt(VALUES_LENGTH_OFFSET);
    }
}
