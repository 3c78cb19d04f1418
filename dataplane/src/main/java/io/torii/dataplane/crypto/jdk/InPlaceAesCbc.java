package io.torii.dataplane.crypto.jdk;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-CBC without padding (RFC 3602) over a range of a packet, in place, with a per-packet IV but no
 * per-packet {@code Cipher.init}.
 *
 * <p>Both ciphers are initialised once with an all-zero IV. CBC's first block is E(P1 xor IV), so
 * xoring the packet's IV into the first plaintext block and encrypting with a zero IV gives the same
 * ciphertext; decrypting with a zero IV yields D(C1), and xoring the IV into it gives P1. After each
 * {@code doFinal} the JCE resets the chain to the zero IV, ready for the next packet.
 *
 * <p>The bytes pass through two reused chunk arrays: the JCE copies its input when input and output
 * are the same array, and allocates temporary arrays for direct buffers, so going through our own
 * arrays is what keeps this allocation-free for heap and direct buffers alike.
 */
final class InPlaceAesCbc implements HeldKeys
{
    /** AES block size, and CBC's IV length. */
    static final int BLOCK = 16;
    /** A multiple of the block, so that every chunk but the last holds whole blocks. */
    private static final int CHUNK = 2048;
    private static final String TRANSFORMATION = "AES/CBC/NoPadding";

    private final RawKey key;
    private final Cipher encryptor;
    private final Cipher decryptor;
    private final byte[] in = new byte[CHUNK];
    private final byte[] out = new byte[CHUNK];

    /**
     * @param keyBytes the AES key, copied.
     */
    InPlaceAesCbc(final byte[] keyBytes)
    {
        key = new RawKey("AES", keyBytes, 0, keyBytes.length);
        final IvParameterSpec zeroIv = new IvParameterSpec(new byte[BLOCK]);
        encryptor = Jce.cipher(TRANSFORMATION, Cipher.ENCRYPT_MODE, key, zeroIv);
        decryptor = Jce.cipher(TRANSFORMATION, Cipher.DECRYPT_MODE, key, zeroIv);
    }

    /**
     * Encrypts {@code packet[from, to)} in place; the length must be a multiple of {@link #BLOCK}.
     *
     * @param packet a view spanning the whole buffer ({@link BufferView#of}).
     * @param iv the packet's IV, {@link #BLOCK} bytes.
     * @throws GeneralSecurityException only if the JCE rejects whole blocks, which it does not.
     */
    void encrypt(final ByteBuffer packet, final int from, final int to, final byte[] iv)
        throws GeneralSecurityException
    {
        crypt(encryptor, true, packet, from, to, iv);
    }

    /**
     * Decrypts {@code packet[from, to)} in place; the length must be a multiple of {@link #BLOCK}.
     *
     * @param packet a view spanning the whole buffer ({@link BufferView#of}).
     * @param iv the packet's IV, {@link #BLOCK} bytes.
     */
    void decrypt(final ByteBuffer packet, final int from, final int to, final byte[] iv)
        throws GeneralSecurityException
    {
        crypt(decryptor, false, packet, from, to, iv);
    }

    /** Re-keys both JDK ciphers with zeros, which zeroes their expanded keys, then zeroes ours. */
    void close()
    {
        final RawKey blank = RawKey.zeros("AES", key.length());
        final IvParameterSpec zeroIv = new IvParameterSpec(new byte[BLOCK]);
        try
        {
            encryptor.init(Cipher.ENCRYPT_MODE, blank, zeroIv);
            decryptor.init(Cipher.DECRYPT_MODE, blank, zeroIv);
        }
        catch (final GeneralSecurityException ex)
        {
            // Cannot happen with a key of a valid AES length; the key bytes below are zeroed regardless.
        }
        key.destroy();
        Arrays.fill(in, (byte)0);
        Arrays.fill(out, (byte)0);
    }

    @Override
    public List<byte[]> heldKeyArrays()
    {
        return List.of(key.heldBytes());
    }

    private void crypt(
        final Cipher cipher,
        final boolean encrypting,
        final ByteBuffer packet,
        final int from,
        final int to,
        final byte[] iv) throws GeneralSecurityException
    {
        int offset = from;
        while (offset < to)
        {
            final int length = Math.min(CHUNK, to - offset);
            packet.get(offset, in, 0, length);
            if (encrypting && offset == from)
            {
                xorBlock(in, iv);
            }
            final int produced = offset + length == to ?
                cipher.doFinal(in, 0, length, out, 0) :
                cipher.update(in, 0, length, out, 0);
            if (produced != length)
            {
                throw new IllegalStateException("AES-CBC returned " + produced + " bytes for " + length);
            }
            if (!encrypting && offset == from)
            {
                xorBlock(out, iv);
            }
            packet.put(offset, out, 0, length);
            offset += length;
        }
    }

    private static void xorBlock(final byte[] block, final byte[] iv)
    {
        for (int i = 0; i < BLOCK; i++)
        {
            block[i] ^= iv[i];
        }
    }
}
