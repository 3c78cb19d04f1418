package io.torii.ike.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/** Fixed-length integer encodings and concatenation, shared by the key exchanges and ciphers. */
final class ByteArrays
{
    private ByteArrays()
    {
    }

    /**
     * @param value a non-negative integer below 2^(8 * length).
     * @param length the bytes to write.
     * @return the value big-endian, left-padded with zeros to exactly {@code length} bytes.
     */
    static byte[] toFixedBigEndian(final BigInteger value, final int length)
    {
        final byte[] minimal = value.toByteArray();
        final byte[] fixed = new byte[length];
        // toByteArray may carry one leading sign byte of zero; copy only the significant tail.
        final int significant = Math.min(minimal.length, length);
        System.arraycopy(minimal, minimal.length - significant, fixed, length - significant, significant);
        Arrays.fill(minimal, (byte)0);
        return fixed;
    }

    /**
     * @param bytes at most {@code length} bytes, big-endian.
     * @param length the bytes to return.
     * @return the bytes left-padded with zeros; the input itself when already that long.
     */
    static byte[] leftPad(final byte[] bytes, final int length)
    {
        if (bytes.length == length)
        {
            return bytes;
        }
        final byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
        Arrays.fill(bytes, (byte)0);
        return padded;
    }

    /** @return {@code bytes} reversed into a new array (little-endian to big-endian and back). */
    static byte[] reversed(final byte[] bytes)
    {
        final byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    /** @return the parts one after the other in a new array. */
    static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] out = new byte[length];
        int offset = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    /** @return true when every byte is zero, looking at all of them whatever they hold. */
    static boolean isAllZero(final byte[] bytes)
    {
        int accumulated = 0;
        for (final byte b : bytes)
        {
            accumulated |= b;
        }
        return accumulated == 0;
    }
}
