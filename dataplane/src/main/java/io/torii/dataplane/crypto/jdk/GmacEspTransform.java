package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;

/**
 * ESP with AES-GMAC (RFC 4543, ENCR_NULL_AUTH_AES_GMAC): authentication only, the payload stays in
 * clear. It is GCM with an empty plaintext and everything as AAD (RFC 4543 §3.2 and §5): SPI,
 * sequence number (with ESN: high then low), the 8-byte IV, then payload, padding, pad length and next
 * header; the 16-byte tag is the ICV. The nonce is salt || IV as in RFC 4106, and the IV is the
 * 64-bit sequence number, which seal() requires to increase.
 *
 * <p>The JDK's GCM buffers all AAD in an array of its own per packet; that, the parameter object for
 * {@code Cipher.init} and what {@code init} allocates are the per-packet allocations.
 */
final class GmacEspTransform implements EspTransform, HeldKeys
{
    private static final int IV_LENGTH = SaltedNonceCipher.IV_LENGTH;
    private static final int TAG_LENGTH = SaltedNonceCipher.TAG_LENGTH;
    /** The AAD array's first size: a full-size Ethernet frame's worth; it grows for larger packets. */
    private static final int INITIAL_AAD_CAPACITY = 2048;

    private final EncryptionAlgorithm algorithm;
    private final SaltedNonceCipher gcm;
    private final Cipher cipher;
    private final byte[] tag = new byte[TAG_LENGTH];
    private final byte[] noPlaintext = new byte[0];
    private byte[] aad = new byte[INITIAL_AAD_CAPACITY];

    /**
     * @param algorithm {@link EncryptionAlgorithm#AES_GMAC_128} or {@link EncryptionAlgorithm#AES_GMAC_256}.
     * @param keyMaterial key then 4-byte salt, length already checked; copied.
     */
    GmacEspTransform(final EncryptionAlgorithm algorithm, final byte[] keyMaterial)
    {
        this.algorithm = algorithm;
        this.gcm = new SaltedNonceCipher(algorithm, keyMaterial);
        this.cipher = gcm.cipher();
    }

    @Override
    public int ivLength()
    {
        return IV_LENGTH;
    }

    @Override
    public int icvLength()
    {
        return TAG_LENGTH;
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
        sealWithIv(packet, espOffset, trailerEnd, sequence, esn, sequence);
    }

    /**
     * seal() with a given explicit IV, for known-answer tests whose vectors chose the IV.
     *
     * @param iv the 8-byte IV as a big-endian number; must exceed the last one sealed.
     */
    void sealWithIv(
        final ByteBuffer packet,
        final int espOffset,
        final int trailerEnd,
        final long sequence,
        final boolean esn,
        final long iv)
    {
        final ByteBuffer buffer = gcm.beginSeal(packet, espOffset, trailerEnd, iv);
        try
        {
            start(Cipher.ENCRYPT_MODE, buffer, espOffset, trailerEnd, sequence, esn);
            cipher.doFinal(noPlaintext, 0, 0, tag, 0);
        }
        catch (final GeneralSecurityException ex)
        {
            throw gcm.sealFailed(ex);
        }
        buffer.put(trailerEnd, tag, 0, TAG_LENGTH);
        gcm.endSeal(iv);
    }

    @Override
    public boolean open(
        final ByteBuffer packet, final int espOffset, final int trailerEnd, final long sequence, final boolean esn)
    {
        final ByteBuffer buffer = gcm.beginOpen(packet, espOffset, trailerEnd);
        if (buffer == null)
        {
            return false;
        }
        buffer.get(trailerEnd, tag, 0, TAG_LENGTH);
        try
        {
            // Decrypt mode so that the JDK compares the tag in constant time, and so that a replayed
            // packet (same IV) is not refused as nonce reuse the way an encrypt-and-compare would be.
            start(Cipher.DECRYPT_MODE, buffer, espOffset, trailerEnd, sequence, esn);
            cipher.doFinal(tag, 0, TAG_LENGTH, noPlaintext, 0);
            return true;
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /**
     * Re-keys the JDK cipher with zeros so that it zeroes its copies of the key, then zeroes the key,
     * salt and scratch held here.
     */
    @Override
    public void close()
    {
        if (gcm.close())
        {
            Arrays.fill(aad, (byte)0);
            Arrays.fill(tag, (byte)0);
        }
    }

    @Override
    public List<byte[]> heldKeyArrays()
    {
        return gcm.heldKeyArrays();
    }

    /**
     * Starts GCM and gives it all the AAD in one call: SPI and sequence, then IV to next header,
     * gathered in a reused array. The JDK buffers AAD in an array it sizes from the first call, so one
     * call means one right-sized array inside the JDK and no copy of our own per packet; the array
     * here grows only when a packet is larger than any before.
     */
    private void start(
        final int mode,
        final ByteBuffer buffer,
        final int espOffset,
        final int trailerEnd,
        final long sequence,
        final boolean esn) throws GeneralSecurityException
    {
        final int from = espOffset + EspLayout.HEADER_LENGTH;
        final int needed = EspLayout.MAX_AAD_LENGTH + trailerEnd - from;
        if (needed > aad.length)
        {
            Arrays.fill(aad, (byte)0);
            aad = new byte[Math.max(needed, 2 * aad.length)];
        }
        final int headerLength = EspLayout.writeAad(buffer, espOffset, sequence, esn, aad);
        buffer.get(from, aad, headerLength, trailerEnd - from);
        gcm.init(mode);
        cipher.updateAAD(aad, 0, headerLength + trailerEnd - from);
    }
}
