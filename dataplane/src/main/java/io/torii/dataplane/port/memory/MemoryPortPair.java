package io.torii.dataplane.port.memory;

import io.torii.dataplane.packet.PacketBatch;

/**
 * Two packet ports joined back to back, like the two ends of a cable: what {@link #a()} transmits
 * {@link #b()} receives and the other way round. Each direction is a bounded queue of packets,
 * copied in on transmit and out on receive, so the ends share no slots; a full queue drops and
 * counts. Each end may run on its own thread.
 * <pre>
 *   a.transmit --> [ capacity packets ] --> b.receive
 *   a.receive  <-- [ capacity packets ] <-- b.transmit
 * </pre>
 */
public final class MemoryPortPair
{
    private final PairedMemoryPort a;
    private final PairedMemoryPort b;

    /**
     * A pair named {@code a} and {@code b} for packets up to {@link PacketBatch#DEFAULT_MAX_PACKET}.
     *
     * @param capacity packets each direction holds.
     */
    public MemoryPortPair(final int capacity)
    {
        this("a", "b", capacity, PacketBatch.DEFAULT_MAX_PACKET);
    }

    /**
     * @param nameA the first end's name.
     * @param nameB the second end's name.
     * @param capacity packets each direction holds, at least 1.
     * @param maxPacket the longest packet carried; slots of this size are allocated up front.
     */
    public MemoryPortPair(final String nameA, final String nameB, final int capacity, final int maxPacket)
    {
        final SlotQueue aToB = new SlotQueue(capacity, maxPacket);
        final SlotQueue bToA = new SlotQueue(capacity, maxPacket);
        a = new PairedMemoryPort(nameA, aToB, bToA);
        b = new PairedMemoryPort(nameB, bToA, aToB);
    }

    /** @return the first end. */
    public PairedMemoryPort a()
    {
        return a;
    }

    /** @return the second end. */
    public PairedMemoryPort b()
    {
        return b;
    }
}
