package io.torii.dataplane.esp;

import org.agrona.MutableDirectBuffer;

/**
 * ESP padding (RFC 4303 §2.4): the bytes 1, 2, 3, ... up to the pad length, so that payload,
 * padding, pad length and next header fill a whole number of cipher blocks.
 */
final class EspPadding
{
    private EspPadding()
    {
    }

    /**
     * @param plaintextLength payload bytes, TFC padding included.
     * @param blockSize the cipher's block size: a power of two, at least 4.
     * @return the pad length.
     */
    static int length(final int plaintextLength, final int blockSize)
    {
        // Every ESP block size is a power of two (4 or 16), so a mask replaces the division.
        return -(plaintextLength + 2) & (blockSize - 1);
    }

    /**
     * @param buffer the packet.
     * @param at where the padding starts.
     * @param padLength how many bytes.
     */
    static void write(final MutableDirectBuffer buffer, final int at, final int padLength)
    {
        for (int i = 0; i < padLength; i++)
        {
            buffer.putByte(at + i, (byte)(i + 1));
        }
    }

    /**
     * @param buffer the packet.
     * @param at where the padding starts.
     * @param padLength how many bytes.
     * @return true when every byte has the value RFC 4303 prescribes.
     */
    static boolean isValid(final MutableDirectBuffer buffer, final int at, final int padLength)
    {
        int mismatch = 0;
        for (int i = 0; i < padLength; i++)
        {
            mismatch |= (buffer.getByte(at + i) & 0xFF) ^ (i + 1);
        }
        return mismatch == 0;
    }
}
