package io.torii.dataplane.crypto.jdk;

import java.nio.ByteBuffer;

/**
 * A reusable view of the caller's packet buffer spanning its whole capacity. Even absolute
 * {@link ByteBuffer} accesses are bounded by the limit, and the transforms promise neither to read nor
 * to change the caller's position and limit, so they read and write through this view instead.
 *
 * <p>The view is a duplicate made when a buffer is first seen and kept while the caller passes the
 * same buffer object, which is how workers pass packets (a buffer per ring slot, or one region for
 * many with absolute offsets); a different buffer object costs one duplicate. The duplicate is
 * big-endian whatever order the caller set. Holds a reference to the last buffer until
 * {@link #release()}.
 */
final class BufferView
{
    private ByteBuffer source;
    private ByteBuffer view;

    /**
     * @return a view of all of {@code packet}: same content, position 0, limit at capacity.
     */
    ByteBuffer of(final ByteBuffer packet)
    {
        if (packet != source)
        {
            view = packet.duplicate().clear();
            source = packet;
        }
        return view;
    }

    /** Drops the view and the reference to the last buffer. */
    void release()
    {
        source = null;
        view = null;
    }
}
