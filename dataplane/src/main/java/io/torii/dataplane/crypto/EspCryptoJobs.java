package io.torii.dataplane.crypto;

import java.nio.ByteBuffer;

/**
 * The crypto work of one burst: which packets, where their ESP headers and ICVs are, their sequence
 * numbers and, after opening, whether each verified. A stage fills it, hands it to
 * {@link EspTransform#sealAll} or {@link EspTransform#openAll} of one transform in one call, and
 * reads the results, so that an engine can process the whole burst in one native call. Jobs of
 * several SAs carry their own transform and ESN flag ({@link #owner}) for {@link EspTransform#sealEach}.
 *
 * <p>Preallocated for {@link #MAX_JOBS} packets and reused; not thread-safe.
 */
public final class EspCryptoJobs
{
    /** The most packets one call processes. */
    public static final int MAX_JOBS = 64;

    private final ByteBuffer[] packets = new ByteBuffer[MAX_JOBS];
    private final long[] addresses = new long[MAX_JOBS];
    private final int[] tags = new int[MAX_JOBS];
    private final int[] espOffsets = new int[MAX_JOBS];
    private final int[] trailerEnds = new int[MAX_JOBS];
    private final long[] sequences = new long[MAX_JOBS];
    private final boolean[] verified = new boolean[MAX_JOBS];
    private final EspTransform[] transforms = new EspTransform[MAX_JOBS];
    private final boolean[] esns = new boolean[MAX_JOBS];
    private int count;

    /** Empties the list. */
    public void clear()
    {
        count = 0;
    }

    /** @return how many jobs are queued. */
    public int count()
    {
        return count;
    }

    /** @return true when no more jobs fit. */
    public boolean isFull()
    {
        return count == MAX_JOBS;
    }

    /**
     * Queues one packet.
     *
     * @param packet the packet's buffer; indices are absolute.
     * @param address the native address of index 0 of {@code packet}, or 0 for a heap buffer.
     * @param tag the caller's own number for the packet, such as its index in the batch.
     * @param espOffset where the ESP header starts.
     * @param trailerEnd the index just after the next-header byte: where the ICV goes or is.
     * @param sequence the full 64-bit sequence number.
     * @return the job's index.
     */
    public int add(final ByteBuffer packet, final long address, final int tag, final int espOffset,
        final int trailerEnd, final long sequence)
    {
        final int index = count++;
        packets[index] = packet;
        addresses[index] = address;
        tags[index] = tag;
        espOffsets[index] = espOffset;
        trailerEnds[index] = trailerEnd;
        sequences[index] = sequence;
        verified[index] = false;
        transforms[index] = null;
        return index;
    }

    /**
     * Records which SA's transform seals job {@code i}, for {@link EspTransform#sealEach}.
     *
     * @param i a queued job.
     * @param transform its SA's transform.
     * @param esn whether its SA uses extended sequence numbers.
     */
    public void owner(final int i, final EspTransform transform, final boolean esn)
    {
        transforms[i] = transform;
        esns[i] = esn;
    }

    /** @return the transform {@link #owner} recorded for job {@code i}. */
    public EspTransform transform(final int i)
    {
        return transforms[i];
    }

    /** @return the ESN flag {@link #owner} recorded for job {@code i}. */
    public boolean esn(final int i)
    {
        return esns[i];
    }

    /** @return job {@code i}'s packet buffer. */
    public ByteBuffer packet(final int i)
    {
        return packets[i];
    }

    /** @return the native address of index 0 of job {@code i}'s buffer, 0 when on the heap. */
    public long address(final int i)
    {
        return addresses[i];
    }

    /** @return the caller's tag for job {@code i}. */
    public int tag(final int i)
    {
        return tags[i];
    }

    /** @return where job {@code i}'s ESP header starts. */
    public int espOffset(final int i)
    {
        return espOffsets[i];
    }

    /** @return where job {@code i}'s ICV starts. */
    public int trailerEnd(final int i)
    {
        return trailerEnds[i];
    }

    /** @return job {@code i}'s full sequence number. */
    public long sequence(final int i)
    {
        return sequences[i];
    }

    /** @return whether job {@code i}'s ICV verified, after {@link EspTransform#openAll}. */
    public boolean verified(final int i)
    {
        return verified[i];
    }

    /**
     * @param i a job.
     * @param ok whether its ICV verified.
     */
    public void verified(final int i, final boolean ok)
    {
        verified[i] = ok;
    }
}
