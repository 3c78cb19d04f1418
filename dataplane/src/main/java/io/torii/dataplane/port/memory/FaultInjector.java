package io.torii.dataplane.port.memory;

import io.torii.dataplane.packet.PacketBatch;
import java.util.Random;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Applies a {@link FaultProfile} to a stream of packets, one direction of a {@link FaultyPort}.
 * Every decision comes from one seeded {@link Random}, so the same seed and the same packets give
 * the same faults. Allocates nothing per packet: the held-back packet lives in a preallocated array.
 */
final class FaultInjector
{
    /** The most packets one call to {@link #apply} appends: two copies and a released held packet. */
    static final int MAX_OUTPUT_PER_PACKET = 3;

    private final FaultProfile profile;
    private final Random random;
    private final FaultStats stats = new FaultStats();
    private final byte[] held;
    private int heldLength = -1;

    FaultInjector(final FaultProfile profile, final long seed, final int maxPacket)
    {
        this.profile = profile;
        this.random = new Random(seed);
        this.held = new byte[maxPacket];
    }

    FaultStats stats()
    {
        return stats;
    }

    /**
     * Passes one packet through the faults, appending what comes out to {@code out}, which must
     * have room for {@link #MAX_OUTPUT_PER_PACKET} more.
     */
    void apply(final DirectBuffer source, final int offset, final int length, final PacketBatch out)
    {
        stats.onPacket();
        if (length > held.length || length > out.maxPacket())
        {
            stats.onTooBig();
            return;
        }
        if (chance(profile.drop()))
        {
            stats.onDrop();
            return;
        }
        final int flipBit = length > 0 && chance(profile.corrupt()) ? random.nextInt(length * 8) : -1;
        final boolean duplicate = chance(profile.duplicate());
        final boolean reorder = chance(profile.reorder()) && heldLength < 0;
        if (flipBit >= 0)
        {
            stats.onCorrupt();
        }
        if (duplicate)
        {
            stats.onDuplicate();
            emit(source, offset, length, flipBit, out);
        }
        if (reorder)
        {
            stats.onReorder();
            source.getBytes(offset, held, 0, length);
            if (flipBit >= 0)
            {
                held[flipBit >>> 3] ^= (byte)(1 << (flipBit & 7));
            }
            heldLength = length;
            return;
        }
        emit(source, offset, length, flipBit, out);
        releaseHeld(out);
    }

    /**
     * Appends the held-back packet, if any, to {@code out}, which must have room for one.
     *
     * @return true when a packet was released.
     */
    boolean releaseHeld(final PacketBatch out)
    {
        if (heldLength < 0)
        {
            return false;
        }
        out.add(held, 0, heldLength);
        heldLength = -1;
        return true;
    }

    private boolean chance(final double probability)
    {
        // A draw even for 0 and 1: the draws depend on the seed and the packets, never on special cases.
        return random.nextDouble() < probability;
    }

    private static void emit(
        final DirectBuffer source, final int offset, final int length, final int flipBit, final PacketBatch out)
    {
        final int index = out.claim(length);
        final MutableDirectBuffer slot = out.buffer(index);
        final int at = out.offset(index);
        slot.putBytes(at, source, offset, length);
        if (flipBit >= 0)
        {
            final int byteIndex = at + (flipBit >>> 3);
            slot.putByte(byteIndex, (byte)(slot.getByte(byteIndex) ^ (1 << (flipBit & 7))));
        }
    }
}
