package io.torii.dataplane.crypto.jdk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable view of the caller's packet buffer spanning its whole capacity. Even absolute
 * {@link ByteBuffer} accesses are bounded by the limit, and the transforms promise neither to read nor
 * to change the caller's position and limit, so they read and write through this view instead.
 *
 * <p>A big-endian buffer whose limit is its capacity, as every {@code PacketBatch} slot is, already
 * is such a view: the transforms only use absolute accesses, so it is used as it is, without
 * allocating. Any other buffer gets a duplicate, made when it is first seen and kept while the
 * caller passes the same object; the duplicate is big-endian whatever order the caller set.
 * Holds a reference to the last duplicated buffer until {@link #release()}.
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
        if (packet.limit() == packet.capacity() && packet.order() == ByteOrder.BIG_ENDIAN)
        {
            return packet;
        }
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
