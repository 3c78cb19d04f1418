package io.torii.dataplane.port.udp;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.status.Disposition;
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
    private final PortMessageArray messages;
    private final String name;
    private final int family;
    private final int localPort;
    private final UdpInboundHeaders inbound;
    private final UdpOutboundParser outbound;
    private long received;
    private long receiveErrors;
    private long transmitted;
    private long transmitDrops;
    private long transmitMalformed;

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
        this.messages = new PortMessageArray();
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
        final int first = batch.size();
        final int wanted = Math.min(batch.capacity() - first, PortMessageArray.MAX_MESSAGES);
        if (wanted <= 0)
        {
            return 0;
        }
        final int overhead = inbound.overhead();
        final int ipOffset = PacketBatch.HEADROOM - overhead;
        final int capacity = Math.min(batch.maxPacket(), MAX_IP_PACKET) - overhead;
        for (int i = 0; i < wanted; i++)
        {
            messages.buffer(i, batch.address(first + i) + PacketBatch.HEADROOM, capacity);
        }
        final int arrived = socket.receive(messages, wanted);
        if (arrived < 0)
        {
            receiveErrors++;
            return 0;
        }
        int added = 0;
        for (int i = 0; i < arrived; i++)
        {
            if (messages.isTruncated(i) || messages.family(i) != family)
            {
                receiveErrors++;
                continue;
            }
            final int payloadLength = messages.length(i);
            final int index = batch.claim(overhead + payloadLength);
            if (index != first + i)
            {
                // An earlier datagram of this burst was dropped: close the gap so slots stay dense.
                batch.buffer(index).putBytes(
                    PacketBatch.HEADROOM, batch.buffer(first + i), PacketBatch.HEADROOM, payloadLength);
            }
            inbound.write(batch.buffer(index), ipOffset, messages, i, payloadLength);
            batch.bounds(index, ipOffset, overhead + payloadLength);
            added++;
        }
        received += added;
        return added;
    }

    @Override
    public int transmit(final PacketBatch batch)
    {
        final int size = batch.size();
        int pending = 0;
        int sent = 0;
        for (int i = 0; i < size; i++)
        {
            if (batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            if (!outbound.describe(batch, i, messages, pending))
            {
                transmitMalformed++;
                transmitDrops++;
                continue;
            }
            if (++pending == PortMessageArray.MAX_MESSAGES)
            {
                sent += flush(pending);
                pending = 0;
            }
        }
        if (pending > 0)
        {
            sent += flush(pending);
        }
        transmitted += sent;
        return sent;
    }

    private int flush(final int count)
    {
        final int sent = Math.max(socket.send(messages, count), 0);
        transmitDrops += count - sent;
        return sent;
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
        return received;
    }

    /** @return failed receive calls plus datagrams dropped on receive (too long for a slot). */
    public long receiveErrors()
    {
        return receiveErrors;
    }

    /** @return packets the kernel took since the port opened. */
    public long transmitted()
    {
        return transmitted;
    }

    @Override
    public long transmitDrops()
    {
        return transmitDrops;
    }

    /** @return the part of {@link #transmitDrops()} that was not a sendable IP/UDP packet from this port. */
    public long transmitMalformed()
    {
        return transmitMalformed;
    }

    @Override
    public void close()
    {
        socket.close();
        messages.close();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
