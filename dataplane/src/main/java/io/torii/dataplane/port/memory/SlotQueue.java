package io.torii.dataplane.port.memory;

import io.torii.dataplane.packet.PacketBatch;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * A bounded single-producer, single-consumer queue of packets, copied into slots allocated up front.
 *
 * <p>Two Agrona queues carry the slots: the producer takes an empty slot from {@code free}, copies
 * a packet into it and offers it to {@code full}; the consumer copies it out of {@code full} and
 * hands it back on {@code free}. Each queue has one producing and one consuming thread, and the
 * queues' ordered writes publish a slot's bytes with the slot. The number of slots is the capacity
 * in packets, so neither queue can overflow and nothing is allocated per packet.
 */
final class SlotQueue
{
    /** A preallocated packet buffer. */
    private static final class Slot
    {
        final byte[] bytes;
        int length;

        Slot(final int maxPacket)
        {
            bytes = new byte[maxPacket];
        }
    }

    private final int maxPacket;
    private final OneToOneConcurrentArrayQueue<Slot> full;
    private final OneToOneConcurrentArrayQueue<Slot> free;
    private long tooBig;

    /**
     * @param capacity packets the queue holds.
     * @param maxPacket the largest packet it accepts.
     */
    SlotQueue(final int capacity, final int maxPacket)
    {
        if (capacity < 1 || maxPacket < 1)
        {
            throw new IllegalArgumentException("capacity and maxPacket must be at least 1, got " + capacity + " and " +
                maxPacket);
        }
        this.maxPacket = maxPacket;
        full = new OneToOneConcurrentArrayQueue<>(capacity);
        free = new OneToOneConcurrentArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            free.offer(new Slot(maxPacket));
        }
    }

    /**
     * Producer side: copies a packet in.
     *
     * @return false when the queue is full or the packet is longer than the slots.
     */
    boolean offer(final DirectBuffer source, final int offset, final int length)
    {
        if (length > maxPacket)
        {
            return false;
        }
        final Slot slot = free.poll();
        if (slot == null)
        {
            return false;
        }
        source.getBytes(offset, slot.bytes, 0, length);
        slot.length = length;
        full.offer(slot);
        return true;
    }

    /**
     * Consumer side: moves packets into the batch while it has room.
     *
     * Packets longer than the batch's slots are dropped and counted in {@link #tooBig()}.
     *
     * @param batch the batch to append to.
     * @return how many packets were added.
     */
    int drainTo(final PacketBatch batch)
    {
        int added = 0;
        while (batch.size() < batch.capacity())
        {
            final Slot slot = full.poll();
            if (slot == null)
            {
                break;
            }
            if (batch.add(slot.bytes, 0, slot.length) < 0)
            {
                tooBig++;
            }
            else
            {
                added++;
            }
            free.offer(slot);
        }
        return added;
    }

    /**
     * @return packets the producer can add now: on the producer's thread a lower bound that only the
     *         consumer raises, so a producer that waits for room never overflows the queue.
     */
    int room()
    {
        return free.size();
    }

    /** @return packets waiting: on the consumer's thread a lower bound that only the producer raises. */
    int size()
    {
        return full.size();
    }

    /** @return packets the consumer dropped because they did not fit its batch; read on its thread. */
    long tooBig()
    {
        return tooBig;
    }
}
