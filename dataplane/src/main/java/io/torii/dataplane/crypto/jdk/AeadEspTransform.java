package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;

/**
 * ESP with AES-GCM-16 (RFC 4106) or ChaCha20-Poly1305 (RFC 7634): both take a 12-byte nonce of the
 * 4-byte salt from the keying material and the 8-byte explicit IV, the AAD of {@link EspLayout#writeAad},
 * encrypt payload to next header in place and put a 16-byte tag at {@code trailerEnd}.
 *
 * <p>The explicit IV is the 64-bit sequence number, big-endian (RFC 4106 §3.1, RFC 7634 §2): unique per
 * key by construction. seal() refuses an IV that does not increase, since a repeated nonce under GCM or
 * ChaCha20-Poly1305 gives away the authentication key and the XOR of two plaintexts.
 *
 * <p>Crypto runs in place on {@code byte[]}s: a heap buffer's own array, or for a direct buffer a reused
 * array the bytes are copied into and back out of (it grows only for a packet larger than any before).
 * SunJCE's {@code doFinal(ByteBuffer, ByteBuffer)} also works in place on direct buffers, but copies
 * into new arrays inside, about three times the allocation of the array path for GCM. Each packet
 * needs a {@code Cipher.init} with a new parameter object; that object and what the JDK allocates
 * inside {@code init} and {@code doFinal} are the only per-packet allocations.
 */
final class AeadEspTransform implements EspTransform, HeldKeys
{
    private static final int IV_LENGTH = SaltedNonceCipher.IV_LENGTH;
    private static final int TAG_LENGTH = SaltedNonceCipher.TAG_LENGTH;
    /** A full-size Ethernet frame and its tag fit; the array grows for larger packets. */
    private static final int INITIAL_SCRATCH_CAPACITY = 2048;

    private final EncryptionAlgorithm algorithm;
    private final SaltedNonceCipher aead;
    private final Cipher cipher;
    private final byte[] aad = new byte[EspLayout.MAX_AAD_LENGTH];
    private byte[] scratch = new byte[INITIAL_SCRATCH_CAPACITY];

    /**
     * @param algorithm {@link EncryptionAlgorithm#AES_GCM_16_128}, {@link EncryptionAlgorithm#AES_GCM_16_256} or
     *        {@link EncryptionAlgorithm#CHACHA20_POLY1305}.
     * @param keyMaterial key then 4-byte salt, length already checked; copied.
     */
    AeadEspTransform(final EncryptionAlgorithm algorithm, final byte[] keyMaterial)
    {
        this.algorithm = algorithm;
        this.aead = new SaltedNonceCipher(algorithm, keyMaterial);
        this.cipher = aead.cipher();
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
     * @param iv the 8-byte explicit IV as a big-endian number; must exceed the last one sealed.
     */
    void sealWithIv(
        final ByteBuffer packet,
        final int espOffset,
        final int trailerEnd,
        final long sequence,
        final boolean esn,
        final long iv)
    {
        final ByteBuffer buffer = aead.beginSeal(packet, espOffset, trailerEnd, iv);
        final int dataStart = espOffset + EspLayout.HEADER_LENGTH + IV_LENGTH;
        final int aadLength = EspLayout.writeAad(buffer, espOffset, sequence, esn, aad);
        try
        {
            aead.init(Cipher.ENCRYPT_MODE);
            cipher.updateAAD(aad, 0, aadLength);
            crypt(buffer, dataStart, trailerEnd - dataStart);
        }
        catch (final GeneralSecurityException ex)
        {
            throw aead.sealFailed(ex);
        }
        aead.endSeal(iv);
    }

    @Override
    public boolean open(
        final ByteBuffer packet, final int espOffset, final int trailerEnd, final long sequence, final boolean esn)
    {
        final ByteBuffer buffer = aead.beginOpen(packet, espOffset, trailerEnd);
        if (buffer == null)
        {
            return false;
        }
        final int dataStart = espOffset + EspLayout.HEADER_LENGTH + IV_LENGTH;
        final int aadLength = EspLayout.writeAad(buffer, espOffset, sequence, esn, aad);
        try
        {
            // Decrypt mode: the JDK checks the tag, in constant time, before it releases any plaintext.
            aead.init(Cipher.DECRYPT_MODE);
            cipher.updateAAD(aad, 0, aadLength);
            crypt(buffer, dataStart, trailerEnd + TAG_LENGTH - dataStart);
            return true;
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /**
     * Re-keys the JDK cipher with zeros, which makes it zero its copies of the key (GCM's last key,
     * the AES round keys, ChaCha20's key bytes), then zeroes the key, salt and scratch held here.
     * Objects the JDK derived and dropped, such as GCM's hash subkey, are left to the collector.
     */
    @Override
    public void close()
    {
        if (aead.close())
        {
            Arrays.fill(aad, (byte)0);
            Arrays.fill(scratch, (byte)0);
        }
    }

    @Override
    public List<byte[]> heldKeyArrays()
    {
        return aead.heldKeyArrays();
    }

    /**
     * Runs the initialised cipher over {@code buffer[from, from + length)} in place: the output, the
     * same length plus the tag (encrypting) or minus it (decrypting), starts at {@code from}.
     */
    private void crypt(final ByteBuffer buffer, final int from, final int length) throws GeneralSecurityException
    {
        if (buffer.hasArray())
        {
            final byte[] array = buffer.array();
            final int offset = buffer.arrayOffset() + from;
            cipher.doFinal(array, offset, length, array, offset);
            return;
        }
        final int needed = length + TAG_LENGTH;
        if (needed > scratch.length)
        {
            Arrays.fill(scratch, (byte)0);
            scratch = new byte[Math.max(needed, 2 * scratch.length)];
        }
        buffer.get(from, scratch, 0, length);
        final int produced = cipher.doFinal(scratch, 0, length, scratch, 0);
        buffer.put(from, scratch, 0, produced);
    }
}
