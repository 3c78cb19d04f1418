package io.torii.nativeshim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the ipsec-mb tests share: the architectures this CPU runs, ESP packets laid out in native
 * memory, and byte helpers.
 */
final class TestPackets
{
    /**
     * Where the ESP header starts in each test buffer: room for an outer header, and an odd
     * offset so that packets are not aligned the way a library might quietly expect.
     */
    static final int ESP_OFFSET = 14;
    /** Bytes left after the ICV, which no call may touch. */
    static final int TAIL = 16;

    private static final ValueLayout.OfInt BIG_ENDIAN_INT =
        ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private TestPackets()
    {
    }

    /** @return every forced architecture this CPU runs, plus AUTO. */
    static List<IpsecMbArch> supportedArchs()
    {
        final List<IpsecMbArch> archs = new ArrayList<>();
        for (final IpsecMbArch arch : IpsecMbArch.values())
        {
            if (IpsecMb.supports(arch))
            {
                archs.add(arch);
            }
        }
        return archs;
    }

    static Stream<IpsecMbArch> archs()
    {
        return supportedArchs().stream();
    }

    /**
     * A buffer with an ESP packet: SPI, low sequence bits, IV, plaintext, room for the ICV.
     *
     * @param iv the IV bytes to place, or an empty array for the cipher's IV length of zeros.
     * @return the buffer; the ESP header is at {@link #ESP_OFFSET}.
     */
    static MemorySegment esp(
        final Arena arena, final int spi, final long sequence, final byte[] iv, final byte[] plaintext, final int icv)
    {
        final MemorySegment buffer = arena.allocate(ESP_OFFSET + 8 + iv.length + plaintext.length + icv + TAIL);
        for (long i = 0; i < buffer.byteSize(); i++)
        {
            buffer.set(ValueLayout.JAVA_BYTE, i, (byte)(0xA0 + i));
        }
        buffer.set(BIG_ENDIAN_INT, ESP_OFFSET, spi);
        buffer.set(BIG_ENDIAN_INT, ESP_OFFSET + 4, (int)sequence);
        MemorySegment.copy(iv, 0, buffer, ValueLayout.JAVA_BYTE, ESP_OFFSET + 8, iv.length);
        MemorySegment.copy(plaintext, 0, buffer, ValueLayout.JAVA_BYTE, ESP_OFFSET + 8 + iv.length, plaintext.length);
        return buffer;
    }

    /** @return the ICV offset from the ESP header of a packet built by {@link #esp}. */
    static int icvOffset(final int ivLength, final int plaintextLength)
    {
        return 8 + ivLength + plaintextLength;
    }

    static byte[] bytes(final MemorySegment segment, final long offset, final int length)
    {
        final byte[] bytes = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
        return bytes;
    }

    static byte[] bytes(final MemorySegment segment)
    {
        return segment.toArray(ValueLayout.JAVA_BYTE);
    }

    static void flip(final MemorySegment segment, final long offset)
    {
        segment.set(ValueLayout.JAVA_BYTE, offset, (byte)(segment.get(ValueLayout.JAVA_BYTE, offset) ^ 0x01));
    }

    static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int at = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] be32(final int value)
    {
        return new byte[] {(byte)(value >>> 24), (byte)(value >>> 16), (byte)(value >>> 8), (byte)value};
    }

    static byte[] be64(final long value)
    {
        return concat(be32((int)(value >>> 32)), be32((int)value));
    }

    static byte[] pattern(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + 7 * i);
        }
        return bytes;
    }

    static MemorySegment offHeap(final Arena arena, final byte[] bytes)
    {
        final MemorySegment segment = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return segment;
    }
}
