package io.torii.dataplane.pcap;

import java.io.IOException;
import java.io.InputStream;

/**
 * A capture file read as a stream, counting the bytes consumed so that errors can name an offset.
 */
final class CaptureInput implements AutoCloseable
{
    private static final int SKIP_CHUNK = 8192;

    private final InputStream in;
    private final String name;
    private final byte[] skipBuffer = new byte[SKIP_CHUNK];
    private long position;

    CaptureInput(final InputStream in, final String name)
    {
        this.in = in;
        this.name = name;
    }

    /** @return the file name or description for error messages. */
    String name()
    {
        return name;
    }

    /** @return how many bytes have been consumed. */
    long position()
    {
        return position;
    }

    /**
     * Reads {@code length} bytes, or fewer only when the file ends first.
     *
     * @return the number of bytes read.
     */
    int read(final byte[] dst, final int offset, final int length) throws IOException
    {
        final int count = in.readNBytes(dst, offset, length);
        position += count;
        return count;
    }

    /**
     * Consumes {@code count} bytes, or fewer only when the file ends first. It reads rather than
     * seeks because some streams seek past the end without saying so.
     *
     * @return the number of bytes consumed.
     */
    long skip(final long count) throws IOException
    {
        long done = 0;
        while (done < count)
        {
            final int read = read(skipBuffer, 0, (int)Math.min(SKIP_CHUNK, count - done));
            if (read == 0)
            {
                break;
            }
            done += read;
        }
        return done;
    }

    @Override
    public void close() throws IOException
    {
        in.close();
    }
}
