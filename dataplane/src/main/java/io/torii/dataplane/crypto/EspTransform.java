package io.torii.dataplane.crypto;

import java.nio.ByteBuffer;

/**
 * One ESP SA direction's cryptography with its keys already prepared: encryption and integrity
 * (or one combined-mode algorithm), applied in place to a packet.
 *
 * <p>All offsets are absolute indices into {@code packet}; the buffer's position and limit are
 * neither read nor changed. The ESP layout the offsets refer to (RFC 4303 §2):
 * <pre>
 *   espOffset            SPI (4) | Sequence Number (4)
 *   espOffset + 8        IV (ivLength)
 *   espOffset + 8 + iv   payload | padding | pad length | next header   (encrypted)
 *   trailerEnd           ICV (icvLength)
 * </pre>
 *
 * <p>Implementations do not allocate per packet in steady state where the underlying library
 * allows it, never log keys, and compare ICVs in constant time. A transform belongs to the one
 * worker that owns its SA and is not thread-safe.
 */
public interface EspTransform extends AutoCloseable
{
    /** @return bytes of explicit IV in each packet. */
    int ivLength();

    /** @return bytes of ICV after the trailer. */
    int icvLength();

    /** @return the plaintext from payload to next header is padded to a multiple of this. */
    int blockSize();

    /**
     * Writes the IV, encrypts the payload and trailer in place, and writes the ICV at
     * {@code trailerEnd}. The SPI and the low 32 bits of the sequence number are already in the
     * header. Sequence numbers must strictly increase from one call to the next: counter-mode
     * algorithms use them as the IV, and a repeated IV would break the SA, so implementations
     * refuse one with an {@link IllegalStateException}. Block ciphers need whole blocks from the
     * payload to {@code trailerEnd}; the caller pads to {@link #blockSize()}.
     *
     * @param packet the packet.
     * @param espOffset where the ESP header starts.
     * @param trailerEnd the index just after the next-header byte.
     * @param sequence the full 64-bit sequence number of this packet.
     * @param esn whether the high 32 bits take part in authentication (RFC 4303 §2.2.1).
     */
    void seal(ByteBuffer packet, int espOffset, int trailerEnd, long sequence, boolean esn);

    /**
     * Verifies the ICV at {@code trailerEnd} and, only when it verifies, decrypts the payload and
     * trailer in place.
     *
     * @param packet the packet.
     * @param espOffset where the ESP header starts.
     * @param trailerEnd the index of the ICV: the packet's end minus {@link #icvLength()}.
     * @param sequence the full 64-bit sequence number, high bits reconstructed for ESN.
     * @param esn whether the high 32 bits take part in authentication.
     * @return true when the ICV verified; false leaves the packet's contents unspecified.
     */
    boolean open(ByteBuffer packet, int espOffset, int trailerEnd, long sequence, boolean esn);

    /**
     * Seals every queued job, in order. The JDK engine seals one packet at a time; native engines
     * override this to process the whole burst in one call.
     *
     * @param jobs the packets, prepared as for {@link #seal}.
     * @param esn whether the SA uses extended sequence numbers.
     */
    default void sealAll(final EspCryptoJobs jobs, final boolean esn)
    {
        for (int i = 0, count = jobs.count(); i < count; i++)
        {
            seal(jobs.packet(i), jobs.espOffset(i), jobs.trailerEnd(i), jobs.sequence(i), esn);
        }
    }

    /**
     * @param other another SA's transform.
     * @return true when {@link #sealEach} and {@link #openEach} of this transform may process jobs of
     *         {@code other} in the same call: native engines answer true for the transforms of the same
     *         per-worker engine state.
     */
    default boolean batchesWith(final EspTransform other)
    {
        return other == this;
    }

    /**
     * Seals every queued job, in order, each with the transform and ESN flag recorded for it
     * ({@link EspCryptoJobs#owner}); every one of those transforms {@link #batchesWith} this one.
     * With many SAs a burst holds packets of many of them: a native engine seals it all in one call
     * instead of one call per SA. The default seals each job with its own transform.
     *
     * @param jobs the packets of one or more SAs, prepared as for {@link #seal}.
     */
    default void sealEach(final EspCryptoJobs jobs)
    {
        for (int i = 0, count = jobs.count(); i < count; i++)
        {
            jobs.transform(i).seal(jobs.packet(i), jobs.espOffset(i), jobs.trailerEnd(i), jobs.sequence(i),
                jobs.esn(i));
        }
    }

    /**
     * Opens every queued job, each with the transform and ESN flag recorded for it, and records whether
     * each verified; every one of those transforms {@link #batchesWith} this one. The default opens each
     * job with its own transform.
     *
     * @param jobs the packets of one or more SAs, as for {@link #open}.
     */
    default void openEach(final EspCryptoJobs jobs)
    {
        for (int i = 0, count = jobs.count(); i < count; i++)
        {
            jobs.verified(i, jobs.transform(i).open(jobs.packet(i), jobs.espOffset(i), jobs.trailerEnd(i),
                jobs.sequence(i), jobs.esn(i)));
        }
    }

    /**
     * Opens every queued job and records in {@code jobs} whether each verified.
     *
     * @param jobs the packets, as for {@link #open}.
     * @param esn whether the SA uses extended sequence numbers.
     */
    default void openAll(final EspCryptoJobs jobs, final boolean esn)
    {
        for (int i = 0, count = jobs.count(); i < count; i++)
        {
            jobs.verified(i, open(jobs.packet(i), jobs.espOffset(i), jobs.trailerEnd(i), jobs.sequence(i), esn));
        }
    }

    /**
     * Loads what sealing or opening with this transform reads first (its key's record), without using
     * it: a stage calls it for every packet of a burst before processing any, so that with many SAs
     * the cache misses of the burst overlap instead of following one another.
     *
     * @return a value of no meaning, for the caller to fold into a sink so the loads are kept.
     */
    default int warm()
    {
        return 0;
    }

    /** Zeroes the keys. The transform must not be used afterwards. */
    @Override
    void close();
}
