package io.torii.dataplane.port.afxdp;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.status.Disposition;
import io.torii.nativeshim.PortMessageArray;
import io.torii.nativeshim.XdpProgram;
import io.torii.nativeshim.XskSocket;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link PacketPort} over an AF_XDP socket on one receive queue: the ESP and ESP-in-UDP frames
 * the interface's {@link XdpProgram} steers to it, as IP packets for the engine, and IP packets
 * from the engine out as Ethernet frames. One downcall per {@link #receive} and one per
 * {@link PortMessageArray#MAX_MESSAGES} packets of {@link #transmit}; nothing allocated per packet.
 *
 * <p>Receive copies each frame into its slot so that the IP packet starts at
 * {@link PacketBatch#HEADROOM}, the Ethernet header just before it, and hands the engine the IP
 * packet. A frame that is not IPv4 or IPv6 (the program sends none) is dropped and counted.
 * <p>Transmit writes an Ethernet header (RFC 894) into the headroom in front of each OK packet:
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          destination MAC: the next hop's (6 bytes)            |
 *   +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                               |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *   |             source MAC: the interface's (6 bytes)             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   EtherType 0x0800 / 0x86DD   |  IP packet ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The next hop's MAC comes from the {@link NeighbourResolver}; a packet whose next hop is not
 * resolved yet is dropped, counted ({@link #transmitUnresolved()}) and its destination handed to
 * the resolver, which makes the kernel resolve it. Packets that are not IPv4 or IPv6, lack 14 bytes
 * of headroom or are longer than a UMEM frame count as malformed; packets the TX ring has no room
 * for count as {@link #transmitNoFrame()}; all of them in {@link #transmitDrops()}. The packets'
 * bounds are not changed.
 */
public final class AfXdpPort implements PacketPort
{
    /** Bytes of the Ethernet header. */
    public static final int ETHERNET_HEADER = EthernetFraming.ETHERNET_HEADER;
    private static final int ETHERTYPE_IPV4 = EthernetFraming.ETHERTYPE_IPV4;
    private static final int ETHERTYPE_IPV6 = EthernetFraming.ETHERTYPE_IPV6;
    private static final int ERRNO_ENOBUFS = 105;
    /** How often {@link #receiveDrops()} reads the kernel's counters again: a system call, not for every cycle. */
    private static final long STATISTICS_INTERVAL_NANOS = 1_000_000_000L;

    private final XskSocket socket;
    private final NeighbourResolver resolver;
    private final PortMessageArray messages = new PortMessageArray();
    private final long sourceMac;
    private final EthernetFraming framing;
    private final String name;
    private long received;
    private long receiveErrors;
    private long transmitted;
    private long transmitDrops;
    private boolean statisticsRead;
    private long statisticsReadAt;
    private long transmitMalformed;
    private long transmitUnresolved;
    private long transmitNoFrame;

    /**
     * Opens a socket on {@code config.queue()} of an interface whose program is already attached
     * (several ports, one per queue, share it), and starts the next-hop resolver.
     *
     * @param config the queue, bind mode, UMEM size and refresh interval; its mode and namespace are
     *        the program's.
     * @param program the interface's attached program; the port takes a reference of its own.
     * @throws io.torii.nativeshim.PortException when the socket cannot be bound (errno in the message).
     * @throws IllegalStateException when the AF_XDP layer is unavailable or the interface has no MAC.
     */
    public AfXdpPort(final AfXdpPortConfig config, final XdpProgram program)
    {
        this.sourceMac = NeighbourResolver.interfaceMac(program.namespace(), program.interfaceName());
        this.socket = XskSocket.open(program, config.queue(), config.zeroCopy(), config.frames());
        this.resolver = new NeighbourResolver(program.namespace(), program.interfaceName(), config.neighbourRefresh());
        this.framing = new EthernetFraming(sourceMac, XskSocket.FRAME_SIZE, resolver);
        this.name = "afxdp:" + program.interfaceName() + "/" + config.queue();
    }

    /**
     * Attaches the XDP program to the configured interface (with an XSKMAP for the interface's
     * queues) and opens a port on the configured queue; the program is detached when the port closes.
     *
     * @param config where and how.
     * @return the port.
     * @throws io.torii.nativeshim.PortException when the program or socket cannot be attached or bound.
     */
    public static AfXdpPort open(final AfXdpPortConfig config)
    {
        final int queues = XdpProgram.queueCount(config.namespace(), config.interfaceName());
        try (XdpProgram program = XdpProgram.attach(config.namespace(), config.interfaceName(), config.mode(),
            Math.max(queues, config.queue() + 1)))
        {
            return new AfXdpPort(config, program);
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    /** @return the interface's MAC address, the source of every frame sent, in the low 48 bits. */
    public long sourceMac()
    {
        return sourceMac;
    }

    /** @return the resolver of this port's next hops. */
    public NeighbourResolver resolver()
    {
        return resolver;
    }

    /** @return the socket, for its statistics. */
    public XskSocket socket()
    {
        return socket;
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
        final int capacity = Math.min(batch.maxPacket(), XskSocket.FRAME_SIZE) + ETHERNET_HEADER;
        for (int i = 0; i < wanted; i++)
        {
            messages.buffer(i, batch.address(first + i) + PacketBatch.HEADROOM - ETHERNET_HEADER, capacity);
        }
        final int arrived = socket.receive(messages, wanted);
        int added = 0;
        for (int i = 0; i < arrived; i++)
        {
            final UnsafeBuffer slot = batch.buffer(first + i);
            final int length = messages.length(i) - ETHERNET_HEADER;
            final int etherType = length < 1 ? -1 :
                slot.getShort(PacketBatch.HEADROOM - 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (etherType != ETHERTYPE_IPV4 && etherType != ETHERTYPE_IPV6)
            {
                receiveErrors++;
                continue;
            }
            final int index = batch.claim(length);
            if (index != first + i)
            {
                // An earlier frame of this burst was dropped: close the gap so slots stay dense.
                batch.buffer(index).putBytes(PacketBatch.HEADROOM, slot, PacketBatch.HEADROOM, length);
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
        final NeighbourTable neighbours = resolver.table();
        int pending = 0;
        int sent = 0;
        for (int i = 0; i < size; i++)
        {
            if (batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            if (frame(batch, i, neighbours, pending))
            {
                if (++pending == PortMessageArray.MAX_MESSAGES)
                {
                    sent += flush(pending);
                    pending = 0;
                }
            }
        }
        if (pending > 0)
        {
            sent += flush(pending);
        }
        transmitted += sent;
        return sent;
    }

    /** Writes packet i's Ethernet header and points descriptor slot at the frame; false when dropped. */
    private boolean frame(final PacketBatch batch, final int i, final NeighbourTable neighbours, final int slot)
    {
        final int start = framing.frame(batch, i, neighbours);
        if (start == EthernetFraming.MALFORMED)
        {
            return malformed();
        }
        if (start == EthernetFraming.UNRESOLVED)
        {
            transmitUnresolved++;
            transmitDrops++;
            return false;
        }
        messages.buffer(slot, batch.address(i) + start, batch.length(i) + ETHERNET_HEADER);
        return true;
    }

    private boolean malformed()
    {
        transmitMalformed++;
        transmitDrops++;
        return false;
    }

    private int flush(final int count)
    {
        final int sent = socket.send(messages, count);
        for (int i = 0; i < count; i++)
        {
            final int status = messages.status(i);
            if (status == -ERRNO_ENOBUFS)
            {
                transmitNoFrame++;
            }
            else if (status != 0)
            {
                transmitMalformed++;
            }
        }
        transmitDrops += count - sent;
        return sent;
    }


    /** @return packets handed to the engine since the port opened. */
    public long received()
    {
        return received;
    }

    /** @return frames dropped on receive because they were not IPv4 or IPv6. */
    public long receiveErrors()
    {
        return receiveErrors;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The frames that were not IPv4 or IPv6 ({@link #receiveErrors()}) and those the kernel and the shim
     * lost before the port saw them ({@link XskSocket#receiveLosses()}: a full RX ring when the worker fell
     * behind, an empty fill ring, frames too long), the latter read again at most once a second.
     */
    @Override
    public long receiveDrops()
    {
        final long now = System.nanoTime();
        if (!statisticsRead || now - statisticsReadAt >= STATISTICS_INTERVAL_NANOS)
        {
            statisticsRead = socket.refreshStatistics();
            statisticsReadAt = now;
        }
        return receiveErrors + socket.receiveLosses();
    }

    /** @return packets queued for the kernel since the port opened. */
    public long transmitted()
    {
        return transmitted;
    }

    @Override
    public long transmitDrops()
    {
        return transmitDrops;
    }

    /** @return the part of {@link #transmitDrops()} that was not an IP packet this port can frame. */
    public long transmitMalformed()
    {
        return transmitMalformed;
    }

    /** @return the part of {@link #transmitDrops()} whose next hop had no MAC address yet. */
    public long transmitUnresolved()
    {
        return transmitUnresolved;
    }

    /** @return the part of {@link #transmitDrops()} the TX ring had no free frame for. */
    public long transmitNoFrame()
    {
        return transmitNoFrame;
    }

    /** Stops the resolver, closes the socket and drops the port's reference to the program. */
    @Override
    public void close()
    {
        resolver.close();
        socket.close();
        messages.close();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
