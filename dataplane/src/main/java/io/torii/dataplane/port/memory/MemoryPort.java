package io.torii.dataplane.port.memory;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.status.Disposition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A port whose traffic a test controls: {@link #inject} queues packets for {@link #receive}, and
 * {@link #drain} returns what was transmitted. Single-threaded and made for tests: it allocates an
 * array per packet.
 */
public final class MemoryPort implements PacketPort
{
    private final String name;
    private final int transmitCapacity;
    private final ArrayDeque<byte[]> toReceive = new ArrayDeque<>();
    private final List<byte[]> transmitted = new ArrayList<>();
    private long transmitDrops;
    private long receiveDrops;
    private boolean closed;

    /**
     * A port that keeps every transmitted packet until drained.
     *
     * @param name the port's name.
     */
    public MemoryPort(final String name)
    {
        this(name, Integer.MAX_VALUE);
    }

    /**
     * @param name the port's name.
     * @param transmitCapacity packets kept until drained; more are dropped and counted, like a full device.
     */
    public MemoryPort(final String name, final int transmitCapacity)
    {
        if (transmitCapacity < 1)
        {
            throw new IllegalArgumentException("transmitCapacity must be at least 1, got " + transmitCapacity);
        }
        this.name = name;
        this.transmitCapacity = transmitCapacity;
    }

    /**
     * Queues a copy of a packet for {@link #receive}.
     *
     * @param packet the packet's bytes.
     */
    public void inject(final byte[] packet)
    {
        inject(packet, 0, packet.length);
    }

    /**
     * Queues a copy of part of an array for {@link #receive}.
     *
     * @param source the bytes.
     * @param offset where the packet starts.
     * @param length its length.
     */
    public void inject(final byte[] source, final int offset, final int length)
    {
        final byte[] packet = new byte[length];
        System.arraycopy(source, offset, packet, 0, length);
        toReceive.addLast(packet);
    }

    /** @return injected packets not yet received. */
    public int pendingReceive()
    {
        return toReceive.size();
    }

    /**
     * @return the packets transmitted since the last drain, in order; the port forgets them.
     */
    public List<byte[]> drain()
    {
        final List<byte[]> packets = new ArrayList<>(transmitted);
        transmitted.clear();
        return packets;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return name;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Injected packets longer than the batch's slots are dropped and counted in {@link #receiveDrops()}.
     */
    @Override
    public int receive(final PacketBatch batch)
    {
        int added = 0;
        while (!closed && batch.size() < batch.capacity() && !toReceive.isEmpty())
        {
            final byte[] packet = toReceive.pollFirst();
            if (batch.add(packet, 0, packet.length) < 0)
            {
                receiveDrops++;
            }
            else
            {
                added++;
            }
        }
        return added;
    }

    /** {@inheritDoc} */
    @Override
    public int transmit(final PacketBatch batch)
    {
        int sent = 0;
        for (int i = 0; i < batch.size(); i++)
        {
            if (batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            if (closed || transmitted.size() >= transmitCapacity)
            {
                transmitDrops++;
            }
            else
            {
                transmitted.add(batch.copyOut(i));
                sent++;
            }
        }
        return sent;
    }

    /** {@inheritDoc} */
    @Override
    public long transmitDrops()
    {
        return transmitDrops;
    }

    /** @return injected packets dropped because they did not fit the receiving batch's slots. */
    @Override
    public long receiveDrops()
    {
        return receiveDrops;
    }

    /** @return true once {@link #close()} was called. */
    public boolean isClosed()
    {
        return closed;
    }

    /** Stops the port: it receives nothing more and drops what it is given to send. */
    @Override
    public void close()
    {
        closed = true;
    }
}
