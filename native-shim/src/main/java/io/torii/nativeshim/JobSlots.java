package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * What {@link EspJobArray} and {@link AhJobArray} share: {@link #MAX_JOBS} off-heap jobs of one
 * cache line each in an automatic arena, the key each job was last set with (so that a batch can be
 * checked before its downcall, and no key is freed under a job), the index and open checks, and the
 * fields every job has: the key schedule's address at {@link #KEY_OFFSET}, then at offsets the job
 * layout gives, the high sequence bits, the flags and the status. Allocation-free after construction.
 */
final class JobSlots
{
    /** Jobs per array, the most one batch call takes ({@code TORII_IPSECMB_MAX_BATCH}). */
    static final int MAX_JOBS = 64;
    /** Bytes per job. */
    static final int JOB_LENGTH = 64;
    /** Where every job holds its key schedule's address. */
    static final int KEY_OFFSET = 8;
    /** {@code TORII_IPSECMB_JOB_ESN}. */
    static final int FLAG_ESN = 1;

    private final String protocol;
    private final int sequenceHighOffset;
    private final int flagsOffset;
    private final int statusOffset;
    // An automatic arena: its segments are checked more cheaply than a shared arena's on every access
    // (the job fields are written per packet), and the memory, which holds only addresses and sizes,
    // goes with the array when the collector finds it unreachable.
    private final MemorySegment jobs = Arena.ofAuto().allocate((long)MAX_JOBS * JOB_LENGTH, JOB_LENGTH);
    private final IpsecMbKey[] keys = new IpsecMbKey[MAX_JOBS];
    private boolean closed;

    /**
     * @param protocol "ESP" or "AH", for messages.
     * @param sequenceHighOffset where a job holds the high 32 sequence bits.
     * @param flagsOffset where a job holds its flags.
     * @param statusOffset where the native side leaves a job's {@link JobStatus}.
     */
    JobSlots(final String protocol, final int sequenceHighOffset, final int flagsOffset, final int statusOffset)
    {
        this.protocol = protocol;
        this.sequenceHighOffset = sequenceHighOffset;
        this.flagsOffset = flagsOffset;
        this.statusOffset = statusOffset;
    }

    /**
     * Checks that job {@code index} may be set with {@code key}.
     *
     * @return the job's offset in {@link #segment()}.
     * @throws IndexOutOfBoundsException for an index outside 0..{@link #MAX_JOBS} - 1.
     * @throws IllegalStateException when the key or this array is closed.
     */
    long startSet(final int index, final IpsecMbKey key)
    {
        requireOpen();
        checkIndex(index);
        key.requireOpen();
        return (long)index * JOB_LENGTH;
    }

    /** Writes the fields every job has, marks the job not yet processed and remembers its key. */
    void finishSet(final int index, final IpsecMbKey key, final boolean esn, final int sequenceHigh)
    {
        final long base = (long)index * JOB_LENGTH;
        jobs.set(JAVA_LONG, base + KEY_OFFSET, key.address());
        jobs.set(JAVA_INT, base + sequenceHighOffset, sequenceHigh);
        jobs.set(JAVA_INT, base + flagsOffset, esn ? FLAG_ESN : 0);
        jobs.set(JAVA_INT, base + statusOffset, -1);
        keys[index] = key;
    }

    /**
     * @param index a job the last batch call processed.
     * @return its {@link JobStatus}.
     */
    int status(final int index)
    {
        requireOpen();
        checkIndex(index);
        return jobs.get(JAVA_INT, (long)index * JOB_LENGTH + statusOffset);
    }

    MemorySegment segment()
    {
        return jobs;
    }

    /** Checks jobs {@code [0, count)} before a batch call: count, unset jobs, closed or foreign keys. */
    void check(final int count, final IpsecMbArch arch)
    {
        checkCount(count);
        for (int i = 0; i < count; i++)
        {
            checkKey(i, arch);
        }
    }

    /** Checks that this array is open and a batch of {@code count} jobs fits it. */
    void checkCount(final int count)
    {
        requireOpen();
        if (count < 1 || count > MAX_JOBS)
        {
            throw new IllegalArgumentException("batch of " + count + " jobs; expected 1 to " + MAX_JOBS);
        }
    }

    /**
     * Checks that job {@code index} was set, with a key still open and expanded for {@code arch}.
     *
     * @return the key.
     */
    IpsecMbKey checkKey(final int index, final IpsecMbArch arch)
    {
        final IpsecMbKey key = keys[index];
        if (key == null)
        {
            throw new IllegalStateException("job " + index + " was never set");
        }
        key.requireOpen();
        if (key.arch() != arch)
        {
            throw new IllegalArgumentException("job " + index + ": key expanded for " + key.arch() +
                " used with a manager running " + arch);
        }
        return key;
    }

    /** Frees the array. Idempotent. */
    void close()
    {
        if (!closed)
        {
            closed = true;
            Arrays.fill(keys, null);
        }
    }

    private static void checkIndex(final int index)
    {
        if (index < 0 || index >= MAX_JOBS)
        {
            throw new IndexOutOfBoundsException("job index " + index + " outside 0.." + (MAX_JOBS - 1));
        }
    }

    private void requireOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(protocol + " job array is closed");
        }
    }
}
