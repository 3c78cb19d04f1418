package io.torii.dataplane.crypto.jdk;

import java.nio.ByteBuffer;

/**
 * Two reusable views of the caller's packet buffer, positioned on a range, for the JCE calls that
 * take {@link ByteBuffer}s: an input and an output that may cover the same bytes (in-place AEAD).
 *
 * <p>The views are duplicates made when a buffer is first seen and kept while the caller passes the
 * same buffer object, which is how workers pass packets (one buffer per frame or one region for many,
 * with absolute offsets); a different buffer object costs two duplicates. The caller's position and
 * limit are never touched. Holds a reference to the last buffer until {@link #release()}.
 */
final class PacketViews
{
    private ByteBuffer source;
    private ByteBuffer input;
    private ByteBuffer output;

    /**
     * @return a view of {@code packet} from {@code from} to {@code to}, for reading.
     */
    ByteBuffer input(final ByteBuffer packet, final int from, final int to)
    {
        bind(packet);
        return range(input, from, to);
    }

    /**
     * @return a second, independent view of {@code packet} from {@code from} to {@code to}, for writing.
     */
    ByteBuffer output(final ByteBuffer packet, final int from, final int to)
    {
        bind(packet);
        return range(output, from, to);
    }

    /** Drops the views and the reference to the last buffer. */
    void release()
    {
        source = null;
        input = null;
        output = null;
    }

    private void bind(final ByteBuffer packet)
    {
        if (packet != source)
        {
            input = packet.duplicate();
            output = packet.duplicate();
            source = packet;
        }
    }

    private static ByteBuffer range(final ByteBuffer view, final int from, final int to)
    {
        view.limit(view.capacity());
        view.position(from);
        view.limit(to);
        return view;
    }
}
