package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One DPDK Ethernet device, a PCI NIC bound to a DPDK driver or a virtual device, probed after the
 * EAL started ({@link Dpdk#startEal}), with one receive and one transmit queue per worker. Frames
 * are whole Ethernet frames. Each batch call is one downcall, one burst, for up to
 * {@link PortMessageArray#MAX_MESSAGES} frames described by a {@link PortMessageArray} (only each
 * descriptor's buffer, length and status are used).
 *
 * <p>Receive keeps the dataplane's frames (ESP; ESP-in-UDP on 4500 without the non-ESP marker, the
 * AF_XDP program's rule) and gives the kernel the rest: through the exception port when there is
 * one (a {@code net_tap} whose TAP interface holds the host's address), otherwise by leaving them
 * (right for {@code net_af_packet}, beside which the kernel still receives every frame).
 *
 * <p>A queue belongs to one thread. The device is reference-counted: each worker's port takes a
 * reference ({@link #retain()}) and the last {@link #close()} removes the device.
 */
public final class DpdkEthPort implements AutoCloseable
{
    /** {@code TORII_DPDK_FRAME_SIZE}: the longest frame, in bytes. */
    public static final int FRAME_SIZE = 4096;
    /** {@code TORII_DPDK_MAX_QUEUES}. */
    public static final int MAX_QUEUES = 64;
    /** Descriptors per queue when nothing else is configured. */
    public static final int DEFAULT_RING = 1024;
    private static final int LOG_LENGTH = 512;
    private static final int MIN_MBUFS = 2048;

    private final MemorySegment handle;
    private final String name;
    private final String namespace;
    private final int queues;
    private final int portId;
    private final long mac;
    private final MemorySegment statistics = Arena.ofAuto().allocate(JAVA_LONG, DpdkStatistics.COUNT);
    private final AtomicInteger references = new AtomicInteger(1);

    private DpdkEthPort(final MemorySegment handle, final String name, final String namespace, final int queues)
    {
        this.handle = handle;
        this.name = name;
        this.namespace = namespace;
        this.queues = queues;
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment out = arena.allocate(6);
            this.portId = DpdkLibrary.mac(handle, out);
            long bits = 0;
            for (int i = 0; i < 6; i++)
            {
                bits = (bits << 8) | (out.get(JAVA_BYTE, i) & 0xFF);
            }
            this.mac = bits;
        }
    }

    /**
     * Probes a device and starts it with {@code queues} queue pairs of {@code ring} descriptors over
     * a pool of mbufs for all of them.
     *
     * @param namespace the network namespace virtual devices are made in (their sockets and TAP
     *        interfaces), a name made by {@code ip netns} or a path, or null for the caller's.
     * @param devargs the device: a PCI address ({@code 0000:03:00.0}) or a virtual device with its
     *        arguments ({@code net_af_packet0,iface=veth0}; more than one queue needs {@code qpairs=N}).
     * @param exception the exception port's devargs ({@code net_tap1,iface=wan0}), or null for none.
     * @param queues queue pairs, one per worker, 1 to {@link #MAX_QUEUES}.
     * @param ring descriptors per queue, 64 to 4096.
     * @return the port.
     * @throws PortException when DPDK refuses (ENODEV: no such device; ERANGE: too few queues).
     * @throws IllegalStateException when the layer is unavailable or the EAL has not started.
     */
    public static DpdkEthPort open(final String namespace, final String devargs, final String exception,
        final int queues, final int ring)
    {
        Dpdk.requireAvailable();
        if (Dpdk.ealArguments() == null)
        {
            throw new IllegalStateException("the DPDK EAL has not started: call Dpdk.startEal first");
        }
        if (devargs == null || devargs.isBlank() || devargs.indexOf(',') == 0)
        {
            throw new IllegalArgumentException("DPDK device '" + devargs + "'; expected a PCI address or a vdev");
        }
        if (queues < 1 || queues > MAX_QUEUES)
        {
            throw new IllegalArgumentException(queues + " queues; expected 1 to " + MAX_QUEUES);
        }
        if (ring < 64 || ring > 4096)
        {
            throw new IllegalArgumentException(ring + " descriptors per queue; expected 64 to 4096");
        }
        final int pairs = exception == null ? 1 : 2;
        final int mbufs = Math.max(MIN_MBUFS, pairs * queues * ring * 2 + 1024);
        final String name = "dpdk:" + devargs + PortHandle.inNamespace(namespace);
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment out = arena.allocate(ADDRESS);
            final MemorySegment log = arena.allocate(LOG_LENGTH);
            final int result = DpdkLibrary.open(PortHandle.namespacePath(arena, namespace), arena.allocateFrom(devargs),
                exception == null ? MemorySegment.NULL : arena.allocateFrom(exception), queues, ring, mbufs, out,
                log, LOG_LENGTH);
            if (result < 0)
            {
                final String reason = log.getString(0).strip();
                throw new PortException("cannot open " + name + (reason.isEmpty() ? "" : " (" + reason + ")"),
                    -result, PortHandle.errorText(-result));
            }
            return new DpdkEthPort(out.get(ADDRESS, 0), name, namespace, queues);
        }
    }

    /** @return a description, such as {@code dpdk:net_af_packet0,iface=veth0}. */
    public String name()
    {
        return name;
    }

    /** @return the namespace the device was made in, or null. */
    public String namespace()
    {
        return namespace;
    }

    /** @return the queue pairs, one per worker. */
    public int queues()
    {
        return queues;
    }

    /** @return DPDK's port id. */
    public int portId()
    {
        return portId;
    }

    /** @return the device's MAC address in the low 48 bits. */
    public long mac()
    {
        return mac;
    }

    /**
     * Receives one burst from {@code queue} into the buffers of descriptors {@code [0, result)},
     * setting each one's length; frames that are the kernel's are passed on, not returned.
     *
     * @return how many dataplane frames arrived, 0 when none.
     * @throws IllegalArgumentException for a queue or count out of range.
     */
    public int receive(final int queue, final PortMessageArray messages, final int count)
    {
        checkBatch(queue, messages, count);
        return DpdkLibrary.recv(handle, queue, messages.segment(), count);
    }

    /**
     * Sends descriptors {@code [0, count)}, each a whole Ethernet frame of 14 to {@link #FRAME_SIZE}
     * bytes, on {@code queue} in one burst; each gets a status: 0, {@code -EINVAL} (length) or
     * {@code -ENOBUFS} (no mbuf, or the queue was full).
     *
     * @return how many the device took.
     */
    public int send(final int queue, final PortMessageArray messages, final int count)
    {
        checkBatch(queue, messages, count);
        return DpdkLibrary.send(handle, queue, messages.segment(), count);
    }

    /** @return the device's and the shim's counters. */
    public DpdkStatistics statistics()
    {
        requireOpen();
        final int result = DpdkLibrary.stats(handle, statistics);
        if (result < 0)
        {
            throw PortHandle.exception("cannot read the statistics of " + name, -result);
        }
        return new DpdkStatistics(stat(0), stat(1), stat(2), stat(3), stat(4), stat(5), stat(6), stat(7), stat(8),
            stat(9), stat(10), stat(11));
    }

    /**
     * Takes a reference for one more user (a worker's port); fails once the device is removed.
     *
     * @return this port.
     */
    public DpdkEthPort retain()
    {
        if (references.getAndUpdate(count -> count > 0 ? count + 1 : count) <= 0)
        {
            throw new IllegalStateException(name + " is closed");
        }
        return this;
    }

    /** Drops a reference; the last one stops and removes the device and frees its mbufs. */
    @Override
    public void close()
    {
        if (references.getAndUpdate(count -> count > 0 ? count - 1 : 0) == 1)
        {
            DpdkLibrary.close(handle);
        }
    }

    @Override
    public String toString()
    {
        return name + (references.get() > 0 ? "" : " (closed)");
    }

    private long stat(final int index)
    {
        return statistics.getAtIndex(JAVA_LONG, index);
    }

    private void checkBatch(final int queue, final PortMessageArray messages, final int count)
    {
        requireOpen();
        if (queue < 0 || queue >= queues)
        {
            throw new IllegalArgumentException("queue " + queue + " outside 0.." + (queues - 1));
        }
        if (!messages.isOpen())
        {
            throw new IllegalStateException("port message array is closed");
        }
        if (count < 1 || count > PortMessageArray.MAX_MESSAGES)
        {
            throw new IllegalArgumentException("batch of " + count + " frames; expected 1 to " +
                PortMessageArray.MAX_MESSAGES);
        }
    }

    private void requireOpen()
    {
        if (references.get() <= 0)
        {
            throw new IllegalStateException(name + " is closed");
        }
    }
}
