package io.torii.dataplane.port.raw;

import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.MessageBurst;
import io.torii.dataplane.port.PacketPort;
import io.torii.nativeshim.PortHandle;
import io.torii.nativeshim.PortMessageArray;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A {@link PacketPort} over a non-blocking raw IP socket for ESP or AH: packets straight over IP,
 * without UDP encapsulation. One {@code recvmmsg} per {@link #receive}, one {@code sendmmsg} per
 * {@link PortMessageArray#MAX_MESSAGES} packets of {@link #transmit}; nothing allocated per packet.
 * A gateway that speaks both ESP and AH opens a port for each.
 *
 * <p>IPv4: received packets arrive whole, header included, at {@link PacketBatch#HEADROOM}; each
 * OK packet to transmit must be IPv4 carrying this port's protocol, and leaves as built
 * (IP_HDRINCL), except that the kernel always sets the total length and header checksum, and the
 * identification and source address when they are zero.
 *
 * <p>IPv6: the kernel shows only the payload; receive puts it at {@link PacketBatch#HEADROOM} and
 * rebuilds the IPv6 header in the 40 bytes in front of it, and transmit sends the payload after the
 * header to the header's destination ({@link RawIpv6Headers} says which fields survive).
 *
 * <p>Packets that are not of the port's IP version and protocol are dropped and counted
 * ({@link #transmitMalformed()}), as are packets the socket cannot take now; both count in
 * {@link #transmitDrops()}. The batch is not changed.
 */
public final class RawEspPort implements PacketPort
{
    private static final int MAX_IP_PACKET = 65535;

    private final PortHandle socket;
    private final MessageBurst burst;
    private final Ipv4HeaderFlyweight ipv4 = new Ipv4HeaderFlyweight();
    private final RawIpv6Headers ipv6Headers;
    private final boolean ipv6;
    private final int protocol;
    private final boolean shared;
    private final String name;

    /**
     * Opens the socket.
     *
     * @param config where and for which protocol.
     * @throws io.torii.nativeshim.PortException when the kernel refuses (EPERM without CAP_NET_RAW,
     *         an address not local, no such namespace).
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public RawEspPort(final RawPortConfig config)
    {
        this(config, false);
    }

    /**
     * Opens the socket as one of the pair a {@link RawIpsecPort} holds: on transmit it sends only its
     * share of the batch (the AH socket the AH packets, the ESP socket all others) and leaves the rest
     * to its sibling, uncounted.
     *
     * @param config where and for which protocol.
     * @param sharedBatch whether the batch is shared with a sibling port of the other protocol.
     */
    RawEspPort(final RawPortConfig config, final boolean sharedBatch)
    {
        this.shared = sharedBatch;
        final InetAddress local = config.local();
        this.ipv6 = local instanceof Inet6Address;
        this.protocol = config.protocol();
        this.socket = PortHandle.openRaw(
            config.namespace(), local, protocol, config.receiveBufferBytes(), config.sendBufferBytes());
        this.burst = new MessageBurst(new RawEndpoint());
        final ByteBuffer bytes = ByteBuffer.wrap(ipv6 ? local.getAddress() : new byte[16]);
        final int scopeId = local instanceof final Inet6Address v6 ? v6.getScopeId() : 0;
        this.ipv6Headers = new RawIpv6Headers(
            protocol, local.isAnyLocalAddress(), scopeId, bytes.getLong(0), bytes.getLong(8));
        final String host = ipv6 ? "[" + local.getHostAddress() + "]" : local.getHostAddress();
        this.name = "raw:" + (protocol == IpProtocols.ESP ? "esp" : "ah") + ":" + host;
    }

    @Override
    public String name()
    {
        return name;
    }

    /** @return {@link IpProtocols#ESP} or {@link IpProtocols#AH}. */
    public int protocol()
    {
        return protocol;
    }

    @Override
    public int receive(final PacketBatch batch)
    {
        final int header = ipv6 ? Ipv6HeaderFlyweight.LENGTH : 0;
        return burst.receive(batch, Math.min(batch.maxPacket(), MAX_IP_PACKET) - header, header);
    }

    @Override
    public int transmit(final PacketBatch batch)
    {
        return burst.transmit(batch);
    }

    /** The raw socket's side of a burst: IPv4 arrives and leaves whole, IPv6 without its header. */
    private final class RawEndpoint implements MessageBurst.Endpoint
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
            return ipv6 || messages.length(message) >= Ipv4HeaderFlyweight.MIN_LENGTH;
        }

        @Override
        public void complete(
            final PacketBatch batch, final int index, final PortMessageArray messages, final int message,
            final int payloadLength)
        {
            if (ipv6)
            {
                final int offset = PacketBatch.HEADROOM - Ipv6HeaderFlyweight.LENGTH;
                ipv6Headers.write(batch.buffer(index), offset, messages, message, payloadLength);
                batch.bounds(index, offset, Ipv6HeaderFlyweight.LENGTH + payloadLength);
            }
        }

        @Override
        public boolean carries(final PacketBatch batch, final int index)
        {
            return !shared || (protocolOf(batch, index) == IpProtocols.AH) == (protocol == IpProtocols.AH);
        }

        @Override
        public boolean describe(
            final PacketBatch batch, final int index, final PortMessageArray messages, final int slot)
        {
            return ipv6 ?
                ipv6Headers.describe(batch, index, messages, slot) : describeIpv4(batch, index, messages, slot);
        }
    }

    /** @return the IPv4 protocol or IPv6 next header field, or -1 for a packet too short to say. */
    private static int protocolOf(final PacketBatch batch, final int index)
    {
        final int offset = batch.offset(index);
        final int length = batch.length(index);
        final int version = length < 1 ? 0 : (batch.buffer(index).getByte(offset) & 0xF0) >>> 4;
        if (version == 4 && length >= Ipv4HeaderFlyweight.MIN_LENGTH)
        {
            return batch.buffer(index).getByte(offset + Ipv4HeaderFlyweight.PROTOCOL_OFFSET) & 0xFF;
        }
        if (version == 6 && length >= Ipv6HeaderFlyweight.LENGTH)
        {
            return batch.buffer(index).getByte(offset + Ipv6HeaderFlyweight.NEXT_HEADER_OFFSET) & 0xFF;
        }
        return -1;
    }

    /** The whole packet, as built, to its header's destination: IP_HDRINCL sends the header we give. */
    private boolean describeIpv4(
        final PacketBatch batch, final int index, final PortMessageArray messages, final int slot)
    {
        final int offset = batch.offset(index);
        final int length = batch.length(index);
        if (length < Ipv4HeaderFlyweight.MIN_LENGTH)
        {
            return false;
        }
        ipv4.wrap(batch.buffer(index), offset);
        if (!ipv4.isValid(length) || ipv4.protocol() != protocol || ipv4.destination() == 0)
        {
            return false;
        }
        messages.buffer(slot, batch.address(index) + offset, ipv4.totalLength());
        messages.peerIpv4(slot, ipv4.destination(), 0);
        return true;
    }

    /**
     * Blocks until a packet is waiting or the time is up: for idle strategies that would rather
     * sleep in the kernel than spin, and for tests.
     *
     * @param timeoutMillis the longest wait, 0 for none, -1 for ever.
     * @return true when {@link #receive} has something to return.
     */
    public boolean awaitReadable(final int timeoutMillis)
    {
        return socket.awaitReadable(timeoutMillis);
    }

    /** @return packets handed to the engine since the port opened. */
    public long received()
    {
        return burst.received();
    }

    /** @return failed receive calls plus packets dropped on receive (too long for a slot). */
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

    /** @return the part of {@link #transmitDrops()} not of this port's IP version and protocol. */
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
