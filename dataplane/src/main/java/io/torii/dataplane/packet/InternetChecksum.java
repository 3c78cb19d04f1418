package io.torii.dataplane.packet;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * The Internet checksum (RFC 1071): a ones'-complement sum of 16-bit big-endian words.
 */
public final class InternetChecksum
{
    private InternetChecksum()
    {
    }

    /**
     * Adds {@code length} bytes to a running sum; an odd final byte is padded with zero.
     *
     * @param buffer the bytes.
     * @param offset the first byte.
     * @param length how many bytes.
     * @param initial a sum carried from earlier parts (a pseudo-header), or 0.
     * @return the unfolded sum, to pass on or to {@link #finish(int)}.
     */
    public static int sum(final DirectBuffer buffer, final int offset, final int length, final int initial)
    {
        long sum = initial & 0xFFFF_FFFFL;
        int i = 0;
        // 32-bit words at a time: folding their sum gives the sum of the 16-bit words (RFC 1071 §2, parallel
        // summation), in half the loads; a long holds the carries of any IP packet.
        for (; i + 3 < length; i += 4)
        {
            sum += buffer.getInt(offset + i, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        }
        if (i + 1 < length)
        {
            sum += buffer.getShort(offset + i, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            i += 2;
        }
        if (i < length)
        {
            sum += (buffer.getByte(offset + i) & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int)sum;
    }

    /**
     * @param sum a sum from {@link #sum}.
     * @return the checksum to store: the folded sum's ones' complement.
     */
    public static int finish(final int sum)
    {
        int folded = sum;
        while ((folded >>> 16) != 0)
        {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return ~folded & 0xFFFF;
    }
}
