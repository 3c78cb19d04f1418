package io.torii.dataplane.crypto.ipsecmb;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.agrona.BufferUtil;

/**
 * Gives native code an address for a packet: a direct buffer's own memory, or for a heap buffer a
 * native bounce area the bytes are copied into and back out of. Packets from a
 * {@code PacketBatch} are always direct, so the copy only serves tests and tools.
 */
final class NativeView implements AutoCloseable
{
    /** Room for the largest IP packet and its slack. */
    private static final int BOUNCE_SIZE = 65536 + 512;

    private final Arena arena = Arena.ofConfined();
    private MemorySegment bounce;

    /**
     * @param packet the caller's buffer.
     * @param from the first byte native code touches.
     * @param to the index after the last.
     * @return the native address of index 0 of {@code packet}'s content as native code should see it.
     */
    long enter(final ByteBuffer packet, final int from, final int to)
    {
        if (packet.isDirect())
        {
            return BufferUtil.address(packet);
        }
        if (to > BOUNCE_SIZE)
        {
            throw new IllegalArgumentException("heap packets larger than " + BOUNCE_SIZE + " bytes are not supported");
        }
        if (bounce == null)
        {
            bounce = arena.allocate(BOUNCE_SIZE, 64);
        }
        MemorySegment.copy(MemorySegment.ofBuffer(packet.duplicate().clear()), from, bounce, from, to - from);
        return bounce.address();
    }

    /**
     * Copies what native code wrote back into a heap buffer; nothing to do for a direct one.
     */
    void leave(final ByteBuffer packet, final int from, final int to)
    {
        if (!packet.isDirect())
        {
            MemorySegment.copy(bounce, from, MemorySegment.ofBuffer(packet.duplicate().clear()), from, to - from);
        }
    }

    @Override
    public void close()
    {
        if (bounce != null)
        {
            bounce.fill((byte)0);
        }
        arena.close();
    }
}
