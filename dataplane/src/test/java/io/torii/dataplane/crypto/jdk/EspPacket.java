package io.torii.dataplane.crypto.jdk;

import io.torii.dataplane.crypto.EspTransform;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A test ESP packet laid out in a larger buffer, the way the engine sees one: guard bytes before and
 * after, the ESP header at {@link #espOffset}, room for the IV, the plaintext from payload to next
 * header ending at {@link #trailerEnd}, then room for the ICV.
 *
 * <pre>
 *   0              guard (GUARD bytes of 0xA5)
 *   espOffset      SPI | sequence low | IV | payload | padding | pad length | next header
 *   trailerEnd     ICV
 *   ...            guard (GUARD bytes of 0xA5)
 * </pre>
 */
final class EspPacket
{
    /** Guard bytes on each side that no transform may touch. */
    static final int GUARD = 13;
    private static final byte GUARD_BYTE = (byte)0xA5;

    final ByteBuffer buffer;
    final int espOffset;
    final int dataStart;
    final int trailerEnd;
    final int icvLength;

    private EspPacket(
        final ByteBuffer buffer, final int espOffset, final int dataStart, final int trailerEnd, final int icvLength)
    {
        this.buffer = buffer;
        this.espOffset = espOffset;
        this.dataStart = dataStart;
        this.trailerEnd = trailerEnd;
        this.icvLength = icvLength;
    }

    /**
     * Builds a packet for {@code transform} with a payload padded as RFC 4303 §2.4 says (1, 2, 3, ...).
     */
    static EspPacket withPayload(
        final BufferKind kind, final EspTransform transform, final int spi, final long sequence, final byte[] payload)
    {
        final int unpadded = payload.length + 2;
        final int block = transform.blockSize();
        final int padLength = (block - unpadded % block) % block;
        final byte[] plaintext = Arrays.copyOf(payload, unpadded + padLength);
        for (int i = 0; i < padLength; i++)
        {
            plaintext[payload.length + i] = (byte)(i + 1);
        }
        plaintext[plaintext.length - 2] = (byte)padLength;
        plaintext[plaintext.length - 1] = 4;
        return withPlaintext(kind, transform.ivLength(), transform.icvLength(), spi, sequence, plaintext);
    }

    /**
     * Builds a packet holding {@code plaintext} (payload to next header, already padded).
     */
    static EspPacket withPlaintext(
        final BufferKind kind,
        final int ivLength,
        final int icvLength,
        final int spi,
        final long sequence,
        final byte[] plaintext)
    {
        final int espOffset = GUARD;
        final int dataStart = espOffset + EspLayout.HEADER_LENGTH + ivLength;
        final int trailerEnd = dataStart + plaintext.length;
        final ByteBuffer buffer = kind.allocate(trailerEnd + icvLength + GUARD);
        for (int i = 0; i < buffer.capacity(); i++)
        {
            buffer.put(i, GUARD_BYTE);
        }
        buffer.putInt(espOffset, spi);
        buffer.putInt(espOffset + 4, (int)sequence);
        buffer.put(dataStart, plaintext);
        return new EspPacket(buffer, espOffset, dataStart, trailerEnd, icvLength);
    }

    /** @return bytes {@code [from, to)} of the buffer. */
    byte[] bytes(final int from, final int to)
    {
        final byte[] bytes = new byte[to - from];
        all().get(from, bytes);
        return bytes;
    }

    /** @return payload to next header. */
    byte[] data()
    {
        return bytes(dataStart, trailerEnd);
    }

    /** @return the IV bytes. */
    byte[] iv()
    {
        return bytes(espOffset + EspLayout.HEADER_LENGTH, dataStart);
    }

    /** @return the ICV bytes. */
    byte[] icv()
    {
        return bytes(trailerEnd, trailerEnd + icvLength);
    }

    /** @return the whole protected region: header, IV, data and ICV. */
    byte[] wire()
    {
        return bytes(espOffset, trailerEnd + icvLength);
    }

    /** @return true when both guards still hold only guard bytes. */
    boolean guardsIntact()
    {
        for (int i = 0; i < buffer.capacity(); i++)
        {
            final boolean guard = i < espOffset || i >= trailerEnd + icvLength;
            if (guard && all().get(i) != GUARD_BYTE)
            {
                return false;
            }
        }
        return true;
    }

    /** @return an independent copy in a new buffer of the same kind. */
    EspPacket copy()
    {
        final ByteBuffer copy = buffer.isDirect() ?
            ByteBuffer.allocateDirect(buffer.capacity()) : ByteBuffer.allocate(buffer.capacity());
        copy.put(0, all(), 0, buffer.capacity());
        return new EspPacket(copy, espOffset, dataStart, trailerEnd, icvLength);
    }

    /** Flips one bit of the buffer. */
    void flipBit(final int bit)
    {
        final int index = bit / 8;
        final ByteBuffer all = all();
        all.put(index, (byte)(all.get(index) ^ (1 << (bit % 8))));
    }

    /** @return a view of the whole buffer, whatever position and limit a test set on it. */
    private ByteBuffer all()
    {
        return buffer.duplicate().clear();
    }
}
