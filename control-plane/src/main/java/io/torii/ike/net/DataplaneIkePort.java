package io.torii.ike.net;

import io.torii.dataplane.handoff.IkeDatagramAdapter;
import io.torii.dataplane.handoff.IkeDatagramFlyweight;
import io.torii.dataplane.handoff.IkeDatagramProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.function.Consumer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The NAT-T port when a dataplane UDP port owns its socket: IKE the workers received behind the non-ESP
 * marker comes off the IKE-in ring, and IKE to send goes on the IKE-out ring for a worker to send behind
 * the marker (see {@code ControlRings}). The dataplane has already dropped keepalives and ESP.
 */
public final class DataplaneIkePort implements IkeTransport
{
    private final InetSocketAddress local;
    private final IkeDatagramAdapter fromDataplane;
    private final IkeDatagramProxy toDataplane;
    private Consumer<IkeDatagram> consumer;
    private long received;
    private long sendFailures;
    private long tooShort;

    /**
     * @param local the dataplane UDP port's address (the wildcard when it is bound to every address) and port.
     * @param ikeIn the IKE-in ring, which this port alone reads.
     * @param ikeOut the IKE-out ring.
     */
    public DataplaneIkePort(final InetSocketAddress local, final RingBuffer ikeIn, final RingBuffer ikeOut)
    {
        this.local = Objects.requireNonNull(local, "local");
        this.fromDataplane = new IkeDatagramAdapter(ikeIn);
        this.toDataplane = new IkeDatagramProxy(ikeOut);
    }

    @Override
    public int poll(final Consumer<IkeDatagram> messageConsumer, final int limit)
    {
        consumer = messageConsumer;
        try
        {
            return fromDataplane.poll(this::onDatagram, limit);
        }
        finally
        {
            consumer = null;
        }
    }

    private void onDatagram(final IkeDatagramFlyweight datagram, final int ikeLength)
    {
        if (ikeLength < UdpIkeSocket.MIN_MESSAGE_LENGTH)
        {
            tooShort++;
            return;
        }
        final byte[] message = new byte[ikeLength];
        datagram.buffer().getBytes(datagram.ikeOffset(), message);
        received++;
        consumer.accept(new IkeDatagram(
            new InetSocketAddress(address(datagram, datagram.localAddressOffset()), datagram.localPort()),
            new InetSocketAddress(address(datagram, datagram.remoteAddressOffset()), datagram.remotePort()),
            message));
    }

    private static InetAddress address(final IkeDatagramFlyweight datagram, final int offset)
    {
        final byte[] bytes = new byte[datagram.addressLength()];
        datagram.buffer().getBytes(offset, bytes);
        try
        {
            return InetAddress.getByAddress(bytes);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("the adapter passed an address of " + bytes.length + " bytes", ex);
        }
    }

    @Override
    public boolean send(final IkeDatagram datagram)
    {
        if (!sendsFrom(datagram))
        {
            throw new IllegalArgumentException(datagram + " does not leave from " + local);
        }
        final boolean sent = datagram.local().getAddress() instanceof java.net.Inet4Address ==
            datagram.remote().getAddress() instanceof java.net.Inet4Address &&
            toDataplane.send(datagram.local(), datagram.remote(), datagram.message(), 0, datagram.message().length);
        if (!sent)
        {
            sendFailures++;
        }
        return sent;
    }

    /**
     * {@inheritDoc}
     *
     * <p>When the dataplane's UDP port is bound to the wildcard address, its worker sends from whichever of
     * the host's addresses a message names (IP_PKTINFO), so this port sends from every address on its port:
     * a MOBIKE address change (RFC 4555 §3.5) needs no new socket.
     */
    @Override
    public boolean sendsFrom(final IkeDatagram datagram)
    {
        if (local.getAddress().isAnyLocalAddress())
        {
            return datagram.local().getPort() == local.getPort() &&
                datagram.local().getAddress().getClass() == local.getAddress().getClass();
        }
        return datagram.local().equals(local);
    }

    /** @return IKE messages received from the dataplane. */
    public long received()
    {
        return received;
    }

    /** @return messages the IKE-out ring had no room for, or whose ends were of two families. */
    public long sendFailures()
    {
        return sendFailures;
    }

    /** @return ring messages too short to be an IKE message. */
    public long tooShort()
    {
        return tooShort;
    }

    @Override
    public void close()
    {
        // The rings belong to the ControlRings file, which its owner unmaps.
    }

    @Override
    public String toString()
    {
        return "DataplaneIkePort[" + local + "]";
    }
}
