package io.torii.dataplane.port.raw;

import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.status.Disposition;
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
    private final PortMessageArray messages;
    private final Ipv4HeaderFlyweight ipv4 = new Ipv4HeaderFlyweight();
    private final RawIpv6Headers ipv6Headers;
    private final boolean ipv6;
    private final int protocol;
    private final String name;
    private long received;
    private long receiveErrors;
    private long transmitted;
    private long transmitDrops;
    private long transmitMalformed;

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
        final InetAddress local = config.local();
        this.ipv6 = local instanceof Inet6Address;
        this.protocol = config.protocol();
        this.socket = PortHandle.openRaw(
            config.namespace(), local, protocol, config.receiveBufferBytes(), config.sendBufferBytes());
        this.messages = new PortMessageArray();
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
        final int first = batch.size();
        final int wanted = Math.min(batch.capacity() - first, PortMessageArray.MAX_MESSAGES);
        if (wanted <= 0)
        {
            return 0;
        }
        final int header = ipv6 ? Ipv6HeaderFlyweight.LENGTH : 0;
        final int capacity = Math.min(batch.maxPacket(), MAX_IP_PACKET) - header;
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
            final int length = messages.length(i);
            if (messages.isTruncated(i) || (!ipv6 && length < Ipv4HeaderFlyweight.MIN_LENGTH))
            {
                receiveErrors++;
                continue;
            }
            final int index = batch.claim(header + length);
            if (index != first + i)
            {
                // An earlier packet of this burst was dropped: close the gap so slots stay dense.
                batch.buffer(index).putBytes(
                    PacketBatch.HEADROOM, batch.buffer(first + i), PacketBatch.HEADROOM, length);
            }
            if (ipv6)
            {
                ipv6Headers.write(batch.buffer(index), PacketBatch.HEADROOM - header, messages, i, length);
                batch.bounds(index, PacketBatch.HEADROOM - header, header + length);
            }
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
            final boolean described = ipv6 ?
                ipv6Headers.describe(batch, i, messages, pending) : describeIpv4(batch, i, pending);
            if (!described)
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

    /** The whole packet, as built, to its header's destination: IP_HDRINCL sends the header we give. */
    private boolean describeIpv4(final PacketBatch batch, final int index, final int slot)
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

    private int flush(final int count)
    {
        final int sent = Math.max(socket.send(messages, count), 0);
        transmitDrops += count - sent;
        return sent;
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
        return received;
    }

    /** @return failed receive calls plus packets dropped on receive (too long for a slot). */
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

    /** @return the part of {@link #transmitDrops()} not of this port's IP version and protocol. */
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
