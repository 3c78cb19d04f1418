package io.torii.dataplane.status.shm;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;

/**
 * A port that moves no packets and reports the drop counts a test sets, as a real port's own
 * counters would read on the worker's thread.
 */
public final class DropCountsPort implements PacketPort
{
    private final String name;
    private long transmitDrops;
    private long receiveDrops;

    /**
     * @param name the port's name.
     */
    public DropCountsPort(final String name)
    {
        this.name = name;
    }

    /**
     * @param transmit what {@link #transmitDrops()} returns from now on.
     * @param receive what {@link #receiveDrops()} returns from now on.
     * @return this port.
     */
    public DropCountsPort drops(final long transmit, final long receive)
    {
        transmitDrops = transmit;
        receiveDrops = receive;
        return this;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int receive(final PacketBatch batch)
    {
        return 0;
    }

    @Override
    public int transmit(final PacketBatch batch)
    {
        return 0;
    }

    @Override
    public long transmitDrops()
    {
        return transmitDrops;
    }

    @Override
    public long receiveDrops()
    {
        return receiveDrops;
    }

    @Override
    public void close()
    {
        // Nothing to release.
    }
}
