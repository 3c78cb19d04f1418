package io.torii.ike.message.payload;

import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * Reads shared by the payload decoders: unsigned big-endian fields and copies of byte ranges.
 */
final class Bytes
{
    private Bytes()
    {
    }

    static int uint8(final DirectBuffer buffer, final int index)
    {
        return buffer.getByte(index) & 0xFF;
    }

    static int uint16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    static byte[] copy(final DirectBuffer buffer, final int index, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        return bytes;
    }
}
