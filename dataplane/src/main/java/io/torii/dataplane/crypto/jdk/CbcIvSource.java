package io.torii.dataplane.crypto.jdk;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;

/**
 * Unpredictable CBC IVs (RFC 3602 §2.1 requires them; predictable IVs let an attacker who chooses
 * plaintext test guesses) without per-packet allocation: each IV is AES, under a random key of its
 * own, of a 128-bit block holding a random 64-bit prefix and a 64-bit counter. That is the method of
 * NIST SP 800-38A Appendix C with a separate key.
 *
 * <p>A {@code SecureRandom} per packet would do as well, but its DRBG allocates and locks on each
 * call; one block cipher call does neither. The outputs never repeat for one transform (AES is a
 * permutation of distinct counters) and, without the key, are indistinguishable from random.
 */
final class CbcIvSource implements HeldKeys
{
    private static final int BLOCK = InPlaceAesCbc.BLOCK;

    private final RawKey key;
    private final Cipher ecb;
    private final byte[] counterBlock = new byte[BLOCK];
    private long counter;

    /**
     * @param random the source of the key and the counter prefix, used here only.
     */
    CbcIvSource(final SecureRandom random)
    {
        final byte[] keyBytes = new byte[BLOCK];
        random.nextBytes(keyBytes);
        key = new RawKey("AES", keyBytes, 0, BLOCK);
        Arrays.fill(keyBytes, (byte)0);
        random.nextBytes(counterBlock);
        ecb = Jce.cipher("AES/ECB/NoPadding", Cipher.ENCRYPT_MODE, key, null);
    }

    /**
     * Writes the next IV.
     *
     * @param iv {@link InPlaceAesCbc#BLOCK} bytes at index 0.
     */
    void next(final byte[] iv)
    {
        counter++;
        EspLayout.putLong(counterBlock, BLOCK / 2, counter);
        try
        {
            ecb.doFinal(counterBlock, 0, BLOCK, iv, 0);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-ECB refused one whole block", ex);
        }
    }

    /** Re-keys the JDK cipher with zeros and zeroes the key and counter. */
    void close()
    {
        try
        {
            ecb.init(Cipher.ENCRYPT_MODE, RawKey.zeros("AES", BLOCK));
        }
        catch (final GeneralSecurityException ex)
        {
            // Cannot happen with a 16-byte AES key; the key bytes below are zeroed regardless.
        }
        key.destroy();
        Arrays.fill(counterBlock, (byte)0);
    }

    @Override
    public List<byte[]> heldKeyArrays()
    {
        return List.of(key.heldBytes());
    }
}
