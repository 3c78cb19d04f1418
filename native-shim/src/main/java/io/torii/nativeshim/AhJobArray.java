package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * A flyweight over an off-heap array of {@link #MAX_JOBS} AH jobs ({@code torii_ipsecmb_ah_job} of
 * {@code torii_shim.h}) for {@link IpsecMbManager#sign} and {@link IpsecMbManager#verify}: the
 * truncated HMAC (RFC 4302, RFC 4868) of a byte range, with the high sequence bits appended to the
 * MAC input under ESN (RFC 4302 section 2.5.1). Reused for every batch; allocation-free.
 *
 * <p>Each job is one 64-byte cache line, in host byte order:
 * <pre>
 *   0                 8                 16                24       28       32       36       40        64
 *   +-----------------+-----------------+-----------------+--------+--------+--------+--------+---------+
 *   | data (8)        | key schedule (8)| icv (8)         | length | seq hi | flags  | status | reserved|
 *   +-----------------+-----------------+-----------------+--------+--------+--------+--------+---------+
 * </pre>
 * {@code data} holds the bytes to authenticate with AH's mutable fields and ICV field already
 * zeroed. sign writes the ICV at {@code icv}, which may lie inside the data (it is written after
 * the data was read); verify compares the ICV at {@code icv}, which must then be a copy taken
 * before the field was zeroed, in constant time. Keys must be AH schedules
 * ({@link IpsecMbKey#ah}).
 *
 * <p>Not thread-safe: one per worker. The memory a job points at must stay valid until the batch
 * call returns.
 */
public final class AhJobArray implements AutoCloseable
{
    /** Jobs per array, the most one batch call takes. */
    public static final int MAX_JOBS = JobSlots.MAX_JOBS;
    /** Bytes per job. */
    public static final int JOB_LENGTH = JobSlots.JOB_LENGTH;
    /** Longest data, an IP packet's maximum length. */
    public static final int MAX_LENGTH = 65535;

    static final int DATA_OFFSET = 0;
    static final int KEY_OFFSET = JobSlots.KEY_OFFSET;
    static final int ICV_OFFSET = 16;
    static final int LENGTH_OFFSET = 24;
    static final int SEQ_HIGH_OFFSET = 28;
    static final int FLAGS_OFFSET = 32;
    static final int STATUS_OFFSET = 36;

    private final JobSlots slots;
    private final MemorySegment jobs;

    /**
     * @throws IllegalStateException when the ipsec-mb layer is unavailable.
     */
    public AhJobArray()
    {
        IpsecMb.requireAvailable();
        this.slots = new JobSlots("AH", SEQ_HIGH_OFFSET, FLAGS_OFFSET, STATUS_OFFSET);
        this.jobs = slots.segment();
    }

    /**
     * Sets job {@code index} to authenticate {@code length} bytes at {@code dataOffset} in {@code data}.
     *
     * @param index 0 to {@link #MAX_JOBS} - 1.
     * @param data native memory with the bytes.
     * @param dataOffset where they start.
     * @param length how many, 1 to {@link #MAX_LENGTH} (ipsec-mb takes no empty HMAC input).
     * @param icv native memory for (sign) or with (verify) the ICV.
     * @param icvOffset where the ICV starts; {@code key.icvLength()} bytes must fit.
     * @param key an AH schedule.
     * @param esn whether to append {@code sequenceHigh} to the MAC input.
     * @param sequenceHigh the high 32 bits of the extended sequence number.
     * @throws IllegalArgumentException for heap memory, ranges outside the segments, or a key that
     *         is not an AH schedule.
     * @throws IllegalStateException when the key or this array is closed.
     */
    public void set(
        final int index,
        final MemorySegment data,
        final long dataOffset,
        final int length,
        final MemorySegment icv,
        final long icvOffset,
        final IpsecMbKey key,
        final boolean esn,
        final int sequenceHigh)
    {
        if (!data.isNative() || !icv.isNative() || icv.isReadOnly())
        {
            throw new IllegalArgumentException("AH data and ICV must be in native memory, the ICV writable");
        }
        key.requireOpen();
        if (dataOffset < 0 || length < 0 || dataOffset + length > data.byteSize() ||
            icvOffset < 0 || icvOffset + key.icvLength() > icv.byteSize())
        {
            throw new IllegalArgumentException("AH data [" + dataOffset + ", +" + length + ") in " + data.byteSize() +
                " bytes or a " + key.icvLength() + "-byte ICV at " + icvOffset + " in " + icv.byteSize() +
                " bytes does not fit");
        }
        set(index, data.address() + dataOffset, length, icv.address() + icvOffset, key, esn, sequenceHigh);
    }

    /**
     * Sets job {@code index} from raw addresses; nothing here can check that they are mapped.
     *
     * @throws IllegalArgumentException for a zero address, a length out of range, or a key that
     *         is not an AH schedule.
     * @throws IllegalStateException when the key or this array is closed.
     */
    public void set(
        final int index,
        final long dataAddress,
        final int length,
        final long icvAddress,
        final IpsecMbKey key,
        final boolean esn,
        final int sequenceHigh)
    {
        final long base = slots.startSet(index, key);
        if (!key.servesAh())
        {
            throw new IllegalArgumentException("job " + index + ": " + key.cipher() + " is an ESP schedule; AH " +
                "takes one made by IpsecMbKey.ah");
        }
        if (dataAddress == 0 || icvAddress == 0)
        {
            throw new IllegalArgumentException("job " + index + ": null data or ICV address");
        }
        if (length < 1 || length > MAX_LENGTH)
        {
            throw new IllegalArgumentException("job " + index + ": length " + length + " outside 1.." + MAX_LENGTH);
        }
        jobs.set(JAVA_LONG, base + DATA_OFFSET, dataAddress);
        jobs.set(JAVA_LONG, base + ICV_OFFSET, icvAddress);
        jobs.set(JAVA_INT, base + LENGTH_OFFSET, length);
        slots.finishSet(index, key, esn, sequenceHigh);
    }

    /**
     * @param index a job the last batch call processed.
     * @return its {@link JobStatus}.
     */
    public int status(final int index)
    {
        return slots.status(index);
    }

    /** @return {@link #MAX_JOBS}. */
    public int capacity()
    {
        return MAX_JOBS;
    }

    /** Frees the array. Idempotent. */
    @Override
    public void close()
    {
        slots.close();
    }

    MemorySegment segment()
    {
        return jobs;
    }

    /** Checks jobs {@code [0, count)} before a batch call: count, unset jobs, closed or foreign keys. */
    void check(final int count, final IpsecMbArch arch)
    {
        slots.check(count, arch);
    }
}
