package io.torii.ike.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;

/**
 * A non-blocking UDP socket of the control plane's own, bound to one address so that every message's
 * local end is known (NAT detection hashes it, RFC 7296 §2.23). On port 500 a datagram is an IKE message;
 * on the NAT-T port (RFC 3948 §2.2) an IKE message follows the four-zero-byte non-ESP marker, which
 * {@link #send} writes and {@link #poll} takes off, a single 0xFF byte is a NAT keepalive, and anything
 * else is ESP, which this socket has no SA for. Every datagram that is not a message is counted by what
 * it was and dropped.
 */
public final class UdpIkeSocket implements IkeTransport
{
    /** The shortest IKE message: its fixed header (RFC 7296 §3.1). */
    public static final int MIN_MESSAGE_LENGTH = 28;
    private static final int MAX_DATAGRAM = 65_535;
    private static final int NON_ESP_MARKER_LENGTH = 4;
    private static final byte NAT_KEEPALIVE = (byte)0xFF;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final boolean natT;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private long received;
    private long keepalives;
    private long notIke;
    private long tooShort;
    private long sendFailures;
    private long receiveErrors;

    private UdpIkeSocket(final DatagramChannel channel, final InetSocketAddress local, final boolean natT)
    {
        this.channel = channel;
        this.local = local;
        this.natT = natT;
    }

    /**
     * @param local the address and port to bind: a specific address, not the wildcard.
     * @param natT true for the NAT-T port's framing (non-ESP marker), false for port 500's.
     * @return the bound socket.
     * @throws IOException when it cannot be bound, for example when the port is taken.
     * @throws IllegalArgumentException when the address is the wildcard or unresolved.
     */
    public static UdpIkeSocket open(final InetSocketAddress local, final boolean natT) throws IOException
    {
        if (local.isUnresolved() || local.getAddress().isAnyLocalAddress())
        {
            throw new IllegalArgumentException("IKE socket on " + local + ": expected a specific local address, " +
                "so that each message's local end is known");
        }
        final DatagramChannel channel = DatagramChannel.open(local.getAddress() instanceof java.net.Inet6Address ?
            StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try
        {
            channel.configureBlocking(false);
            channel.bind(local);
            return new UdpIkeSocket(channel, (InetSocketAddress)channel.getLocalAddress(), natT);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /** @return the bound address and port (the port the kernel chose when 0 was asked). */
    public InetSocketAddress local()
    {
        return local;
    }

    @Override
    public int poll(final Consumer<IkeDatagram> consumer, final int limit)
    {
        int taken = 0;
        try
        {
            while (taken < limit)
            {
                receiveBuffer.clear();
                final SocketAddress from = channel.receive(receiveBuffer);
                if (from == null)
                {
                    break;
                }
                receiveBuffer.flip();
                final byte[] message = messageOf(receiveBuffer);
                if (message != null)
                {
                    received++;
                    taken++;
                    consumer.accept(new IkeDatagram(local, (InetSocketAddress)from, message));
                }
            }
        }
        catch (final IOException ex)
        {
            // An ICMP error from an earlier send surfaces here on Linux; the socket itself is fine.
            receiveErrors++;
        }
        return taken;
    }

    /** The IKE message in a datagram, or null (counted) when it holds none. */
    private byte[] messageOf(final ByteBuffer datagram)
    {
        int start = 0;
        if (natT)
        {
            if (datagram.remaining() == 1 && datagram.get(0) == NAT_KEEPALIVE)
            {
                keepalives++;
                return null;
            }
            if (datagram.remaining() < NON_ESP_MARKER_LENGTH || datagram.getInt(0) != 0)
            {
                notIke++;
                return null;
            }
            start = NON_ESP_MARKER_LENGTH;
        }
        if (datagram.remaining() - start < MIN_MESSAGE_LENGTH)
        {
            tooShort++;
            return null;
        }
        final byte[] message = new byte[datagram.remaining() - start];
        datagram.get(start, message);
        return message;
    }

    @Override
    public boolean send(final IkeDatagram datagram)
    {
        if (!sendsFrom(datagram))
        {
            throw new IllegalArgumentException(datagram + " does not leave from " + local);
        }
        // A NAT keepalive (one 0xFF byte, RFC 3948 §2.3) is the one datagram on the NAT-T port without a marker.
        final boolean marked = natT && !IkeDatagram.isKeepalive(datagram.message());
        final int length = datagram.message().length + (marked ? NON_ESP_MARKER_LENGTH : 0);
        if (length > MAX_DATAGRAM)
        {
            sendFailures++;
            return false;
        }
        sendBuffer.clear();
        if (marked)
        {
            sendBuffer.putInt(0);
        }
        sendBuffer.put(datagram.message()).flip();
        try
        {
            if (channel.send(sendBuffer, datagram.remote()) == length)
            {
                return true;
            }
        }
        catch (final IOException ex)
        {
            // Unreachable networks and full buffers alike: the exchange retransmits.
        }
        sendFailures++;
        return false;
    }

    @Override
    public boolean sendsFrom(final IkeDatagram datagram)
    {
        return datagram.local().equals(local);
    }

    /** @return IKE messages received. */
    public long received()
    {
        return received;
    }

    /** @return NAT keepalives received on the NAT-T port (RFC 3948 §2.3). */
    public long keepalives()
    {
        return keepalives;
    }

    /** @return datagrams on the NAT-T port without the non-ESP marker: ESP this socket has no SA for. */
    public long notIke()
    {
        return notIke;
    }

    /** @return datagrams too short to be an IKE message. */
    public long tooShort()
    {
        return tooShort;
    }

    /** @return receive calls that failed, such as for an ICMP error an earlier send drew. */
    public long receiveErrors()
    {
        return receiveErrors;
    }

    /** @return messages that could not be sent. */
    public long sendFailures()
    {
        return sendFailures;
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("closing the IKE socket on " + local, ex);
        }
    }

    @Override
    public String toString()
    {
        return "UdpIkeSocket[" + local + (natT ? ", NAT-T" : "") + "]";
    }
}
