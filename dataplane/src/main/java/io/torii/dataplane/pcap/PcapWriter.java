package io.torii.dataplane.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a classic pcap file, little-endian, with one link type for every frame, as any pcap reader
 * (tcpdump, Wireshark, scapy) reads it. Microsecond timestamps by default for the widest
 * compatibility; {@link TimestampResolution#NANOSECONDS} keeps nanoseconds.
 * <p>
 * To replace the IP packet in a frame while keeping its link-layer header, copy the header
 * ({@code frame.data()[0, frame.ipOffset())}), fix its EtherType with
 * {@link LinkLayer#setIpVersion(int, byte[], int, int)} if the IP version may change, and write it
 * with {@link #write(long, byte[], int, byte[], int, int)}.
 */
public final class PcapWriter implements AutoCloseable
{
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int COPY_CHUNK = 8192;
    private static final long MAX_SECONDS = 0xFFFF_FFFFL;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final OutputStream out;
    private final int linkType;
    private final TimestampResolution resolution;
    private final byte[] header = new byte[ClassicPcapSource.FILE_HEADER_LENGTH];
    private byte[] copyBuffer;

    private PcapWriter(final OutputStream out, final int linkType, final TimestampResolution resolution)
    {
        this.out = out;
        this.linkType = linkType;
        this.resolution = resolution;
    }

    /**
     * Creates or truncates a file and writes a microsecond pcap header.
     *
     * @param file where to write.
     * @param linkType the LINKTYPE_ value of every frame, 0 to 65535.
     * @return the writer.
     * @throws IOException if the file cannot be written.
     */
    public static PcapWriter open(final Path file, final int linkType) throws IOException
    {
        return open(file, linkType, TimestampResolution.MICROSECONDS);
    }

    /**
     * Creates or truncates a file and writes a pcap header.
     *
     * @param file where to write.
     * @param linkType the LINKTYPE_ value of every frame, 0 to 65535.
     * @param resolution the timestamp resolution, which picks the magic number.
     * @return the writer.
     * @throws IOException if the file cannot be written.
     */
    public static PcapWriter open(final Path file, final int linkType, final TimestampResolution resolution)
        throws IOException
    {
        checkLinkType(linkType);
        return open(Files.newOutputStream(file), linkType, resolution);
    }

    /**
     * Writes a pcap header to a stream (standard output, or memory); the writer closes it.
     *
     * @param out the stream; the writer buffers it.
     * @param linkType the LINKTYPE_ value of every frame, 0 to 65535.
     * @param resolution the timestamp resolution, which picks the magic number.
     * @return the writer.
     * @throws IOException if the stream cannot be written.
     */
    public static PcapWriter open(final OutputStream out, final int linkType, final TimestampResolution resolution)
        throws IOException
    {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(resolution, "resolution");
        checkLinkType(linkType);
        final PcapWriter writer = new PcapWriter(new BufferedOutputStream(out, BUFFER_SIZE), linkType, resolution);
        try
        {
            writer.writeFileHeader();
        }
        catch (final IOException ex)
        {
            try
            {
                writer.close();
            }
            catch (final IOException closeFailure)
            {
                ex.addSuppressed(closeFailure);
            }
            throw ex;
        }
        return writer;
    }

    /** @return the link type every frame is written with. */
    public int linkType()
    {
        return linkType;
    }

    /** @return the timestamp resolution of the file. */
    public TimestampResolution resolution()
    {
        return resolution;
    }

    /**
     * Writes one whole frame.
     *
     * @param timestampNanos capture time in nanoseconds since the epoch; truncated to microseconds
     *     in a microsecond file.
     * @param data the frame, starting with its link-layer header.
     * @param offset where the frame starts in {@code data}.
     * @param length the frame's length, at most {@link PcapReader#MAX_FRAME_LENGTH}.
     * @throws IOException if the file cannot be written.
     * @throws IllegalArgumentException if the timestamp does not fit pcap's 32-bit seconds or the
     *     length is out of range.
     */
    public void write(final long timestampNanos, final byte[] data, final int offset, final int length)
        throws IOException
    {
        Objects.checkFromIndexSize(offset, length, data.length);
        writeRecordHeader(timestampNanos, length, length);
        out.write(data, offset, length);
    }

    /**
     * Writes one whole frame from a buffer, heap or direct, leaving its position and limit alone.
     *
     * @param timestampNanos capture time in nanoseconds since the epoch.
     * @param data the buffer holding the frame.
     * @param offset the frame's absolute index in {@code data}.
     * @param length the frame's length, at most {@link PcapReader#MAX_FRAME_LENGTH}.
     * @throws IOException if the file cannot be written.
     * @throws IllegalArgumentException if the timestamp or length is out of range.
     */
    public void write(final long timestampNanos, final ByteBuffer data, final int offset, final int length)
        throws IOException
    {
        Objects.checkFromIndexSize(offset, length, data.limit());
        writeRecordHeader(timestampNanos, length, length);
        if (data.hasArray())
        {
            out.write(data.array(), data.arrayOffset() + offset, length);
            return;
        }
        if (copyBuffer == null)
        {
            copyBuffer = new byte[COPY_CHUNK];
        }
        for (int done = 0; done < length; )
        {
            final int chunk = Math.min(COPY_CHUNK, length - done);
            data.get(offset + done, copyBuffer, 0, chunk);
            out.write(copyBuffer, 0, chunk);
            done += chunk;
        }
    }

    /**
     * Writes a frame made of a link-layer header and a new IP packet, such as the header of a frame
     * read by {@link PcapReader} and the packet the tool made from its IP packet.
     *
     * @param timestampNanos capture time in nanoseconds since the epoch.
     * @param linkHeader the link-layer header, starting at index 0; see
     *     {@link LinkLayer#setIpVersion(int, byte[], int, int)} for its EtherType.
     * @param linkHeaderLength the header's length; 0 for header-less link types.
     * @param packet the IP packet.
     * @param offset where the packet starts in {@code packet}.
     * @param length the packet's length.
     * @throws IOException if the file cannot be written.
     * @throws IllegalArgumentException if the timestamp or total length is out of range.
     */
    public void write(
        final long timestampNanos,
        final byte[] linkHeader,
        final int linkHeaderLength,
        final byte[] packet,
        final int offset,
        final int length) throws IOException
    {
        Objects.checkFromIndexSize(0, linkHeaderLength, linkHeader.length);
        Objects.checkFromIndexSize(offset, length, packet.length);
        final int total = linkHeaderLength + length;
        writeRecordHeader(timestampNanos, total, total);
        out.write(linkHeader, 0, linkHeaderLength);
        out.write(packet, offset, length);
    }

    /**
     * Copies a frame as it was read, keeping its original length: how the tool passes on frames it
     * does not rewrite (not IP, truncated).
     *
     * @param frame a frame of this writer's link type.
     * @throws IOException if the file cannot be written.
     * @throws IllegalArgumentException if the frame's link type differs or its timestamp is out of range.
     */
    public void write(final PcapFrame frame) throws IOException
    {
        if (frame.linkType() != linkType)
        {
            throw new IllegalArgumentException("frame " + frame.frameNumber() + " has " +
                LinkType.name(frame.linkType()) + " but this file is " + LinkType.name(linkType));
        }
        writeRecordHeader(frame.timestampNanos(), frame.capturedLength(), frame.originalLength());
        out.write(frame.data(), 0, frame.capturedLength());
    }

    /**
     * Pushes buffered records to the file.
     *
     * @throws IOException if the file cannot be written.
     */
    public void flush() throws IOException
    {
        out.flush();
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }

    private void writeFileHeader() throws IOException
    {
        putInt(header, 0, resolution.magic());
        putShort(header, 4, 2);
        putShort(header, 6, 4);
        putInt(header, 8, 0);
        putInt(header, 12, 0);
        putInt(header, 16, PcapReader.MAX_FRAME_LENGTH);
        putInt(header, 20, linkType);
        out.write(header, 0, ClassicPcapSource.FILE_HEADER_LENGTH);
    }

    private void writeRecordHeader(final long timestampNanos, final int captured, final int original)
        throws IOException
    {
        if (captured < 0 || captured > PcapReader.MAX_FRAME_LENGTH)
        {
            // Unsigned: a header length plus a packet length that overflowed int still reads right.
            throw new IllegalArgumentException("a frame of " + Integer.toUnsignedString(captured) +
                " bytes exceeds the snap length of " + PcapReader.MAX_FRAME_LENGTH);
        }
        final long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
        if (seconds < 0 || seconds > MAX_SECONDS)
        {
            throw new IllegalArgumentException("timestamp " + timestampNanos + " ns is outside what pcap's " +
                "unsigned 32-bit seconds hold (1970 to 2106)");
        }
        final long fraction = (timestampNanos - seconds * NANOS_PER_SECOND) / resolution.nanosPerUnit();
        putInt(header, 0, (int)seconds);
        putInt(header, 4, (int)fraction);
        putInt(header, 8, captured);
        putInt(header, 12, original);
        out.write(header, 0, ClassicPcapSource.RECORD_HEADER_LENGTH);
    }

    private static void checkLinkType(final int linkType)
    {
        if (linkType < 0 || linkType > 0xFFFF)
        {
            throw new IllegalArgumentException("link type must be 0 to 65535, got " + linkType);
        }
    }

    private static void putInt(final byte[] dst, final int at, final int value)
    {
        dst[at] = (byte)value;
        dst[at + 1] = (byte)(value >>> 8);
        dst[at + 2] = (byte)(value >>> 16);
        dst[at + 3] = (byte)(value >>> 24);
    }

    private static void putShort(final byte[] dst, final int at, final int value)
    {
        dst[at] = (byte)value;
        dst[at + 1] = (byte)(value >>> 8);
    }
}
