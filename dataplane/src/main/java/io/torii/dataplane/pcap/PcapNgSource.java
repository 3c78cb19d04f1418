package io.torii.dataplane.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parses pcapng files: sections, each in its own byte order, of blocks framed as
 * <pre>
 *   0 block type(4) | 4 block total length(4) | 8 body, padded to 4 bytes | total length(4) again
 *
 *   Section Header    0x0a0d0d0a  body: byte-order magic 0x1a2b3c4d(4) | major(2) = 1 | minor(2)
 *                                       | section length(8) | options
 *   Interface Desc.   1           body: link type(2) | reserved(2) | snap length(4) | options
 *   Enhanced Packet   6           body: interface(4) | timestamp high(4) | low(4) | captured len(4)
 *                                       | original len(4) | data, padded | options
 *   Obsolete Packet   2           as Enhanced, but interface(2) | drops(2)
 *   Simple Packet     3           body: original len(4) | data, padded (interface 0, no timestamp)
 *   options: code(2) | length(2) | value, padded to 4; code 0 ends them
 * </pre>
 * Other block types are skipped. Timestamps count units of the interface's if_tsresol option
 * (code 9: 10^-n seconds, or 2^-n with the top bit set; default microseconds) from the epoch plus
 * its if_tsoffset option (code 14, seconds).
 */
final class PcapNgSource implements FrameSource
{
    /** The Section Header Block type, the same in either byte order. */
    static final int SECTION_HEADER = 0x0A0D0D0A;
    /** The Interface Description Block type. */
    static final int INTERFACE_DESCRIPTION = 1;
    /** The Packet Block type (obsolete, still read). */
    static final int OBSOLETE_PACKET = 2;
    /** The Simple Packet Block type. */
    static final int SIMPLE_PACKET = 3;
    /** The Enhanced Packet Block type. */
    static final int ENHANCED_PACKET = 6;
    /** The byte-order magic, as the writer's byte order writes it. */
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** The if_tsresol option code. */
    static final int IF_TSRESOL = 9;
    /** The if_tsoffset option code. */
    static final int IF_TSOFFSET = 14;

    private static final int OPTION_END = 0;
    private static final int BLOCK_OVERHEAD = 12;
    private static final int SECTION_HEADER_MIN_LENGTH = BLOCK_OVERHEAD + 16;
    private static final int INTERFACE_MIN_LENGTH = BLOCK_OVERHEAD + 8;
    private static final int PACKET_MIN_LENGTH = BLOCK_OVERHEAD + 20;
    private static final int SIMPLE_PACKET_MIN_LENGTH = BLOCK_OVERHEAD + 4;
    private static final int MAX_INTERFACES = 65536;
    private static final int DEFAULT_RESOLUTION = 6;
    private static final int BINARY_RESOLUTION = 0x80;
    private static final int MAX_DECIMAL_EXPONENT = 18;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = new long[MAX_DECIMAL_EXPONENT + 1];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final CaptureInput input;
    private final ByteBuffer scratch = ByteBuffer.allocate(24);
    private long blocks;
    private long frames;
    private int interfaceCount;
    private int[] linkTypes = new int[4];
    private int[] snapLengths = new int[4];
    private int[] resolutions = new int[4];
    private long[] offsetSeconds = new long[4];

    /**
     * Reads the first Section Header Block.
     *
     * @param blockType the file's first four bytes, which the caller has read.
     */
    PcapNgSource(final CaptureInput input, final byte[] blockType) throws IOException
    {
        this.input = input;
        System.arraycopy(blockType, 0, scratch.array(), 0, 4);
        blocks = 1;
        fill(4, 4, 0, "block header");
        readSectionHeader(0);
    }

    @Override
    public CaptureFormat format()
    {
        return CaptureFormat.PCAPNG;
    }

