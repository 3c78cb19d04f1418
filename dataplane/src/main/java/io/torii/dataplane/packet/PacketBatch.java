package io.torii.dataplane.packet;

import io.torii.dataplane.status.Disposition;
import java.nio.ByteBuffer;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A burst of packets in off-heap memory: the unit every dataplane stage processes.
 *
 * <p>Each packet has a slot of fixed size, cache-line aligned. A packet starts
 * {@link #HEADROOM} bytes into its slot so that stages can prepend outer headers in place, and
 * the slot leaves room after it for ESP padding, TFC padding and an ICV. Each slot is reachable
 * both as an Agrona {@link UnsafeBuffer} (for header flyweights) and as a {@link ByteBuffer} (for
 * crypto), with the same indices: index 0 is the slot's first byte.
 * <pre>
 *   slot i:  | headroom (128) | packet: offset(i) .. offset(i)+length(i) | tailroom |
 * </pre>
 * A stage sets each packet's {@link Disposition}; packets that are not {@link Disposition#OK}
 * are left alone by later stages. Not thread-safe: a batch belongs to one worker.
 */
public final class PacketBatch
{
    /** Room in front of a packet for outer IP, UDP, ESP headers and IV. */
    public static final int HEADROOM = 128;
    /** Room after a packet's largest size for padding (up to 255 + 2) and an ICV (up to 32). */
    public static final int TAILROOM = 320;
    /** The largest packet Torii handles: a 9000-byte jumbo frame plus slack. */
    public static final int DEFAULT_MAX_PACKET = 9216;
    /** Packets per batch when nothing else is configured. */
    public static final int DEFAULT_CAPACITY = 64;

    private static final int CACHE_LINE = 64;

    private final int capacity;
    private final int slotSize;
    private final int maxPacket;
    private final ByteBuffer memory;
    private final UnsafeBuffer[] buffers;
    private final ByteBuffer[] byteBuffers;
    private final long[] addresses;
    private final int[] offsets;
    private final int[] lengths;
    private final Disposition[] dispositions;
    private int size;

    /**
     * A batch of {@link #DEFAULT_CAPACITY} slots for packets up to {@link #DEFAULT_MAX_PACKET} bytes.
     */
    public PacketBatch()
    {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_PACKET);
    }

    /**
     * @param capacity how many packets the batch holds.
     * @param maxPacket the largest packet, before and after any stage, in bytes.
     */
    public PacketBatch(final int capacity, final int maxPacket)
    {
        if (capacity < 1 || maxPacket < 64)
        {
            throw new IllegalArgumentException("capacity must be >= 1 and maxPacket >= 64");
        }
        this.capacity = capacity;
        this.maxPacket = maxPacket;
        this.slotSize = align(HEADROOM + maxPacket + TAILROOM, CACHE_LINE);
        this.memory = BufferUtil.allocateDirectAligned(slotSize * capacity, CACHE_LINE);
        this.buffers = new UnsafeBuffer[capacity];
        this.byteBuffers = new ByteBuffer[capacity];
        this.addresses = new long[capacity];
        this.offsets = new int[capacity];
        this.lengths = new int[capacity];
        this.dispositions = new Disposition[capacity];
        for (int i = 0; i < capacity; i++)
        {
            final ByteBuffer slot = memory.slice(i * slotSize, slotSize);
            byteBuffers[i] = slot;
            buffers[i] = new UnsafeBuffer(slot);
            addresses[i] = buffers[i].addressOffset();
        }
    }

    private static int align(final int value, final int alignment)
    {
        return (value + alignment - 1) / alignment * alignment;
    }

    /** @return how many packets the batch can hold. */
    public int capacity()
    {
        return capacity;
    }

    /** @return how many packets it holds now. */
    public int size()
    {
        return size;
    }

    /** @return the bytes of a slot, including head- and tailroom. */
    public int slotSize()
    {
        return slotSize;
    }

    /** @return the largest packet the batch accepts. */
    public int maxPacket()
    {
        return maxPacket;
    }

    /** Empties the batch; the memory is kept. */
    public void clear()
    {
        size = 0;
    }

    /**
     * Copies a packet into the next free slot.
     *
     * @param source the packet bytes.
     * @param offset where the packet starts in {@code source}.
     * @param length its length.
     * @return the slot index, or -1 when the batch is full or the packet is larger than
     *         {@link #maxPacket()}.
     */
    public int add(final byte[] source, final int offset, final int length)
    {
        if (size == capacity || length < 0 || length > maxPacket)
        {
            return -1;
        }
        final int index = size++;
        buffers[index].putBytes(HEADROOM, source, offset, length);
        offsets[index] = HEADROOM;
        lengths[index] = length;
        dispositions[index] = Disposition.OK;
        return index;
    }

    /**
     * Claims the next free slot for a packet of {@code length} bytes that the caller writes itself
     * at {@link #offset(int)}.
     *
     * @param length the packet's length.
     * @return the slot index, or -1 when full or too long.
     */
    public int claim(final int length)
    {
        if (size == capacity || length < 0 || length > maxPacket)
        {
            return -1;
        }
        final int index = size++;
        offsets[index] = HEADROOM;
        lengths[index] = length;
        dispositions[index] = Disposition.OK;
        return index;
    }

    /** @return the slot's bytes as a flyweight target. */
    public UnsafeBuffer buffer(final int index)
    {
        return buffers[index];
    }

    /** @return the slot's bytes as a ByteBuffer; indices equal {@link #buffer(int)}'s. */
    public ByteBuffer byteBuffer(final int index)
    {
        return byteBuffers[index];
    }

    /** @return the native address of the slot's first byte, for engines that work on raw memory. */
    public long address(final int index)
    {
        return addresses[index];
    }

    /** @return where the packet starts in its slot. */
    public int offset(final int index)
    {
        return offsets[index];
    }

    /** @return the packet's length. */
    public int length(final int index)
    {
        return lengths[index];
    }

    /**
     * Moves a packet's bounds, as a stage does when it adds or strips headers.
     *
     * @param index the slot.
     * @param offset the new start, at least 0.
     * @param length the new length; start plus length must fit the slot.
     */
    public void bounds(final int index, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset + length > slotSize)
        {
            throw new IndexOutOfBoundsException("packet bounds " + offset + "+" + length + " outside slot " + slotSize);
        }
        offsets[index] = offset;
        lengths[index] = length;
    }

    /** @return the packet's disposition so far. */
    public Disposition disposition(final int index)
    {
        return dispositions[index];
    }

    /**
     * @param index the slot.
     * @param disposition what happened to it.
     */
    public void disposition(final int index, final Disposition disposition)
    {
        dispositions[index] = disposition;
    }

    /**
     * Copies a packet out, for tools and tests.
     *
     * @param index the slot.
     * @return a new array with the packet's bytes.
     */
    public byte[] copyOut(final int index)
    {
        final byte[] bytes = new byte[lengths[index]];
        buffers[index].getBytes(offsets[index], bytes);
        return bytes;
    }
}
