package io.torii.dataplane.port.udp;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.MessageBurst;
import io.torii.dataplane.port.PacketPort;
import io.torii.nativeshim.PortHandle;
import io.torii.nativeshim.PortMessageArray;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A {@link PacketPort} over a non-blocking UDP socket, normally on port 4500: ESP in UDP
 * (RFC 3948), IKE behind the non-ESP marker and NAT keepalives, all handed to the engine as whole
 * IP/UDP packets. One {@code recvmmsg} per {@link #receive}, one {@code sendmmsg} per
 * {@link PortMessageArray#MAX_MESSAGES} packets of {@link #transmit}; nothing allocated per packet.
 *
 * <p>Receive puts each datagram's payload at {@link PacketBatch#HEADROOM} in its slot and writes
 * the IP and UDP headers in front of it ({@link UdpInboundHeaders} says what they hold), so the
 * packet starts {@code HEADROOM - 28} (IPv4) or {@code HEADROOM - 48} (IPv6) into the slot. A
 * datagram that does not fit the slot is dropped and counted as a receive error.
 *
 * <p>Transmit takes each OK packet as an IP/UDP packet of the socket's IP version and sends its
 * UDP payload to the header's destination address and port; the kernel builds the headers again,
 * with the header's TTL and TOS. Packets that are not such a packet, or whose UDP source port is
 * not the socket's, are dropped and counted ({@link #transmitMalformed()}), as are packets the
 * socket cannot take now; both count in {@link #transmitDrops()}. The batch is not changed.
 */
public final class UdpEspPort implements PacketPort
{
    private static final int MAX_IP_PACKET = 65535;

    private final PortHandle socket;
    private final MessageBurst burst;
    private final String name;
    private final int family;
    private final int localPort;
    private final UdpInboundHeaders inbound;
    private final UdpOutboundParser outbound;

    /**
     * Opens and binds the socket.
     *
     * @param config where and how.
     * @throws io.torii.nativeshim.PortException when the kernel refuses (address in use, not local,
     *         no such namespace).
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public UdpEspPort(final UdpPortConfig config)
    {
        final InetSocketAddress local = config.local();
        final InetAddress address = local.getAddress();
        final boolean ipv6 = address instanceof Inet6Address;
        this.socket = PortHandle.openUdp(config.namespace(), local, config.receiveBufferBytes(),
            config.sendBufferBytes(), config.reuseAddress());
        try
        {
            this.localPort = socket.localPort();
        }
        catch (final RuntimeException ex)
        {
            socket.close();
            throw ex;
        }
        this.burst = new MessageBurst(new UdpEndpoint());
        this.family = ipv6 ? PortMessageArray.FAMILY_IPV6 : PortMessageArray.FAMILY_IPV4;
        final ByteBuffer bytes = ByteBuffer.wrap(ipv6 ? address.getAddress() : new byte[16]);
        final int localIpv4 = ipv6 ? 0 : ByteBuffer.wrap(address.getAddress()).getInt();
        this.inbound = new UdpInboundHeaders(ipv6, localPort, localIpv4, bytes.getLong(0), bytes.getLong(8));
        final int scopeId = address instanceof final Inet6Address v6 ? v6.getScopeId() : 0;
        this.outbound = new UdpOutboundParser(ipv6, address.isAnyLocalAddress(), localPort, scopeId);
        final String host = ipv6 ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        this.name = "udp:" + host + ":" + localPort;
    }

    @Override
    public String name()
    {
        return name;
    }

    /** @return the port the socket is bound to (the one the kernel picked when configured with 0). */
    public int localPort()
    {
        return localPort;
    }

    @Override
    public int receive(final PacketBatch batch)
    {
        final int overhead = inbound.overhead();
        return burst.receive(batch, Math.min(batch.maxPacket(), MAX_IP_PACKET) - overhead, overhead);
    }

    @Override
    public int transmit(final PacketBatch batch)
    {
        return burst.transmit(batch);
    }

    /** The UDP socket's side of a burst: the kernel takes the IP and UDP headers off and puts them back. */
    private final class UdpEndpoint implements MessageBurst.Endpoint
    {
        @Override
        public int receive(final PortMessageArray messages, final int count)
        {
            return socket.receive(messages, count);
        }

        @Override
        public int send(final PortMessageArray messages, final int count)
        {
            return socket.send(messages, count);
        }

        @Override
        public boolean accept(final PortMessageArray messages, final int message)
        {
            return messages.family(message) == family;
        }

        @Override
        public void complete(
            final PacketBatch batch, final int index, final PortMessageArray messages, final int message,
            final int payloadLength)
        {
            final int overhead = inbound.overhead();
            final int ipOffset = PacketBatch.HEADROOM - overhead;
            inbound.write(batch.buffer(index), ipOffset, messages, message, payloadLength);
            batch.bounds(index, ipOffset, overhead + payloadLength);
        }

        @Override
        public boolean describe(
            final PacketBatch batch, final int index, final PortMessageArray messages, final int slot)
        {
            return outbound.describe(batch, index, messages, slot);
        }
    }

    /**
     * Blocks until a datagram is waiting or the time is up: for idle strategies that would rather
     * sleep in the kernel than spin, and for tests.
     *
     * @param timeoutMillis the longest wait, 0 for none, -1 for ever.
     * @return true when {@link #receive} has something to return.
     */
    public boolean awaitReadable(final int timeoutMillis)
    {
        return socket.awaitReadable(timeoutMillis);
    }

    /** @return SO_RCVBUF as the kernel reports it. */
    public int receiveBufferSize()
    {
        return socket.receiveBufferSize();
    }

    /** @return SO_SNDBUF as the kernel reports it. */
    public int sendBufferSize()
    {
        return socket.sendBufferSize();
    }

    /** @return packets handed to the engine since the port opened. */
    public long received()
    {
        return burst.received();
    }

    /** @return failed receive calls plus datagrams dropped on receive (too long for a slot). */
    public long receiveErrors()
    {
        return burst.receiveErrors();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The port's {@link #receiveErrors()}: a failed receive call counts as one, though it may have lost
     * more, or nothing.
     */
    @Override
    public long receiveDrops()
    {
        return receiveErrors();
    }

    /** @return packets the kernel took since the port opened. */
    public long transmitted()
    {
        return burst.transmitted();
    }

    @Override
    public long transmitDrops()
    {
        return burst.transmitDrops();
    }

    /** @return the part of {@link #transmitDrops()} that was not a sendable IP/UDP packet from this port. */
    public long transmitMalformed()
    {
        return burst.transmitMalformed();
    }

    @Override
    public void close()
    {
        socket.close();
        burst.close();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
