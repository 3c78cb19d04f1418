package io.torii.ike.net;

import java.util.List;
import java.util.function.Consumer;

/**
 * Every way in and out for IKE, as one: {@link #poll} takes from each in turn, and {@link #send} picks the
 * transport that sends from the message's local end (port 500 or the NAT-T port of an address).
 */
public final class IkeTransports implements IkeTransport
{
    private final List<IkeTransport> transports;
    private int next;
    private long unroutable;

    /**
     * @param transports the transports; this object closes them.
     */
    public IkeTransports(final List<IkeTransport> transports)
    {
        this.transports = List.copyOf(transports);
    }

    @Override
    public int poll(final Consumer<IkeDatagram> consumer, final int limit)
    {
        int taken = 0;
        // Round-robin start, so a flood on one port cannot starve the others.
        for (int i = 0, count = transports.size(); i < count && taken < limit; i++)
        {
            taken += transports.get((next + i) % count).poll(consumer, limit - taken);
        }
        next = transports.isEmpty() ? 0 : (next + 1) % transports.size();
        return taken;
    }

    @Override
    public boolean send(final IkeDatagram datagram)
    {
        for (final IkeTransport transport : transports)
        {
            if (transport.sendsFrom(datagram))
            {
                return transport.send(datagram);
            }
        }
        unroutable++;
        return false;
    }

    @Override
    public boolean sendsFrom(final IkeDatagram datagram)
    {
        for (final IkeTransport transport : transports)
        {
            if (transport.sendsFrom(datagram))
            {
                return true;
            }
        }
        return false;
    }

    /** @return messages whose local end no transport sends from. */
    public long unroutable()
    {
        return unroutable;
    }

    @Override
    public void close()
    {
        for (final IkeTransport transport : transports)
        {
            transport.close();
        }
    }
}
