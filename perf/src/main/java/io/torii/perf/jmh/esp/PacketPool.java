package io.torii.perf.jmh.esp;

import io.torii.dataplane.packet.PacketBatch;

/**
 * A fixed set of packets, kept on the heap, that refills a batch on every benchmark invocation: the
 * engine works in place, so each invocation needs fresh input, and copying it in is what a port's
 * receive path does too. Refilling allocates nothing; {@link BatchRefillBenchmark} measures its cost.
 *
 * <p>Consecutive fills take consecutive packets and wrap around, so a pool holding a whole number of
 * batches and IMIX cycles gives every invocation the same mix.
 */
public final class PacketPool
{
    /** Packets per batch in every ESP benchmark, and so the operations per invocation. */
    public static final int BATCH_SIZE = 32;
    /** Packets per pool: three batches, eight IMIX cycles, so every invocation sees the same mix. */
    public static final int POOL_SIZE = 96;
    /** The largest packet a benchmark batch holds, before or after ESP: a 1500-byte MTU plus room. */
    public static final int MAX_PACKET = 2048;

    private final byte[][] packets;
    private int next;

    /**
     * @param packets the packets; kept, not copied. At least one.
     */
    public PacketPool(final byte[][] packets)
    {
        if (packets.length == 0)
        {
            throw new IllegalArgumentException("a packet pool needs at least one packet");
        }
        this.packets = packets;
    }

    /**
     * Empties the batch and fills it to capacity with the next packets of the pool.
     *
     * @param batch the batch to refill.
     * @return how many packets were added: the batch's capacity unless a packet did not fit.
     */
    public int refill(final PacketBatch batch)
    {
        batch.clear();
        final byte[][] packets = this.packets;
        int index = next;
        for (int i = 0, capacity = batch.capacity(); i < capacity; i++)
        {
            final byte[] packet = packets[index];
            if (batch.add(packet, 0, packet.length) < 0)
            {
                break;
            }
            index = index + 1 == packets.length ? 0 : index + 1;
        }
        next = index;
        return batch.size();
    }

    /** @return how many packets the pool holds. */
    public int size()
    {
        return packets.length;
    }

    /**
     * @param index a packet's position.
     * @return the packet itself, not a copy.
     */
    public byte[] packet(final int index)
    {
        return packets[index];
    }
}
