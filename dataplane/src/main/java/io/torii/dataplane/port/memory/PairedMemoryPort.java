package io.torii.dataplane.port.memory;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.status.Disposition;

/**
 * One end of a {@link MemoryPortPair}: what it transmits the other end receives, in order, copied.
 * The end is driven by one thread; the other end may be driven by another.
 *
 * <p>Counters are plain fields written by this end's thread: read them on that thread, or after it
 * has stopped (a {@link Thread#join} orders the reads after the writes).
 */
public final class PairedMemoryPort implements PacketPort
{
    private final String name;
    private final SlotQueue outgoing;
    private final SlotQueue incoming;
    private long transmitDrops;
    private boolean closed;

    PairedMemoryPort(final String name, final SlotQueue outgoing, final SlotQueue incoming)
    {
        this.name = name;
        this.outgoing = outgoing;
        this.incoming = incoming;
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
     * <p>Packets longer than the batch's slots are dropped and counted in {@link #receiveDrops()}.
     * A closed port receives nothing.
     */
    @Override
    public int receive(final PacketBatch batch)
    {
        return closed ? 0 : incoming.drainTo(batch);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Packets that find the queue full, or are longer than the pair's largest packet, are dropped
     * and counted. A closed port drops everything.
     */
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
            if (!closed && outgoing.offer(batch.buffer(i), batch.offset(i), batch.length(i)))
            {
                sent++;
            }
            else
            {
                transmitDrops++;
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

    /** @return packets dropped on receive because they were longer than the batch's slots. */
    @Override
    public long receiveDrops()
    {
        return incoming.tooBig();
    }

    /**
     * @return how many packets {@link #transmit} will take now without dropping; the peer may make
     *         more room at any time. A producer that waits for room applies backpressure instead of
     *         losing packets.
     */
    public int transmitRoom()
    {
        return outgoing.room();
    }

    /** @return packets waiting to be received. */
    public int pendingReceive()
    {
        return incoming.size();
    }

    /** Stops this end: it receives nothing more and drops what it is given to send. */
    @Override
    public void close()
    {
        closed = true;
    }
}
