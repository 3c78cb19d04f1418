package io.torii.dataplane.port.tun;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.MessageBurst;
import io.torii.dataplane.port.PacketPort;
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
    private final MessageBurst burst;
    private final String interfaceName;
    private final String name;

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
        this.burst = new MessageBurst(new TunEndpoint());
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
        // One byte more than the longest packet accepted: TUN cuts longer packets silently, and a
        // read that fills its buffer is how the shim tells (it flags it truncated).
        return burst.receive(batch, Math.min(batch.maxPacket(), MAX_IP_PACKET - 1) + 1, 0);
    }

    @Override
    public int transmit(final PacketBatch batch)
    {
        return burst.transmit(batch);
    }

    /** The queue's side of a burst: whole IP packets both ways, nothing to add or take away. */
    private final class TunEndpoint implements MessageBurst.Endpoint
    {
        @Override
        public int receive(final PortMessageArray messages, final int count)
        {
            return queue.read(messages, count);
        }

        @Override
        public int send(final PortMessageArray messages, final int count)
        {
            return queue.write(messages, count);
        }

        @Override
        public boolean accept(final PortMessageArray messages, final int message)
        {
            return messages.length(message) != 0;
        }

        @Override
        public void complete(
            final PacketBatch batch, final int index, final PortMessageArray messages, final int message,
            final int payloadLength)
        {
            // The packet already starts at HEADROOM with the length claimed.
        }

        @Override
        public boolean describe(
            final PacketBatch batch, final int index, final PortMessageArray messages, final int slot)
        {
            final int length = batch.length(index);
            if (length == 0 || length > MAX_IP_PACKET)
            {
                return false;
            }
            messages.buffer(slot, batch.address(index) + batch.offset(index), length);
            return true;
        }
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
        return burst.received();
    }

    /** @return failed read bursts plus packets dropped on receive (longer than a slot). */
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

    @Override
    public void close()
    {
        queue.close();
        burst.close();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
