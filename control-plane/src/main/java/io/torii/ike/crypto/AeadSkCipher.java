package io.torii.ike.crypto;

import io.torii.ike.message.SkCipher;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 16-byte ICV (RFC 5282 §5.1) and ChaCha20-Poly1305 (RFC 7634 §3) for the SK payload.
 * Both take their key material as key | 4-byte salt, an 8-byte explicit IV, the nonce salt | IV, the
 * message from the IKE header to the end of the SK header as associated data, and a 16-byte tag.
 *
 * <p>The IV is a per-instance counter: each SA direction has its own key and a single sealing
 * instance, so nonces never repeat under one key. Opening decrypts into a scratch copy and writes the
 * plaintext back only once the tag has verified. Not thread-safe.
 */
final class AeadSkCipher implements SkCipher
{
    /** Salt bytes at the end of the key material (RFC 5282 §7.1, RFC 7634 §2). */
    static final int SALT_LENGTH = 4;
    private static final int IV_LENGTH = 8;
    private static final int TAG_LENGTH = 16;

    /** The two AEADs, differing only in JCE name and how the nonce is handed over. */
    enum Algorithm
    {
        /** AES-GCM, 16-byte ICV. */
        AES_GCM_16("AES/GCM/NoPadding", "AES"),
        /** ChaCha20-Poly1305. */
        CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20");

        private final String transformation;
        private final String keyAlgorithm;

        Algorithm(final String transformation, final String keyAlgorithm)
        {
            this.transformation = transformation;
            this.keyAlgorithm = keyAlgorithm;
        }

        AlgorithmParameterSpec nonceSpec(final byte[] nonce)
        {
            return this == AES_GCM_16 ? new GCMParameterSpec(TAG_LENGTH * 8, nonce) : new IvParameterSpec(nonce);
        }
    }

    private final Algorithm algorithm;
    private final SecretKeySpec key;
    private final int keyBits;
    private final byte[] salt;
    private final Cipher cipher;
    private long nextIv;
    private long sealedCount;

    /**
     * @param keyMaterial the cipher key followed by the 4-byte salt; copied.
     * @param firstIv the IV the first {@link #seal} uses; later ones count up from it.
     */
    AeadSkCipher(final Algorithm algorithm, final byte[] keyMaterial, final long firstIv)
    {
        if (keyMaterial.length <= SALT_LENGTH)
        {
            throw new IllegalArgumentException(algorithm + " key material must be the key plus a 4-byte salt");
        }
        final int keyLength = keyMaterial.length - SALT_LENGTH;
        this.algorithm = algorithm;
        this.key = new SecretKeySpec(keyMaterial, 0, keyLength, algorithm.keyAlgorithm);
        this.keyBits = keyLength * 8;
        this.salt = Arrays.copyOfRange(keyMaterial, keyLength, keyMaterial.length);
        this.nextIv = firstIv;
        try
        {
            this.cipher = Cipher.getInstance(algorithm.transformation);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(algorithm + " is missing from the JDK", ex);
        }
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
        return 1;
    }

    @Override
    public void seal(final byte[] message, final int ivOffset, final int icvOffset)
    {
        SkLayout.require(message, ivOffset, icvOffset, IV_LENGTH, TAG_LENGTH, 1);
        // The counter wrapping around to the first IV would reuse a nonce: refuse before it can.
        if (sealedCount == -1L)
        {
            throw new IllegalStateException(algorithm + " has used every IV under this key: rekey the IKE SA");
        }
        sealedCount++;
        final long iv = nextIv++;
        for (int i = 0; i < IV_LENGTH; i++)
        {
            message[ivOffset + i] = (byte)(iv >>> (8 * (IV_LENGTH - 1 - i)));
        }
        final int ciphertextOffset = ivOffset + IV_LENGTH;
        try
        {
            cipher.init(Cipher.ENCRYPT_MODE, key, algorithm.nonceSpec(nonce(message, ivOffset)));
            cipher.updateAAD(message, 0, ivOffset);
            cipher.doFinal(message, ciphertextOffset, icvOffset - ciphertextOffset, message, ciphertextOffset);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(algorithm + " refused a checked layout", ex);
        }
    }

    @Override
    public boolean open(final byte[] message, final int ivOffset, final int icvOffset)
    {
        if (!SkLayout.fits(message, ivOffset, icvOffset, IV_LENGTH, TAG_LENGTH, 1))
        {
            return false;
        }
        final int ciphertextOffset = ivOffset + IV_LENGTH;
        try
        {
            cipher.init(Cipher.DECRYPT_MODE, key, algorithm.nonceSpec(nonce(message, ivOffset)));
            cipher.updateAAD(message, 0, ivOffset);
            final int sealedLength = icvOffset + TAG_LENGTH - ciphertextOffset;
            final byte[] plaintext = cipher.doFinal(message, ciphertextOffset, sealedLength);
            System.arraycopy(plaintext, 0, message, ciphertextOffset, plaintext.length);
            Arrays.fill(plaintext, (byte)0);
            return true;
        }
        catch (final GeneralSecurityException ex)
        {
            // AEADBadTagException above all: the tag did not verify and nothing was written back.
            return false;
        }
    }

    private byte[] nonce(final byte[] message, final int ivOffset)
    {
        final byte[] nonce = new byte[SALT_LENGTH + IV_LENGTH];
        System.arraycopy(salt, 0, nonce, 0, SALT_LENGTH);
        System.arraycopy(message, ivOffset, nonce, SALT_LENGTH, IV_LENGTH);
        return nonce;
    }

    @Override
    public String toString()
    {
        return "AeadSkCipher[" + algorithm + " " + keyBits + "]";
    }
}
