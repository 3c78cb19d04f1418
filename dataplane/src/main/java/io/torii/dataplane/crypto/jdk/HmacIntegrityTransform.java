package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.IntegrityTransform;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The AH integrity transform (RFC 4302 with RFC 4868): a truncated HMAC-SHA2 over the caller's range,
 * the ESN high bits appended to the input when asked (RFC 4302 §2.5.1).
 */
final class HmacIntegrityTransform implements IntegrityTransform, HeldKeys
{
    private final TruncatedHmac hmac;
    private final BufferView dataView = new BufferView();
    private final BufferView icvView = new BufferView();
    private boolean closed;

    /**
     * Takes a key of any length so that tests can run RFC 4231's vectors; {@link JdkCryptoEngine}
     * checks the RFC 4868 length before it calls this.
     *
     * @param integrity not {@link IntegrityAlgorithm#NONE}.
     * @param key the key, copied.
     */
    HmacIntegrityTransform(final IntegrityAlgorithm integrity, final byte[] key)
    {
        this.hmac = new TruncatedHmac(integrity, key);
    }

    @Override
    public int icvLength()
    {
        return hmac.icvLength();
    }

    @Override
    public void sign(
        final ByteBuffer data,
        final int from,
        final int to,
        final boolean esn,
        final int sequenceHigh,
        final ByteBuffer icv,
        final int icvOffset)
    {
        if (closed)
        {
            throw new IllegalStateException("integrity transform is closed");
        }
        if (!fits(data, from, to, icv, icvOffset))
        {
            throw new IndexOutOfBoundsException("data [" + from + ", " + to + ") in a buffer of capacity " +
                data.capacity() + " or a " + hmac.icvLength() + "-byte ICV at " + icvOffset + " in one of capacity " +
                icv.capacity());
        }
        hmac.sign(dataView.of(data), from, to, esn, sequenceHigh, icvView.of(icv), icvOffset);
    }

    @Override
    public boolean verify(
        final ByteBuffer data,
        final int from,
        final int to,
        final boolean esn,
        final int sequenceHigh,
        final ByteBuffer icv,
        final int icvOffset)
    {
        return !closed &&
            fits(data, from, to, icv, icvOffset) &&
            hmac.verify(dataView.of(data), from, to, esn, sequenceHigh, icvView.of(icv), icvOffset);
    }

    /** Zeroes the key. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            hmac.close();
            dataView.release();
            icvView.release();
        }
    }

    @Override
    public List<byte[]> heldKeyArrays()
    {
        return hmac.heldKeyArrays();
    }

    private boolean fits(final ByteBuffer data, final int from, final int to, final ByteBuffer icv, final int icvOffset)
    {
        return from >= 0 && from <= to && to <= data.capacity() &&
            icvOffset >= 0 && (long)icvOffset + hmac.icvLength() <= icv.capacity();
    }
}
