package io.torii.ike.crypto;

import io.torii.ike.message.SkCipher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ENCR_AES_CBC with an HMAC integrity transform (RFC 7296 §3.14): a random 16-byte IV, the padded
 * plaintext encrypted in place, and the truncated HMAC over everything from the IKE header to the end
 * of the ciphertext. Opening checks the ICV first, in constant time, and decrypts only when it is
 * right. One instance protects one direction of one IKE SA and is not thread-safe.
 */
final class CbcHmacSkCipher implements SkCipher
{
    private static final int AES_BLOCK = 16;

    private final SecretKeySpec encryptionKey;
    private final int encryptionKeyBits;
    private final SecretKeySpec integrityKey;
    private final IntegrityAlgorithm integrity;
    private final SecureRandom random;
    private final Cipher cipher;
    private final Mac mac;

    /**
     * @param encryptionKey 16, 24 or 32 bytes, copied.
     * @param integrityKey {@link IntegrityAlgorithm#keyLength()} bytes, copied.
     */
    CbcHmacSkCipher(final byte[] encryptionKey, final byte[] integrityKey, final IntegrityAlgorithm integrity,
        final SecureRandom random)
    {
        if (integrityKey.length != integrity.keyLength())
        {
            throw new IllegalArgumentException(integrity + " needs a " + integrity.keyLength() + "-byte key");
        }
        this.encryptionKey = new SecretKeySpec(encryptionKey, "AES");
        this.encryptionKeyBits = encryptionKey.length * 8;
        this.integrityKey = new SecretKeySpec(integrityKey, integrity.macAlgorithm());
        this.integrity = integrity;
        this.random = random;
        try
        {
            this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
            this.mac = Mac.getInstance(integrity.macAlgorithm());
            mac.init(this.integrityKey);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-CBC or " + integrity + " is missing from the JDK", ex);
        }
    }

    @Override
    public int ivLength()
    {
        return AES_BLOCK;
    }

    @Override
    public int icvLength()
    {
        return integrity.icvLength();
    }

    @Override
    public int blockSize()
    {
        return AES_BLOCK;
    }

    @Override
    public void seal(final byte[] message, final int ivOffset, final int icvOffset)
    {
        SkLayout.require(message, ivOffset, icvOffset, AES_BLOCK, icvLength(), AES_BLOCK);
        final byte[] iv = new byte[AES_BLOCK];
        random.nextBytes(iv);
        System.arraycopy(iv, 0, message, ivOffset, AES_BLOCK);
        final int ciphertextOffset = ivOffset + AES_BLOCK;
        try
        {
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
            cipher.doFinal(message, ciphertextOffset, icvOffset - ciphertextOffset, message, ciphertextOffset);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-CBC refused a checked layout", ex);
        }
        final byte[] icv = icv(message, icvOffset);
        System.arraycopy(icv, 0, message, icvOffset, icv.length);
    }

    @Override
    public boolean open(final byte[] message, final int ivOffset, final int icvOffset)
    {
        if (!SkLayout.fits(message, ivOffset, icvOffset, AES_BLOCK, icvLength(), AES_BLOCK))
        {
            return false;
        }
        final byte[] expected = icv(message, icvOffset);
        final byte[] received = Arrays.copyOfRange(message, icvOffset, icvOffset + icvLength());
        if (!MessageDigest.isEqual(expected, received))
        {
            return false;
        }
        final int ciphertextOffset = ivOffset + AES_BLOCK;
        try
        {
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(message, ivOffset, AES_BLOCK));
            // Decrypting into a copy keeps the message intact should the provider fail half way.
            final byte[] plaintext = cipher.doFinal(message, ciphertextOffset, icvOffset - ciphertextOffset);
            System.arraycopy(plaintext, 0, message, ciphertextOffset, plaintext.length);
            Arrays.fill(plaintext, (byte)0);
            return true;
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /** @return the HMAC of [0, icvOffset) truncated to the ICV length. */
    private byte[] icv(final byte[] message, final int icvOffset)
    {
        mac.update(message, 0, icvOffset);
        final byte[] full = mac.doFinal();
        final byte[] truncated = Arrays.copyOf(full, icvLength());
        Arrays.fill(full, (byte)0);
        return truncated;
    }

    @Override
    public String toString()
    {
        return "CbcHmacSkCipher[AES-" + encryptionKeyBits + " " + integrity + "]";
    }
}
