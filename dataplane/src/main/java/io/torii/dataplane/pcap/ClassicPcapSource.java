package io.torii.dataplane.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Parses classic libpcap files, in either byte order and either timestamp resolution.
 * <pre>
 *   file header (24 bytes)                 record header (16 bytes), then captured bytes
 *    0 magic            4 major | minor      0 seconds        4 microseconds or nanoseconds
 *    8 this zone       12 sigfigs            8 captured len  12 original len
 *   16 snap length     20 link type (low 16 bits; FCS flags above)
 * </pre>
 */
final class ClassicPcapSource implements FrameSource
{
    /** The magic in the writer's byte order, for microsecond timestamps. */
    static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    /** The magic in the writer's byte order, for nanosecond timestamps. */
    static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    /** The length of the file header. */
    static final int FILE_HEADER_LENGTH = 24;
    /** The length of each record header. */
    static final int RECORD_HEADER_LENGTH = 16;

    private static final int MAJOR_VERSION = 2;
    private static final int LINK_TYPE_MASK = 0xFFFF;

    private final CaptureInput input;
    private final ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_LENGTH);
    private final int nanosPerUnit;
    private final int linkType;
    private long records;

    /**
     * Reads the rest of the file header.
     *
     * @param magic the first four bytes as a big-endian integer: one of the two magics, in either byte order.
     */
    ClassicPcapSource(final CaptureInput input, final int magic) throws IOException
    {
        this.input = input;
        final boolean bigEndian = magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS;
        final int nativeMagic = bigEndian ? magic : Integer.reverseBytes(magic);
        nanosPerUnit = nativeMagic == MAGIC_NANOSECONDS ? 1 : 1_000;
        header.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);

        final int read = input.read(header.array(), 4, FILE_HEADER_LENGTH - 4);
        if (read < FILE_HEADER_LENGTH - 4)
        {
            throw error(0, 0, "the file ends after " + (4 + read) + " bytes, inside the " + FILE_HEADER_LENGTH +
                "-byte pcap file header");
        }
        final int major = header.getShort(4) & 0xFFFF;
        final int minor = header.getShort(6) & 0xFFFF;
        if (major != MAJOR_VERSION)
        {
            throw error(0, 0, "pcap version " + major + "." + minor + " is not supported; expected 2.4");
        }
        linkType = header.getInt(20) & LINK_TYPE_MASK;
    }

    @Override
    public CaptureFormat format()
    {
        return CaptureFormat.PCAP;
    }

    @Override
    public boolean next(final PcapFrame frame) throws IOException
    {
        final long offset = input.position();
        final int read = input.read(header.array(), 0, RECORD_HEADER_LENGTH);
        if (read == 0)
        {
            return false;
        }
        final long index = ++records;
        if (read < RECORD_HEADER_LENGTH)
        {
            throw error(index, offset, "the file ends " + read + " bytes into the " + RECORD_HEADER_LENGTH +
                "-byte record header");
        }
        final long seconds = Integer.toUnsignedLong(header.getInt(0));
        final long fraction = Integer.toUnsignedLong(header.getInt(4));
        final long captured = Integer.toUnsignedLong(header.getInt(8));
        final long original = Integer.toUnsignedLong(header.getInt(12));
        if (captured > PcapReader.MAX_FRAME_LENGTH)
        {
            throw error(index, offset, "captured length " + captured + " exceeds the " +
                PcapReader.MAX_FRAME_LENGTH + "-byte frame limit");
        }
        if (original < captured || original > Integer.MAX_VALUE)
        {
            throw error(index, offset, "original length " + original + " is less than the captured length " +
                captured + " or absurdly large");
        }

        final int length = (int)captured;
        final byte[] data = frame.ensureCapacity(length);
        final int got = input.read(data, 0, length);
        if (got < length)
        {
            throw error(index, offset, "the file ends " + got + " bytes into the " + length + " captured bytes");
        }
        // Seconds below 2^32 times 10^9 plus the fraction stay below 2^63: no overflow.
        frame.set(index, offset, linkType, 0, seconds * 1_000_000_000L + fraction * nanosPerUnit, length,
            (int)original);
        return true;
    }

    private PcapFormatException error(final long index, final long offset, final String problem)
    {
        return new PcapFormatException(input.name(), "record", index, offset, problem);
    }
}
