package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One AF_XDP socket on one receive queue of an interface that has an {@link XdpProgram}, with a
 * UMEM of its own, entered in the program's XSKMAP so that the program's redirects for that queue
 * land here. Frames are whole Ethernet frames. Each batch call is one downcall for up to
 * {@link PortMessageArray#MAX_MESSAGES} frames described by a {@link PortMessageArray} (only each
 * descriptor's buffer, length and status are used): receive copies frames out of the UMEM into
 * the buffers, send copies them in and wakes the kernel.
 *
 * <p>Not thread-safe: a socket belongs to one worker.
 */
public final class XskSocket implements AutoCloseable
{
    /** {@code TORII_XSK_FRAME_SIZE}: the longest frame a socket carries, in bytes. */
    public static final int FRAME_SIZE = 4096;
    /** UMEM frames when nothing else is configured: half for receiving, half for sending. */
    public static final int DEFAULT_FRAMES = 4096;
    /** {@code TORII_XSK_BIND_COPY}. */
    static final int BIND_COPY = 1;
    /** {@code TORII_XSK_BIND_ZEROCOPY}. */
    static final int BIND_ZEROCOPY = 2;

    private final MemorySegment handle;
    private final XdpProgram program;
    private final int queue;
    private final int fd;
    private final String name;
    private final MemorySegment statistics = Arena.ofAuto().allocate(JAVA_LONG, XskStatistics.COUNT);
    private boolean closed;

    private XskSocket(final MemorySegment handle, final XdpProgram program, final int queue, final String name)
    {
        this.handle = handle;
        this.program = program;
        this.queue = queue;
        this.name = name;
        this.fd = AfXdpLibrary.fd(handle);
    }

    /**
     * Opens a socket on {@code queue} of the program's interface, in the program's namespace, and
     * takes a reference to the program until {@link #close()}.
     *
     * @param program the attached program.
     * @param queue the receive queue, 0 to {@link XdpProgram#maxQueues()} - 1.
     * @param zeroCopy bind with XDP_ZEROCOPY (drivers with AF_XDP zero-copy) instead of XDP_COPY.
     * @param frames UMEM frames, a power of two from 64 to 32768.
     * @return the socket.
     * @throws PortException when the kernel refuses: EOPNOTSUPP (zero-copy on veth), EBUSY (a socket
     *         holds the queue), EINVAL (no such queue).
     * @throws IllegalStateException when the AF_XDP layer is unavailable or the program detached.
     */
    public static XskSocket open(final XdpProgram program, final int queue, final boolean zeroCopy, final int frames)
    {
        AfXdp.requireAvailable();
        if (queue < 0 || queue >= program.maxQueues())
        {
            throw new IllegalArgumentException("queue " + queue + " outside 0.." + (program.maxQueues() - 1));
        }
        if (frames < 64 || frames > 32768 || Integer.bitCount(frames) != 1)
        {
            throw new IllegalArgumentException("UMEM of " + frames + " frames; expected a power of two, 64 to 32768");
        }
        program.retain();
        final String name =
            "xsk:" + program.interfaceName() + "/" + queue + PortHandle.inNamespace(program.namespace());
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment out = arena.allocate(ADDRESS);
            final int result = AfXdpLibrary.open(PortHandle.namespacePath(arena, program.namespace()),
                program.handle(), queue, zeroCopy ? BIND_ZEROCOPY : BIND_COPY, frames, out);
            if (result < 0)
            {
                throw new PortException("cannot bind an AF_XDP socket (" + (zeroCopy ? "zero-copy" : "copy") +
                    ") to " + name, -result, PortHandle.errorText(-result));
            }
            return new XskSocket(out.get(ADDRESS, 0), program, queue, name);
        }
        catch (final RuntimeException ex)
        {
            program.close();
            throw ex;
        }
    }

    /** @return the queue the socket receives from. */
    public int queue()
    {
        return queue;
    }

    /** @return the program it belongs to. */
    public XdpProgram program()
    {
        return program;
    }

    /** @return a description, such as {@code xsk:eth0/0}. */
    public String name()
    {
        return name;
    }

    /**
     * Receives up to {@code count} frames into the buffers of descriptors {@code [0, count)}, setting
     * each one's length. A frame longer than its buffer is dropped and counted
     * ({@link XskStatistics#rxTooLong()}).
     *
     * @return how many arrived, 0 when none waited.
     * @throws IllegalArgumentException for a count outside 1..{@link PortMessageArray#MAX_MESSAGES}.
     */
    public int receive(final PortMessageArray messages, final int count)
    {
        checkBatch(messages, count);
        return AfXdpLibrary.recv(handle, messages.segment(), count);
    }

    /**
     * Sends descriptors {@code [0, count)}, each a whole Ethernet frame of 14 to {@link #FRAME_SIZE}
     * bytes, each given a status: 0, or {@code -EINVAL} (length) or {@code -ENOBUFS} (no free frame).
     *
     * @return how many were queued for the kernel.
     * @throws IllegalArgumentException for a count outside 1..{@link PortMessageArray#MAX_MESSAGES}.
     */
    public int send(final PortMessageArray messages, final int count)
    {
        checkBatch(messages, count);
        return AfXdpLibrary.send(handle, messages.segment(), count);
    }

    /**
     * Blocks until a frame waits or the time is up: for tests and idle strategies that sleep.
     *
     * @param timeoutMillis the longest wait, 0 for none, -1 for ever.
     * @return true when {@link #receive} has something to return.
     */
    public boolean awaitReadable(final int timeoutMillis)
    {
        requireOpen();
        final int result = PortLibrary.poll(fd, timeoutMillis);
        if (result < 0)
        {
            throw PortHandle.exception("cannot poll " + name, -result);
        }
        return result > 0;
    }

    /** @return the kernel's and the shim's loss counters. */
    public XskStatistics statistics()
    {
        requireOpen();
        final int result = AfXdpLibrary.stats(handle, statistics);
        if (result < 0)
        {
            throw PortHandle.exception("cannot read the statistics of " + name, -result);
        }
        return new XskStatistics(stat(0), stat(1), stat(2), stat(3), stat(4), stat(5), stat(6), stat(7));
    }

    /**
     * Reads the loss counters again into this socket's own memory, allocating nothing, for
     * {@link #receiveLosses()} and {@link #transmitInvalid()}. A system call: a worker makes it a few
     * times a second at most, not per burst.
     *
     * @return false when the kernel refused; the counters then keep what the last read left.
     */
    public boolean refreshStatistics()
    {
        requireOpen();
        return AfXdpLibrary.stats(handle, statistics) >= 0;
    }

    /**
     * @return frames lost on receive as of the last read ({@link #refreshStatistics()} or
     *         {@link #statistics()}): the kernel's drops for a full RX ring and for every other reason, and the
     *         shim's frames too long for the caller's buffer. The kernel counts a frame lost to an empty fill
     *         ring in its other drops too, and invalid fill descriptors are not frames: neither is added again.
     */
    public long receiveLosses()
    {
        return stat(0) + stat(3) + stat(6);
    }

    /** @return TX descriptors the kernel refused as invalid, as of the last read. */
    public long transmitInvalid()
    {
        return stat(2);
    }

    /** Closes the socket, frees its UMEM and drops its reference to the program. Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            AfXdpLibrary.close(handle);
            program.close();
        }
    }

    @Override
    public String toString()
    {
        return name + (closed ? " (closed)" : "");
    }

    private long stat(final int index)
    {
        return statistics.getAtIndex(JAVA_LONG, index);
    }

    private void checkBatch(final PortMessageArray messages, final int count)
    {
        requireOpen();
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
        if (closed)
        {
            throw new IllegalStateException(name + " is closed");
        }
    }
}
