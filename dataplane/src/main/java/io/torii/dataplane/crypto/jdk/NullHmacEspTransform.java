package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * ESP with NULL encryption (RFC 2410) and HMAC-SHA2 (RFC 4868): no IV, nothing encrypted, and the
 * truncated HMAC of SPI, sequence and the clear payload to next header (plus the ESN high bits) as the
 * ICV. For debugging and for checking the integrity path on its own.
 */
final class NullHmacEspTransform implements EspTransform, HeldKeys
{
    private final TruncatedHmac hmac;
    private final BufferView view = new BufferView();
    private boolean closed;

    /**
     * @param integrity the HMAC.
     * @param integrityKey the HMAC key, length already checked; copied.
     */
    NullHmacEspTransform(final IntegrityAlgorithm integrity, final byte[] integrityKey)
    {
        this.hmac = new TruncatedHmac(integrity, integrityKey);
    }

    @Override
    public int ivLength()
    {
        return 0;
    }

    @Override
    public int icvLength()
    {
        return hmac.icvLength();
    }

    @Override
    public int blockSize()
    {
        return EncryptionAlgorithm.NULL.blockSize();
    }

    @Override
    public void seal(
        final ByteBuffer packet, final int espOffset, final int trailerEnd, final long sequence, final boolean esn)
    {
        if (closed)
        {
            throw new IllegalStateException("null encryption transform is closed");
        }
        EspLayout.requireFits(packet, espOffset, 0, trailerEnd, hmac.icvLength());
        final ByteBuffer buffer = view.of(packet);
        hmac.sign(buffer, espOffset, trailerEnd, esn, EspLayout.sequenceHigh(sequence), buffer, trailerEnd);
    }

    @Override
    public boolean open(
        final ByteBuffer packet, final int espOffset, final int trailerEnd, final long sequence, final boolean esn)
    {
        if (closed || !EspLayout.fits(packet, espOffset, 0, trailerEnd, hmac.icvLength()))
        {
            return false;
        }
        final ByteBuffer buffer = view.of(packet);
        return hmac.verify(buffer, espOffset, trailerEnd, esn, EspLayout.sequenceHigh(sequence), buffer, trailerEnd);
    }

    /** Zeroes the HMAC key. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            hmac.close();
            view.release();
        }
    }

    @Override
    public List<byte[]> heldKeyArrays()
    {
        return hmac.heldKeyArrays();
    }
}
