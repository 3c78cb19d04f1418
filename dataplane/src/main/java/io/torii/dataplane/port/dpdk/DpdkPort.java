package io.torii.dataplane.port.dpdk;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.port.afxdp.EthernetFraming;
import io.torii.dataplane.port.afxdp.NeighbourResolver;
import io.torii.dataplane.port.afxdp.NeighbourTable;
import io.torii.dataplane.status.Disposition;
import io.torii.nativeshim.DpdkEthPort;
import io.torii.nativeshim.PortMessageArray;
import java.nio.ByteOrder;
import java.time.Duration;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link PacketPort} over one queue pair of a {@link DpdkEthPort}: the ESP and ESP-in-UDP frames
 * the device receives on that queue, as IP packets for the engine, and IP packets from the engine
 * out as Ethernet frames. One downcall (one burst) per {@link #receive} and one per
 * {@link PortMessageArray#MAX_MESSAGES} packets of {@link #transmit}; nothing allocated per packet.
 *
 * <p>Receive copies each frame into its slot so that the IP packet starts at
 * {@link PacketBatch#HEADROOM}, the Ethernet header just before it; a frame that is not IPv4 or
 * IPv6 is dropped and counted. Transmit writes an Ethernet header (RFC 894) into the headroom in
 * front of each OK packet:
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          destination MAC: the next hop's (6 bytes)            |
 *   +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                               |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *   |             source MAC: the device's (6 bytes)                |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   EtherType 0x0800 / 0x86DD   |  IP packet ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The next hop's MAC comes from a {@link NeighbourResolver} on the kernel interface that holds the
 * WAN address (the {@code net_af_packet} interface itself, or the exception TAP); a packet whose
 * next hop is not resolved yet is dropped, counted ({@link #transmitUnresolved()}) and its
 * destination handed to the resolver. The packets' bounds are not changed.
 */
public final class DpdkPort implements PacketPort
{
    /** Bytes of the Ethernet header. */
    public static final int ETHERNET_HEADER = EthernetFraming.ETHERNET_HEADER;
    private static final int ETHERTYPE_IPV4 = EthernetFraming.ETHERTYPE_IPV4;
    private static final int ETHERTYPE_IPV6 = EthernetFraming.ETHERTYPE_IPV6;

    private final DpdkEthPort device;
    private final int queue;
    private final NeighbourResolver resolver;
    private final PortMessageArray messages = new PortMessageArray();
    private final long sourceMac;
    private final EthernetFraming framing;
    private final String name;
    private long received;
    private long receiveErrors;
    private long transmitted;
    private long transmitDrops;
    private long transmitMalformed;
    private long transmitUnresolved;
    private long transmitFull;

    /**
     * Takes a reference to the device for one queue pair and starts the next-hop resolver.
     *
     * @param device the started device; the port takes a reference of its own.
     * @param queue the queue pair, 0 to {@code device.queues() - 1}.
     * @param kernelInterface the kernel interface holding the WAN address, whose neighbour table
     *        gives next hops, in the device's namespace.
     * @param neighbourRefresh how often next hops are read again from the kernel.
     */
    public DpdkPort(final DpdkEthPort device, final int queue, final String kernelInterface,
        final Duration neighbourRefresh)
    {
        if (queue < 0 || queue >= device.queues())
        {
            throw new IllegalArgumentException("queue " + queue + " outside 0.." + (device.queues() - 1));
        }
        this.device = device.retain();
        this.queue = queue;
        this.sourceMac = device.mac();
        this.name = "dpdk:" + device.portId() + "/" + queue;
        try
        {
            this.resolver = new NeighbourResolver(device.namespace(), kernelInterface, neighbourRefresh);
            this.framing = new EthernetFraming(sourceMac, DpdkEthPort.FRAME_SIZE, resolver);
        }
        catch (final RuntimeException ex)
        {
            device.close();
            messages.close();
            throw ex;
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    /** @return the device this port has a queue pair of. */
    public DpdkEthPort device()
    {
        return device;
    }

    /** @return the resolver of this port's next hops. */
    public NeighbourResolver resolver()
    {
        return resolver;
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
        final int capacity = Math.min(batch.maxPacket(), DpdkEthPort.FRAME_SIZE) + ETHERNET_HEADER;
        for (int i = 0; i < wanted; i++)
        {
            messages.buffer(i, batch.address(first + i) + PacketBatch.HEADROOM - ETHERNET_HEADER, capacity);
        }
        final int arrived = device.receive(queue, messages, wanted);
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
            if (batch.disposition(i) == Disposition.OK && frame(batch, i, neighbours, pending))
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
        final int sent = device.send(queue, messages, count);
        transmitFull += count - sent;
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

    /** @return frames dropped on receive because they were not IPv4 or IPv6, as {@link #receiveErrors()}. */
    @Override
    public long receiveDrops()
    {
        return receiveErrors;
    }

    /** @return packets the device took since the port opened. */
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

    /** @return the part of {@link #transmitDrops()} the device had no mbuf or queue room for. */
    public long transmitFull()
    {
        return transmitFull;
    }

    /** Stops the resolver and drops the port's reference to the device (the last removes it). */
    @Override
    public void close()
    {
        resolver.close();
        device.close();
        messages.close();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
