package io.torii.dataplane.port.tun;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.status.Disposition;
import io.torii.nativeshim.PortHandle;
import io.torii.nativeshim.PortMessageArray;

/**
 * A {@link PacketPort} over one queue of a TUN device: whole IP packets, no packet information
 * header. {@link #receive} reads until the queue is empty or the burst is full, {@link #transmit}
 * writes each OK packet, each in one downcall per {@link PortMessageArray#MAX_MESSAGES} packets;
 * nothing allocated per packet.
 *
 * <p>Received packets start at {@link PacketBatch#HEADROOM}, so the engine can put its outer
 * headers in front in place. A packet longer than the batch's {@code maxPacket} (or than 65534
 * bytes) is dropped and counted as a receive error (keep the MTU at most that). A packet the kernel refuses on transmit
 * (not IPv4 or IPv6) is dropped and counted, as are empty ones. A device this port created goes
 * away when its last queue closes.
 */
public final class TunPort implements PacketPort
{
    private static final int MAX_IP_PACKET = 65535;

    private final PortHandle queue;
    private final PortMessageArray messages;
    private final String interfaceName;
    private final String name;
    private long received;
    private long receiveErrors;
    private long transmitted;
    private long transmitDrops;

    /**
     * Opens one queue of the device, creating it when it does not exist; with
     * {@link TunConfig#multiQueue()} call again (or use {@link #openQueues}) for more queues.
     *
     * @param config which device and how.
     * @throws io.torii.nativeshim.PortException when the kernel refuses (EPERM without
     *         CAP_NET_ADMIN, EBUSY for a single-queue device already open, EINVAL for a device in
     *         the other queue mode or not a TUN).
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public TunPort(final TunConfig config)
    {
        this(config, -1);
    }

    private TunPort(final TunConfig config, final int queueIndex)
    {
        this.queue = PortHandle.openTun(
            config.namespace(), config.name(), config.multiQueue(), config.mtu(), config.up());
        this.messages = new PortMessageArray();
        this.interfaceName = queue.name();
        this.name = "tun:" + interfaceName + (queueIndex >= 0 ? "#" + queueIndex : "");
    }

    /**
     * Opens {@code count} queues of one multi-queue device, one per worker. The first creates the
     * device (resolving a {@code %d} in its name), sets its MTU and brings it up; the others
     * attach to it.
     *
     * @param config the device; {@link TunConfig#multiQueue()} must be set.
     * @param count how many queues, at least 1.
     * @return the queues, named {@code tun:NAME#0} and so on.
     * @throws IllegalArgumentException when the configuration is not multi-queue or count is below 1.
     * @throws io.torii.nativeshim.PortException when the kernel refuses; queues already open are closed.
     */
    public static TunPort[] openQueues(final TunConfig config, final int count)
    {
        if (!config.multiQueue() || count < 1)
        {
            throw new IllegalArgumentException("opening " + count + " queues of " + config.name() +
                " needs a multi-queue configuration and a count of at least 1");
        }
        final TunPort[] queues = new TunPort[count];
        try
        {
            queues[0] = new TunPort(config, 0);
            final TunConfig attach = new TunConfig(queues[0].interfaceName(), 0, false, true, config.namespace());
            for (int i = 1; i < count; i++)
            {
                queues[i] = new TunPort(attach, i);
            }
            return queues;
        }
        catch (final RuntimeException ex)
        {
            for (final TunPort opened : queues)
            {
                if (opened != null)
                {
                    opened.close();
                }
            }
            throw ex;
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    /** @return the device's name as the kernel gave it. */
    public String interfaceName()
    {
        return interfaceName;
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
        // One byte more than the longest packet accepted: TUN cuts longer packets silently, and a
        // read that fills its buffer is how the shim tells (it flags it truncated).
        final int capacity = Math.min(batch.maxPacket(), MAX_IP_PACKET - 1) + 1;
        for (int i = 0; i < wanted; i++)
        {
            messages.buffer(i, batch.address(first + i) + PacketBatch.HEADROOM, capacity);
        }
        final int read = queue.read(messages, wanted);
        if (read < 0)
        {
            receiveErrors++;
            return 0;
        }
        int added = 0;
        for (int i = 0; i < read; i++)
        {
            final int length = messages.length(i);
            if (messages.isTruncated(i) || length == 0)
            {
                receiveErrors++;
                continue;
            }
            final int index = batch.claim(length);
            if (index != first + i)
            {
                // An earlier packet of this burst was dropped: close the gap so slots stay dense.
                batch.buffer(index).putBytes(
                    PacketBatch.HEADROOM, batch.buffer(first + i), PacketBatch.HEADROOM, length);
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
            final int length = batch.length(i);
            if (length == 0 || length > MAX_IP_PACKET)
            {
                transmitDrops++;
                continue;
            }
            messages.buffer(pending, batch.address(i) + batch.offset(i), length);
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
        final int sent = Math.max(queue.write(messages, count), 0);
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
        return queue.awaitReadable(timeoutMillis);
    }

    /** @return packets handed to the engine since the port opened. */
    public long received()
    {
        return received;
    }

    /** @return failed read bursts plus packets dropped on receive (longer than a slot). */
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

    @Override
    public void close()
    {
        queue.close();
        messages.close();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
