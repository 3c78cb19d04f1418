package io.torii.dataplane.worker;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.status.Disposition;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The bounded queue through which other workers hand a worker the packets of SAs it owns: a packet
 * that arrives on the wrong worker is copied in here and processed by its owner, exactly once and,
 * for each sending worker, in order. A full queue drops the packet and counts a congestion drop.
 *
 * <p>Many workers write, the owner alone reads (Agrona's {@link ManyToOneRingBuffer}); nothing is
 * allocated per packet.
 */
public final class PacketHandoff
{
    /** The packet came from the cleartext side and needs a policy lookup and encapsulation. */
    public static final int TO_PROTECT = 1;
    /** The packet came from the protected side and needs decapsulation. */
    public static final int TO_UNPROTECT = 2;

    private final ManyToOneRingBuffer ring;
    private final PacketBatch[] targets = new PacketBatch[3];
    private final AtomicLong congestionDrops = new AtomicLong();
    private final MessageHandler handler = this::onPacket;

    /**
     * @param capacityBytes the ring's size in bytes, a power of two.
     */
    public PacketHandoff(final int capacityBytes)
    {
        final ByteBuffer memory = BufferUtil.allocateDirectAligned(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH,
            64);
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(memory));
    }

    /**
     * Called by a worker that does not own the packet's SA.
     *
     * @param batch the batch holding the packet.
     * @param index the packet.
     * @param kind {@link #TO_PROTECT} or {@link #TO_UNPROTECT}.
     * @return true when queued; false when the queue was full, counted as a congestion drop.
     */
    public boolean offer(final PacketBatch batch, final int index, final int kind)
    {
        if (ring.write(kind, batch.buffer(index), batch.offset(index), batch.length(index)))
        {
            return true;
        }
        congestionDrops.incrementAndGet();
        return false;
    }

    /**
     * Called by the owner: moves queued packets into its batches, up to their capacity.
     *
     * @param toProtect receives {@link #TO_PROTECT} packets.
     * @param toUnprotect receives {@link #TO_UNPROTECT} packets.
     * @return how many packets were moved.
     */
    public int drainTo(final PacketBatch toProtect, final PacketBatch toUnprotect)
    {
        targets[TO_PROTECT] = toProtect;
        targets[TO_UNPROTECT] = toUnprotect;
        final int limit = Math.min(toProtect.capacity() - toProtect.size(), toUnprotect.capacity() - toUnprotect.size());
        return limit <= 0 ? 0 : ring.read(handler, limit);
    }

    private void onPacket(final int kind, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final PacketBatch target = targets[kind];
        final int index = target.claim(length);
        if (index >= 0)
        {
            target.buffer(index).putBytes(target.offset(index), buffer, offset, length);
            target.disposition(index, Disposition.OK);
        }
    }

    /** @return packets dropped because this queue was full. */
    public long congestionDrops()
    {
        return congestionDrops.get();
    }
}
