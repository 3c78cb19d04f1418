package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * A flyweight over an off-heap array of {@link #MAX_JOBS} ESP jobs ({@code torii_ipsecmb_esp_job}
 * of {@code torii_shim.h}), which {@link IpsecMbManager#seal} and {@link IpsecMbManager#open}
 * process in one downcall. Allocated once per worker and reused for every batch; setting a job
 * and reading its status allocate nothing.
 *
 * <p>Each job is one 64-byte cache line, in host byte order:
 * <pre>
 *   0                   8                   16        20        24        28        32          64
 *   +-------------------+-------------------+---------+---------+---------+---------+-----------+
 *   | packet (8)        | key schedule (8)  | icv off | seq hi  | flags   | status  | reserved  |
 *   +-------------------+-------------------+---------+---------+---------+---------+-----------+
 * </pre>
 * {@code packet} is the address of the ESP header; the packet from there:
 * <pre>
 *   +0            SPI (4) | sequence number, low 32 bits (4)         big-endian
 *   +8            IV (key.ivLength(): 8 combined modes, 16 CBC, 0 NULL)
 *   +8 + iv       payload | padding | pad length | next header       encrypted except GMAC, NULL
 *   +icvOffset    ICV (key.icvLength())
 * </pre>
 * seal writes the IV: the 64-bit sequence number ({@code seqHigh} and the header's low half,
 * big-endian) for GCM, GMAC and ChaCha20-Poly1305, a fresh unpredictable block for CBC. The AAD
 * of the combined modes is SPI and sequence number, with ESN SPI, sequence high and sequence low;
 * GMAC authenticates everything from the SPI to the trailer end; the HMACs cover SPI to trailer
 * end and, with ESN, the high sequence bits after it (RFC 4303 section 2.2.1).
 *
 * <p>Java checks what a caller can get wrong when a job is set (a heap or too-short segment, a
 * null address, a closed key, offsets out of range) and when a batch is submitted (unset jobs,
 * closed keys, keys of another architecture, and for seal lengths that do not fit the cipher).
 * A malformed received packet is not misuse: open reports it as {@link JobStatus#INVALID}.
 *
 * <p>The memory a job points at must stay valid until the batch call returns; the array keeps
 * addresses, not segments. Not thread-safe: one per worker.
 */
public final class EspJobArray implements AutoCloseable
{
    /** Jobs per array, the most one batch call takes ({@code TORII_IPSECMB_MAX_BATCH}). */
    public static final int MAX_JOBS = JobSlots.MAX_JOBS;
    /** Bytes per job. */
    public static final int JOB_LENGTH = JobSlots.JOB_LENGTH;
    /** Largest ICV offset, an IP packet's maximum length ({@code TORII_IPSECMB_MAX_LENGTH}). */
    public static final int MAX_ICV_OFFSET = 65535;
    /** Bytes of SPI and sequence number before the IV. */
    public static final int ESP_HEADER_LENGTH = 8;

    static final int PACKET_OFFSET = 0;
    static final int KEY_OFFSET = JobSlots.KEY_OFFSET;
    static final int ICV_OFFSET_OFFSET = 16;
    static final int SEQ_HIGH_OFFSET = 20;
    static final int FLAGS_OFFSET = 24;
    static final int STATUS_OFFSET = 28;

    /** {@code TORII_IPSECMB_JOB_ESN}. */
    static final int FLAG_ESN = JobSlots.FLAG_ESN;
    /** {@code TORII_IPSECMB_JOB_IV_GIVEN}: seal keeps the IV in the packet; known-answer tests only. */
    static final int FLAG_IV_GIVEN = 2;

    private static final int CBC_BLOCK = 16;

    private final JobSlots slots;
    private final MemorySegment jobs;

    /**
     * @throws IllegalStateException when the ipsec-mb layer is unavailable.
     */
    public EspJobArray()
    {
        IpsecMb.requireAvailable();
        this.slots = new JobSlots("ESP", SEQ_HIGH_OFFSET, FLAGS_OFFSET, STATUS_OFFSET);
        this.jobs = slots.segment();
    }

    /**
     * Sets job {@code index} to the ESP packet at {@code espOffset} in {@code packet}.
     *
     * @param index 0 to {@link #MAX_JOBS} - 1.
     * @param packet native memory holding the packet.
     * @param espOffset where the ESP header (SPI) starts in it.
     * @param icvOffset the trailer end (the byte after next header) minus {@code espOffset}: where
     *        the ICV starts, 0 to {@link #MAX_ICV_OFFSET}; the ICV must lie inside {@code packet}.
     * @param key the SA direction's schedule.
     * @param esn whether extended sequence numbers are on.
     * @param sequenceHigh the high 32 bits of the 64-bit sequence number.
     * @throws IllegalArgumentException for a heap segment or offsets that leave the segment.
     * @throws IllegalStateException when the key or this array is closed.
     */
    public void set(
        final int index,
        final MemorySegment packet,
        final long espOffset,
        final int icvOffset,
        final IpsecMbKey key,
        final boolean esn,
        final int sequenceHigh)
    {
        if (!packet.isNative() || packet.isReadOnly())
        {
            throw new IllegalArgumentException("ESP packets must be in native, writable memory: " + packet);
        }
        key.requireOpen();
        if (espOffset < 0 || icvOffset < 0 || espOffset + icvOffset + key.icvLength() > packet.byteSize())
        {
            throw new IllegalArgumentException("ESP at " + espOffset + " with its ICV at +" + icvOffset + " (" +
                key.icvLength() + " bytes) does not fit a segment of " + packet.byteSize() + " bytes");
        }
        set(index, packet.address() + espOffset, icvOffset, key, esn, sequenceHigh);
    }

    /**
     * Sets job {@code index} from a raw address, for callers that computed it from memory of their
     * own; nothing here can check that the packet lies inside mapped memory.
     *
     * @param espAddress address of the ESP header, not 0.
     * @throws IllegalArgumentException for a zero address or an ICV offset out of range.
     * @throws IllegalStateException when the key or this array is closed.
     */
    public void set(
        final int index,
        final long espAddress,
        final int icvOffset,
        final IpsecMbKey key,
        final boolean esn,
        final int sequenceHigh)
    {
        final long base = slots.startSet(index, key);
        if (espAddress == 0)
        {
            throw new IllegalArgumentException("job " + index + ": null packet address");
        }
        if (icvOffset < 0 || icvOffset > MAX_ICV_OFFSET)
        {
            throw new IllegalArgumentException("job " + index + ": ICV offset " + icvOffset + " is outside 0.." +
                MAX_ICV_OFFSET);
        }
        jobs.set(JAVA_LONG, base + PACKET_OFFSET, espAddress);
        jobs.set(JAVA_INT, base + ICV_OFFSET_OFFSET, icvOffset);
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

    /**
     * Makes seal keep the IV already in the packet, so that known-answer tests reproduce vectors
     * whose IV is not the sequence number. Never for production: a repeated IV breaks GCM.
     */
    void ivGiven(final int index)
    {
        final long offset = (long)index * JOB_LENGTH + FLAGS_OFFSET;
        jobs.set(JAVA_INT, offset, jobs.get(JAVA_INT, offset) | FLAG_IV_GIVEN);
    }

    MemorySegment segment()
    {
        return jobs;
    }

    /** Checks jobs {@code [0, count)} before a batch call; see the class comment for what. */
    void check(final int count, final IpsecMbArch arch, final boolean sealing)
    {
        slots.checkCount(count);
        for (int i = 0; i < count; i++)
        {
            final IpsecMbKey key = slots.checkKey(i, arch);
            if (sealing)
            {
                checkSealLength(i, key, jobs.get(JAVA_INT, (long)i * JOB_LENGTH + ICV_OFFSET_OFFSET));
            }
        }
    }

    private static void checkSealLength(final int index, final IpsecMbKey key, final int icvOffset)
    {
        final int data = icvOffset - ESP_HEADER_LENGTH - key.ivLength();
        if (data < 0 || (key.cipher().isCbc() && (data == 0 || data % CBC_BLOCK != 0)))
        {
            throw new IllegalArgumentException("job " + index + ": " + key.cipher() + " cannot seal " + data +
                " bytes from payload to next header" + (key.cipher().isCbc() ? "; pad to whole 16-byte blocks" : ""));
        }
    }
}
