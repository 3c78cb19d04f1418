package io.torii.dataplane.crypto;

import java.nio.ByteBuffer;

/**
 * A keyed MAC for AH (RFC 4302): computes a truncated ICV over a byte range, with the high 32
 * bits of an extended sequence number appended as RFC 4302 §2.5.1 requires. Keys are prepared
 * once; {@link #close()} zeroes them. Not thread-safe: one per SA direction.
 */
public interface IntegrityTransform extends AutoCloseable
{
    /** @return the truncated ICV length in bytes. */
    int icvLength();

    /**
     * @param data the bytes to authenticate, mutable fields already zeroed.
     * @param from the first index.
     * @param to the index after the last.
     * @param esn whether to append {@code sequenceHigh} (4 bytes, big-endian) to the input.
     * @param sequenceHigh the high 32 bits of the extended sequence number.
     * @param icv where the ICV is written.
     * @param icvOffset the index in {@code icv} to write it at.
     */
    void sign(ByteBuffer data, int from, int to, boolean esn, int sequenceHigh, ByteBuffer icv, int icvOffset);

    /**
     * Like {@link #sign} but compares, in constant time, with the ICV at {@code icvOffset}.
     *
     * @return true when it matches.
     */
    boolean verify(ByteBuffer data, int from, int to, boolean esn, int sequenceHigh, ByteBuffer icv, int icvOffset);

    /** Zeroes the key. */
    @Override
    void close();
}
