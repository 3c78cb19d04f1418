package io.torii.dataplane.crypto.jdk;

import java.nio.ByteBuffer;

/** Heap and direct buffers: every transform must work on both through absolute offsets. */
enum BufferKind
{
    /** Backed by a {@code byte[]}. */
    HEAP,
    /** Off-heap, as packet rings and UMEM regions are. */
    DIRECT;

    /** @return a zeroed buffer of this kind. */
    ByteBuffer allocate(final int capacity)
    {
        return this == HEAP ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
    }
}
