package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ESP with AES-CBC (RFC 3602) and HMAC-SHA2 (RFC 4868), encrypt-then-MAC: seal() writes a fresh
 * unpredictable 16-byte IV ({@link CbcIvSource}), encrypts payload to next header in place (the caller
 * has padded it to 16 bytes) and writes the truncated HMAC of SPI, sequence, IV and ciphertext (plus
 * the ESN high bits, RFC 4303 §2.2.1) at {@code trailerEnd}. open() verifies the ICV in constant time
 * first and decrypts only a packet that verified.
 */
final class CbcHmacEspTransform implements EspTransform, HeldKeys
{
    private static final int IV_LENGTH = InPlaceAesCbc.BLOCK;

    private final EncryptionAlgorithm algorithm;
    private final InPlaceAesCbc cbc;
    private final TruncatedHmac hmac;
    private final CbcIvSource ivSource;
    private final byte[] iv = new byte[IV_LENGTH];
    private final BufferView view = new BufferView();
    private boolean closed;

    /**
     * @param algorithm {@link EncryptionAlgorithm#AES_CBC_128} or {@link EncryptionAlgorithm#AES_CBC_256}.
     * @param integrity the HMAC.
     * @param encryptionKey the AES key, length already checked; copied.
     * @param integrityKey the HMAC key, length already checked; copied.
     * @param random seeds this transform's IV source.
     */
    CbcHmacEspTransform(
        final EncryptionAlgorithm algorithm,
        final IntegrityAlgorithm integrity,
        final byte[] encryptionKey,
        final byte[] integrityKey,
        final SecureRandom random)
    {
        this.algorithm = algorithm;
        this.cbc = new InPlaceAesCbc(encryptionKey);
        this.hmac = new TruncatedHmac(integrity, integrityKey);
        this.ivSource = new CbcIvSource(random);
    }

    @Override
    public int ivLength()
    {
        return IV_LENGTH;
    }

    @Override
    public int icvLength()
    {
        return hmac.icvLength();
    }

    @Override
    public int blockSize()
    {
        return algorithm.blockSize();
    }

    @Override
    public void seal(
        final ByteBuffer packet, final int espOffset, final int trailerEnd, final long sequence, final boolean esn)
    {
        requireOpen();
        ivSource.next(iv);
        sealWithIv(packet, espOffset, trailerEnd, sequence, esn, iv);
    }

    /**
     * seal() with a given IV, for known-answer tests whose vectors chose the IV.
     *
     * @param givenIv 16 bytes.
     * @throws IllegalArgumentException when the trailer does not end on a 16-byte boundary.
     */
    void sealWithIv(
        final ByteBuffer packet,
        final int espOffset,
        final int trailerEnd,
        final long sequence,
        final boolean esn,
        final byte[] givenIv)
    {
        requireOpen();
        EspLayout.requireFits(packet, espOffset, IV_LENGTH, trailerEnd, hmac.icvLength());
        final int ivOffset = espOffset + EspLayout.HEADER_LENGTH;
        final int dataStart = ivOffset + IV_LENGTH;
        if ((trailerEnd - dataStart) % InPlaceAesCbc.BLOCK != 0)
        {
            throw new IllegalArgumentException(algorithm.keyword() + ": " + (trailerEnd - dataStart) +
                " bytes from payload to next header is not a multiple of 16; pad to blockSize() first");
        }
        final ByteBuffer buffer = view.of(packet);
        buffer.put(ivOffset, givenIv, 0, IV_LENGTH);
        try
        {
            cbc.encrypt(buffer, dataStart, trailerEnd, givenIv);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(algorithm.keyword() + " seal failed", ex);
        }
        hmac.sign(buffer, espOffset, trailerEnd, esn, EspLayout.sequenceHigh(sequence), buffer, trailerEnd);
    }

    @Override
    public boolean open(
        final ByteBuffer packet, final int espOffset, final int trailerEnd, final long sequence, final boolean esn)
    {
        if (closed || !EspLayout.fits(packet, espOffset, IV_LENGTH, trailerEnd, hmac.icvLength()))
        {
            return false;
        }
        final int ivOffset = espOffset + EspLayout.HEADER_LENGTH;
        final int dataStart = ivOffset + IV_LENGTH;
        final ByteBuffer buffer = view.of(packet);
        if ((trailerEnd - dataStart) % InPlaceAesCbc.BLOCK != 0 ||
            !hmac.verify(buffer, espOffset, trailerEnd, esn, EspLayout.sequenceHigh(sequence), buffer, trailerEnd))
        {
            return false;
        }
        buffer.get(ivOffset, iv, 0, IV_LENGTH);
        try
        {
            cbc.decrypt(buffer, dataStart, trailerEnd, iv);
            return true;
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /** Zeroes the AES key, the HMAC key and the IV source's key, here and, as far as it lets us, in the JDK. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        cbc.close();
        hmac.close();
        ivSource.close();
        Arrays.fill(iv, (byte)0);
        view.release();
    }

    @Override
    public List<byte[]> heldKeyArrays()
    {
        final List<byte[]> arrays = new ArrayList<>(cbc.heldKeyArrays());
        arrays.addAll(hmac.heldKeyArrays());
        arrays.addAll(ivSource.heldKeyArrays());
        return arrays;
    }

    private void requireOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(algorithm.keyword() + " transform is closed");
        }
    }
}
