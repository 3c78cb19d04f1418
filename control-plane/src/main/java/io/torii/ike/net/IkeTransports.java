package io.torii.ike.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every way in and out for IKE, as one: {@link #poll} takes from each in turn, and {@link #send} picks the
 * transport that sends from the message's local end (port 500 or the NAT-T port of an address).
 *
 * <p>With an {@link Opener}, a message whose local end no transport sends from gets one opened there and
 * kept: after a MOBIKE address change (RFC 4555 §3.5) the request must leave from our new address, and the
 * answer comes back to it.
 */
public final class IkeTransports implements IkeTransport
{
    /** Opens a transport on a local end that has none yet. */
    @FunctionalInterface
    public interface Opener
    {
        /**
         * @param local the address and port to send from and receive on.
         * @return the transport, bound there.
         * @throws IOException when it cannot be bound (the address is not the host's, the port is taken).
         */
        IkeTransport open(InetSocketAddress local) throws IOException;
    }

    private final List<IkeTransport> transports;
    private final Opener opener;
    private int next;
    private long unroutable;
    private long opened;

    /**
     * @param transports the transports; this object closes them.
     */
    public IkeTransports(final List<IkeTransport> transports)
    {
        this(transports, null);
    }

    /**
     * @param transports the transports; this object closes them.
     * @param opener opens a transport for a local end that has none; null to count such messages
     *        unroutable instead.
     */
    public IkeTransports(final List<IkeTransport> transports, final Opener opener)
    {
        this.transports = new ArrayList<>(transports);
        this.opener = opener;
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
        final IkeTransport added = open(datagram.local());
        if (added == null || !added.sendsFrom(datagram))
        {
            unroutable++;
            return false;
        }
        return added.send(datagram);
    }

    /** @return a transport newly opened on a local end, kept from now on; null when there is none. */
    private IkeTransport open(final InetSocketAddress local)
    {
        if (opener == null)
        {
            return null;
        }
        try
        {
            final IkeTransport transport = opener.open(local);
            transports.add(transport);
            opened++;
            return transport;
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not the host's address (yet), the port taken, the wildcard: the exchange retransmits.
            return null;
        }
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

    /** @return transports opened for local ends that had none. */
    public long opened()
    {
        return opened;
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
