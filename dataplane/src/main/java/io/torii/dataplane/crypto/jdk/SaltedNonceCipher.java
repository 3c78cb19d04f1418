package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * What AES-GCM and ChaCha20-Poly1305 ESP (RFC 4106, RFC 7634) share with AES-GMAC ESP (RFC 4543): a
 * JDK AEAD cipher, its key, and the 12-byte nonce of the 4-byte salt from the end of the keying
 * material then the 8-byte explicit IV that follows the ESP header. Sealing refuses an IV that does
 * not increase, since a repeated nonce gives away the authentication key and the XOR of two
 * plaintexts. Closing re-keys the cipher with zeros, which makes the JDK zero its copies of the key,
 * then zeroes the key and nonce held here.
 *
 * <p>Also holds the transform's {@link BufferView}: the packet is reached only through it.
 */
final class SaltedNonceCipher
{
    static final int SALT_LENGTH = 4;
    static final int IV_LENGTH = 8;
    static final int TAG_LENGTH = 16;

    private final EncryptionAlgorithm algorithm;
    private final boolean chacha;
    private final RawKey key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[SALT_LENGTH + IV_LENGTH];
    private final BufferView view = new BufferView();
    private boolean sealedAny;
    private long lastIv;
    private boolean closed;

    /**
     * @param algorithm an AES-GCM-16, AES-GMAC or ChaCha20-Poly1305 algorithm.
     * @param keyMaterial key then 4-byte salt, length already checked; copied.
     */
    SaltedNonceCipher(final EncryptionAlgorithm algorithm, final byte[] keyMaterial)
    {
        this.algorithm = algorithm;
        this.chacha = algorithm == EncryptionAlgorithm.CHACHA20_POLY1305;
        this.key = new RawKey(chacha ? "ChaCha20" : "AES", keyMaterial, 0, algorithm.keyLength());
        System.arraycopy(keyMaterial, algorithm.keyLength(), nonce, 0, SALT_LENGTH);
        this.cipher = Jce.cipher(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
    }

    /** @return the cipher, for the transform's AAD and doFinal calls after {@link #init}. */
    Cipher cipher()
    {
        return cipher;
    }

    /**
     * Checks that the packet may be sealed with {@code iv}, then puts the IV in the nonce and in the
     * packet after the ESP header.
     *
     * @return the view of the packet to work on.
     * @throws IllegalStateException when closed, or when the IV does not exceed the last one sealed.
     */
    ByteBuffer beginSeal(final ByteBuffer packet, final int espOffset, final int trailerEnd, final long iv)
    {
        if (closed)
        {
            throw new IllegalStateException(algorithm.keyword() + " transform is closed");
        }
        EspLayout.requireFits(packet, espOffset, IV_LENGTH, trailerEnd, TAG_LENGTH);
        if (sealedAny && Long.compareUnsigned(iv, lastIv) <= 0)
        {
            throw new IllegalStateException(algorithm.keyword() + ": IV " + Long.toUnsignedString(iv) +
                " does not follow " + Long.toUnsignedString(lastIv) + "; a repeated nonce would break the SA");
        }
        final ByteBuffer buffer = view.of(packet);
        EspLayout.putLong(nonce, SALT_LENGTH, iv);
        buffer.put(espOffset + EspLayout.HEADER_LENGTH, nonce, SALT_LENGTH, IV_LENGTH);
        return buffer;
    }

    /** Records {@code iv} as the last one sealed, once the packet is sealed. */
    void endSeal(final long iv)
    {
        sealedAny = true;
        lastIv = iv;
    }

    /** @return the error for a seal the JDK refused, which a valid key never makes it do. */
    IllegalStateException sealFailed(final GeneralSecurityException cause)
    {
        return new IllegalStateException(algorithm.keyword() + " seal failed", cause);
    }

    /**
     * Takes the packet's IV into the nonce.
     *
     * @return the view of the packet to work on, or null when closed or the packet cannot hold an IV
     *         and tag between {@code espOffset} and {@code trailerEnd}.
     */
    ByteBuffer beginOpen(final ByteBuffer packet, final int espOffset, final int trailerEnd)
    {
        if (closed || !EspLayout.fits(packet, espOffset, IV_LENGTH, trailerEnd, TAG_LENGTH))
        {
            return null;
        }
        final ByteBuffer buffer = view.of(packet);
        buffer.get(espOffset + EspLayout.HEADER_LENGTH, nonce, SALT_LENGTH, IV_LENGTH);
        return buffer;
    }

    /** Initialises the cipher with the key and the current nonce. */
    void init(final int mode) throws GeneralSecurityException
    {
        cipher.init(mode, key, parameters());
    }

    /**
     * Scrubs the cipher's key, then the key, nonce and view held here.
     *
     * @return false when already closed, so the transform scrubs its own state once.
     */
    boolean close()
    {
        if (closed)
        {
            return false;
        }
        closed = true;
        Arrays.fill(nonce, (byte)0);
        try
        {
            cipher.init(Cipher.ENCRYPT_MODE, RawKey.zeros(key.getAlgorithm(), key.length()), parameters());
        }
        catch (final GeneralSecurityException ex)
        {
            // Only if the real key was all zeros with this very nonce: then there is nothing to scrub.
        }
        key.destroy();
        view.release();
        return true;
    }

    /** @return the arrays holding key material, for {@link HeldKeys}. */
    List<byte[]> heldKeyArrays()
    {
        return List.of(key.heldBytes(), nonce);
    }

    private AlgorithmParameterSpec parameters()
    {
        return chacha ? new IvParameterSpec(nonce) : new GCMParameterSpec(TAG_LENGTH * Byte.SIZE, nonce);
    }
}
