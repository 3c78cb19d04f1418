package io.torii.dataplane.pcap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a classic pcap or pcapng capture file frame by frame, streaming, into one reusable
 * {@link PcapFrame}, and finds the IP packet in each frame (see {@link LinkLayer}).
 * <pre>{@code
 * try (PcapReader reader = PcapReader.open(path))
 * {
 *     final PcapFrame frame = new PcapFrame();
 *     while (reader.next(frame))
 *     {
 *         if (frame.ipStatus().isIp()) { ... frame.data(), frame.ipOffset(), frame.ipLength() ... }
 *     }
 * }
 * }</pre>
 * Every length read from the file is bounded before it is used: a frame longer than
 * {@link #MAX_FRAME_LENGTH} or a record that runs past the end of the file is a
 * {@link PcapFormatException} naming the record or block and its byte offset.
 */
public final class PcapReader implements AutoCloseable
{
    /** The longest frame read: 256 KiB, libpcap's own ceiling for a snap length. */
    public static final int MAX_FRAME_LENGTH = 256 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;

    private final CaptureInput input;
    private final FrameSource source;
    private int linkType = -1;

    private PcapReader(final CaptureInput input, final FrameSource source)
    {
        this.input = input;
        this.source = source;
    }

    /**
     * Opens a capture file and reads its header to tell its format.
     *
     * @param file a classic pcap or pcapng file.
     * @return a reader positioned before the first frame.
     * @throws PcapFormatException if the file is neither, or its header is malformed.
     * @throws IOException if the file cannot be read.
     */
    public static PcapReader open(final Path file) throws IOException
    {
        return open(Files.newInputStream(file), file.toString());
    }

    /**
     * Reads a capture from a stream (standard input, or bytes in memory); the reader closes it.
     *
     * @param in the stream, positioned at the start of the capture; the reader buffers it.
     * @param name the name error messages give the stream.
     * @return a reader positioned before the first frame.
     * @throws PcapFormatException if the stream holds neither format, or its header is malformed.
     * @throws IOException if the stream cannot be read.
     */
    public static PcapReader open(final InputStream in, final String name) throws IOException
    {
        final CaptureInput input = new CaptureInput(new BufferedInputStream(in, BUFFER_SIZE), name);
        try
        {
            return new PcapReader(input, openSource(input));
        }
        catch (final IOException | RuntimeException ex)
        {
            try
            {
                input.close();
            }
            catch (final IOException closeFailure)
            {
                ex.addSuppressed(closeFailure);
            }
            throw ex;
        }
    }

    /**
     * Reads the next frame into {@code frame}, replacing what it held.
     *
     * @param frame the frame to fill; its buffer grows as needed.
     * @return false at the end of the file, leaving the frame as it was.
     * @throws PcapFormatException if the next record or block is malformed or truncated.
     * @throws IOException if the file cannot be read.
     */
    public boolean next(final PcapFrame frame) throws IOException
    {
        if (!source.next(frame))
        {
            return false;
        }
        LinkLayer.locateIp(frame);
        linkType = frame.linkType();
        return true;
    }

    /** @return the link type of the last frame read, or -1 before the first. */
    public int linkType()
    {
        return linkType;
    }

    /** @return the file's container format. */
    public CaptureFormat format()
    {
        return source.format();
    }

    /** @return the file name or description the reader was opened with. */
    public String name()
    {
        return input.name();
    }

    @Override
    public void close() throws IOException
    {
        input.close();
    }

    private static FrameSource openSource(final CaptureInput input) throws IOException
    {
        final byte[] first = new byte[4];
        final int read = input.read(first, 0, first.length);
        if (read < first.length)
        {
            throw new PcapFormatException(input.name(), "record", 0, 0,
                "the file is " + read + " bytes long, too short for a capture file header");
        }
        final int magic = ((first[0] & 0xFF) << 24) | ((first[1] & 0xFF) << 16) | ((first[2] & 0xFF) << 8) |
            (first[3] & 0xFF);
        if (magic == PcapNgSource.SECTION_HEADER)
        {
            return new PcapNgSource(input, first);
        }
        if (magic == ClassicPcapSource.MAGIC_MICROSECONDS || magic == ClassicPcapSource.MAGIC_NANOSECONDS ||
            Integer.reverseBytes(magic) == ClassicPcapSource.MAGIC_MICROSECONDS ||
            Integer.reverseBytes(magic) == ClassicPcapSource.MAGIC_NANOSECONDS)
        {
            return new ClassicPcapSource(input, magic);
        }
        throw new PcapFormatException(input.name(), "record", 0, 0, "bad magic 0x" + Integer.toHexString(magic) +
            ": not a pcap file (0xa1b2c3d4, 0xa1b23c4d in either byte order) or a pcapng file (0x0a0d0d0a)");
    }
}
