package io.torii.dataplane.crypto.jdk;

import java.nio.ByteBuffer;

/**
 * Reusable views of the caller's packet buffer. Even absolute {@link ByteBuffer} accesses are bounded
 * by the limit, and the transforms promise neither to read nor to change the caller's position and
 * limit, so every access goes through a view of our own: {@link #whole} spans the capacity for
 * absolute reads and writes, {@link #input} and {@link #output} are positioned on a range for the JCE
 * calls that take buffers, and may cover the same bytes (in-place AEAD).
 *
 * <p>The views are duplicates made when a buffer is first seen and kept while the caller passes the
 * same buffer object, which is how workers pass packets (a buffer per ring slot, or one region for
 * many with absolute offsets); a different buffer object costs three duplicates. Duplicates are
 * big-endian whatever order the caller set. Holds a reference to the last buffer until
 * {@link #release()}.
 */
final class PacketViews
{
    private ByteBuffer source;
    private ByteBuffer whole;
    private ByteBuffer input;
    private ByteBuffer output;

    /**
     * @return a view of all of {@code packet}, position 0 and limit at capacity, for absolute access.
     */
    ByteBuffer whole(final ByteBuffer packet)
    {
        bind(packet);
        return whole;
    }

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
        whole = null;
        input = null;
        output = null;
    }

    private void bind(final ByteBuffer packet)
    {
        if (packet != source)
        {
            whole = packet.duplicate().clear();
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
