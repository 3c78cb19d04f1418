package io.torii.dataplane.crypto.jdk;

import java.nio.ByteBuffer;

/**
 * The parts of the ESP wire layout (RFC 4303 §2) that the transforms read: header length, range
 * checks on the caller's offsets, and the AAD of the combined modes.
 *
 * <pre>
 *   espOffset        SPI (4) | Sequence Number, low 32 bits (4)
 *   espOffset + 8    IV (ivLength)
 *   ...              payload | padding | pad length | next header
 *   trailerEnd       ICV (icvLength)
 * </pre>
 *
 * <p>Bounds are checked against the buffer's capacity: the transforms neither read nor change its
 * position and limit, and access it through {@link BufferView}. Multi-byte values are written
 * big-endian byte by byte.
 */
final class EspLayout
{
    /** SPI and the low 32 bits of the sequence number. */
    static final int HEADER_LENGTH = 8;
    /** RFC 4106 §5 and RFC 4543 §3.2: SPI, sequence high and sequence low with ESN. */
    static final int MAX_AAD_LENGTH = 12;

    private EspLayout()
    {
    }

    /**
     * @return true when the header, IV, trailer and ICV all lie inside the buffer, in that order.
     */
    static boolean fits(
        final ByteBuffer packet, final int espOffset, final int ivLength, final int trailerEnd, final int icvLength)
    {
        return espOffset >= 0 &&
            (long)espOffset + HEADER_LENGTH + ivLength <= trailerEnd &&
            (long)trailerEnd + icvLength <= packet.capacity();
    }

    /**
     * Like {@link #fits} for seal(), where wrong offsets are a bug in the caller.
     *
     * @throws IndexOutOfBoundsException naming the offsets.
     */
    static void requireFits(
        final ByteBuffer packet, final int espOffset, final int ivLength, final int trailerEnd, final int icvLength)
    {
        if (!fits(packet, espOffset, ivLength, trailerEnd, icvLength))
        {
            throw new IndexOutOfBoundsException("ESP at " + espOffset + " with a " + ivLength + "-byte IV, trailer " +
                "ending at " + trailerEnd + " and a " + icvLength + "-byte ICV does not fit a buffer of capacity " +
                packet.capacity());
        }
    }

    /**
     * Writes the AAD of RFC 4106 §5 (also RFC 4543 §3.2 and RFC 7634 §2.1): SPI || sequence low, or
     * with ESN SPI || sequence high || sequence low. The SPI and low half come from the header as sent.
     *
     * @param packet a view spanning the whole buffer ({@link BufferView#of}).
     * @param aad at least {@link #MAX_AAD_LENGTH} bytes.
     * @return the AAD length, 8 or 12.
     */
    static int writeAad(
        final ByteBuffer packet, final int espOffset, final long sequence, final boolean esn, final byte[] aad)
    {
        packet.get(espOffset, aad, 0, 4);
        if (esn)
        {
            putInt(aad, 4, (int)(sequence >>> 32));
            packet.get(espOffset + 4, aad, 8, 4);
            return 12;
        }
        packet.get(espOffset + 4, aad, 4, 4);
        return 8;
    }

    /** @return the high 32 bits of a 64-bit sequence number, which ESN authenticates but never sends. */
    static int sequenceHigh(final long sequence)
    {
        return (int)(sequence >>> 32);
    }

    /** Writes {@code value} big-endian at {@code index}. */
    static void putInt(final byte[] array, final int index, final int value)
    {
        array[index] = (byte)(value >>> 24);
        array[index + 1] = (byte)(value >>> 16);
        array[index + 2] = (byte)(value >>> 8);
        array[index + 3] = (byte)value;
    }

    /** Writes {@code value} big-endian at {@code index}. */
    static void putLong(final byte[] array, final int index, final long value)
    {
        putInt(array, index, (int)(value >>> 32));
        putInt(array, index + 4, (int)value);
    }
}