    @Override
    public boolean next(final PcapFrame frame) throws IOException
    {
        while (true)
        {
            final long offset = input.position();
            final int read = input.read(scratch.array(), 0, 8);
            if (read == 0)
            {
                return false;
            }
            blocks++;
            if (read < 8)
            {
                throw error(offset, "the file ends " + read + " bytes into the 8-byte block header");
            }
            final int type = scratch.getInt(0);
            switch (type)
            {
                case SECTION_HEADER -> readSectionHeader(offset);
                case INTERFACE_DESCRIPTION -> readInterface(offset);
                case ENHANCED_PACKET, OBSOLETE_PACKET ->
                {
                    readPacket(frame, offset, type == OBSOLETE_PACKET);
                    return true;
                }
                case SIMPLE_PACKET ->
                {
                    readSimplePacket(frame, offset);
                    return true;
                }
                default ->
                {
                    final long length = blockLength(offset, BLOCK_OVERHEAD, "any block");
                    skip(length - BLOCK_OVERHEAD, offset);
                    readTrailer(offset, length);
                }
            }
        }
    }

    private void readSectionHeader(final long offset) throws IOException
    {
        fill(8, 4, offset, "byte-order magic");
        scratch.order(ByteOrder.BIG_ENDIAN);
        final int magic = scratch.getInt(8);
        if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC))
        {
            scratch.order(ByteOrder.LITTLE_ENDIAN);
        }
        else if (magic != BYTE_ORDER_MAGIC)
        {
            throw error(offset, "byte-order magic 0x" + Integer.toHexString(magic) + " is neither 0x1a2b3c4d " +
                "nor 0x4d3c2b1a: not a pcapng section header");
        }
        final long length = blockLength(offset, SECTION_HEADER_MIN_LENGTH, "a section header block");
        fill(0, 12, offset, "section header");
        final int major = scratch.getShort(0) & 0xFFFF;
        if (major != 1)
        {
            throw error(offset, "pcapng version " + major + "." + (scratch.getShort(2) & 0xFFFF) +
                " is not supported; expected 1.0");
        }
        skip(length - SECTION_HEADER_MIN_LENGTH, offset);
        readTrailer(offset, length);
        interfaceCount = 0;
    }

    private void readInterface(final long offset) throws IOException
    {
        final long length = blockLength(offset, INTERFACE_MIN_LENGTH, "an interface description block");
        fill(0, 8, offset, "interface description");
        final int linkType = scratch.getShort(0) & 0xFFFF;
        final int snapLength = scratch.getInt(4);
        int resolution = DEFAULT_RESOLUTION;
        long tsOffset = 0;

        long remaining = length - INTERFACE_MIN_LENGTH;
        while (remaining >= 4)
        {
            fill(0, 4, offset, "option header");
            remaining -= 4;
            final int code = scratch.getShort(0) & 0xFFFF;
            final int optionLength = scratch.getShort(2) & 0xFFFF;
            if (code == OPTION_END)
            {
                break;
            }
            final int padded = (optionLength + 3) & ~3;
            if (padded > remaining)
            {
                throw error(offset, "option " + code + " of length " + optionLength + " runs past the end of " +
                    "the block, which has " + remaining + " bytes left");
            }
            if (code == IF_TSRESOL)
            {
                checkOptionLength(offset, "if_tsresol", optionLength, 1);
                fill(0, 1, offset, "if_tsresol option");
                resolution = scratch.get(0) & 0xFF;
                skip(padded - 1, offset);
                checkResolution(offset, resolution);
            }
            else if (code == IF_TSOFFSET)
            {
                checkOptionLength(offset, "if_tsoffset", optionLength, 8);
                fill(0, 8, offset, "if_tsoffset option");
                tsOffset = scratch.getLong(0);
            }
            else
            {
                skip(padded, offset);
            }
            remaining -= padded;
        }
        skip(remaining, offset);
        readTrailer(offset, length);
        addInterface(offset, linkType, snapLength, resolution, tsOffset);
    }

    private void readPacket(final PcapFrame frame, final long offset, final boolean obsolete) throws IOException
    {
        final long length =
            blockLength(offset, PACKET_MIN_LENGTH, obsolete ? "a packet block" : "an enhanced packet block");
        fill(0, 20, offset, "packet header");
        final long interfaceId = obsolete ? scratch.getShort(0) & 0xFFFF : Integer.toUnsignedLong(scratch.getInt(0));
        final long timestamp = (Integer.toUnsignedLong(scratch.getInt(4)) << 32) |
            Integer.toUnsignedLong(scratch.getInt(8));
        final long captured = Integer.toUnsignedLong(scratch.getInt(12));
        final long original = Integer.toUnsignedLong(scratch.getInt(16));
        if (interfaceId >= interfaceCount)
        {
            throw error(offset, "interface " + interfaceId + " has no interface description block in this " +
                "section, which describes " + interfaceCount);
        }
        final long space = length - PACKET_MIN_LENGTH;
        checkLengths(offset, captured, original, space);
        final int iface = (int)interfaceId;
        readData(frame, offset, (int)captured, space);
        frame.set(++frames, offset, linkTypes[iface], iface, toNanos(offset, iface, timestamp), (int)captured,
            (int)original);
        readTrailer(offset, length);
    }

    private void readSimplePacket(final PcapFrame frame, final long offset) throws IOException
    {
        final long length = blockLength(offset, SIMPLE_PACKET_MIN_LENGTH, "a simple packet block");
        if (interfaceCount == 0)
        {
            throw error(offset, "a simple packet block needs an interface description block before it");
        }
        fill(0, 4, offset, "simple packet header");
        final long original = Integer.toUnsignedLong(scratch.getInt(0));
        final long space = length - SIMPLE_PACKET_MIN_LENGTH;
        long captured = Math.min(original, space);
        if (snapLengths[0] != 0)
        {
            captured = Math.min(captured, Integer.toUnsignedLong(snapLengths[0]));
        }
        checkLengths(offset, captured, original, space);
        readData(frame, offset, (int)captured, space);
        frame.set(++frames, offset, linkTypes[0], 0, 0, (int)captured, (int)original);
        readTrailer(offset, length);
    }

    private void checkLengths(final long offset, final long captured, final long original, final long space)
        throws PcapFormatException
    {
        if (captured > PcapReader.MAX_FRAME_LENGTH)
        {
            throw error(offset, "captured length " + captured + " exceeds the " + PcapReader.MAX_FRAME_LENGTH +
                "-byte frame limit");
        }
        if (captured > space)
        {
            throw error(offset, "captured length " + captured + " does not fit in the " + space +
                " bytes the block length leaves for data");
        }
        if (original < captured || original > Integer.MAX_VALUE)
        {
            throw error(offset, "original length " + original + " is less than the captured length " +
                captured + " or absurdly large");
        }
    }

    private void readData(final PcapFrame frame, final long offset, final int captured, final long space)
        throws IOException
    {
        final byte[] data = frame.ensureCapacity(captured);
        final int got = input.read(data, 0, captured);
        if (got < captured)
        {
            throw error(offset, "the file ends " + got + " bytes into the " + captured + " captured bytes");
        }
        skip(space - captured, offset);
    }

    private long toNanos(final long offset, final int iface, final long timestamp) throws PcapFormatException
    {
        final int resolution = resolutions[iface];
        final long seconds;
        final long fractionNanos;
        if ((resolution & BINARY_RESOLUTION) == 0)
        {
            final long unitsPerSecond = POWERS_OF_TEN[resolution];
            seconds = Long.divideUnsigned(timestamp, unitsPerSecond);
            final long fraction = Long.remainderUnsigned(timestamp, unitsPerSecond);
            fractionNanos = resolution <= 9 ?
                fraction * POWERS_OF_TEN[9 - resolution] : fraction / POWERS_OF_TEN[resolution - 9];
        }
        else
        {
            final int exponent = resolution & ~BINARY_RESOLUTION;
            seconds = timestamp >>> exponent;
            final long fraction = exponent == 0 ? 0 : timestamp & (-1L >>> (64 - exponent));
            // Keep the product below 2^63: at most 32 fraction bits times 10^9 (< 2^30).
            fractionNanos = exponent <= 32 ?
                (fraction * NANOS_PER_SECOND) >>> exponent :
                ((fraction >>> (exponent - 32)) * NANOS_PER_SECOND) >>> 32;
        }
        // Negative seconds here are unsigned values of 2^63 and above: out of range like an overflow.
        if (seconds >= 0)
        {
            try
            {
                return Math.addExact(
                    Math.multiplyExact(Math.addExact(seconds, offsetSeconds[iface]), NANOS_PER_SECOND),
                    fractionNanos);
            }
            catch (final ArithmeticException ignore)
            {
                // Reported below, with the block's index and offset.
            }
        }
        throw error(offset, "timestamp " + Long.toUnsignedString(timestamp) + " with if_tsresol " + resolution +
            " and if_tsoffset " + offsetSeconds[iface] + " s does not fit 64-bit nanoseconds");
    }

    private void addInterface(
        final long offset, final int linkType, final int snapLength, final int resolution, final long tsOffset)
        throws PcapFormatException
    {
        if (interfaceCount == MAX_INTERFACES)
        {
            throw error(offset, "more than " + MAX_INTERFACES + " interfaces in one section");
        }
        if (interfaceCount == linkTypes.length)
        {
            final int capacity = interfaceCount * 2;
            linkTypes = Arrays.copyOf(linkTypes, capacity);
            snapLengths = Arrays.copyOf(snapLengths, capacity);
            resolutions = Arrays.copyOf(resolutions, capacity);
            offsetSeconds = Arrays.copyOf(offsetSeconds, capacity);
        }
        linkTypes[interfaceCount] = linkType;
        snapLengths[interfaceCount] = snapLength;
        resolutions[interfaceCount] = resolution;
        offsetSeconds[interfaceCount] = tsOffset;
        interfaceCount++;
    }

    private void checkResolution(final long offset, final int resolution) throws PcapFormatException
    {
        if ((resolution & BINARY_RESOLUTION) == 0 && resolution > MAX_DECIMAL_EXPONENT)
        {
            throw error(offset, "if_tsresol 10^-" + resolution + " s is finer than the 10^-" +
                MAX_DECIMAL_EXPONENT + " this reader supports");
        }
    }

    private void checkOptionLength(final long offset, final String name, final int length, final int expected)
        throws PcapFormatException
    {
        if (length != expected)
        {
            throw error(offset, name + " option has length " + length + ", expected " + expected);
        }
    }

    /** Reads the block length from the header bytes at scratch[4, 8) and checks it. */
    private long blockLength(final long offset, final int minimum, final String kind) throws PcapFormatException
    {
        final long length = Integer.toUnsignedLong(scratch.getInt(4));
        if (length < minimum)
        {
            throw error(offset, "block length " + length + " is less than the " + minimum + " bytes " + kind +
                " needs");
        }
        if ((length & 3) != 0)
        {
            throw error(offset, "block length " + length + " is not a multiple of 4");
        }
        return length;
    }

    private void readTrailer(final long offset, final long length) throws IOException
    {
        fill(0, 4, offset, "trailing block length");
        final long trailer = Integer.toUnsignedLong(scratch.getInt(0));
        if (trailer != length)
        {
            throw error(offset, "block length mismatch: the header says " + length + ", the trailer says " + trailer);
        }
    }

    private void fill(final int at, final int count, final long offset, final String what) throws IOException
    {
        final int read = input.read(scratch.array(), at, count);
        if (read < count)
        {
            throw error(offset, "the file ends inside the block's " + what);
        }
    }

    private void skip(final long count, final long offset) throws IOException
    {
        if (input.skip(count) < count)
        {
            throw error(offset, "the file ends inside the block");
        }
    }

    private PcapFormatException error(final long offset, final String problem)
    {
        return new PcapFormatException(input.name(), "block", blocks, offset, problem);
    }
}
