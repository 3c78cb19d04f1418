package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The bindings of the AF_XDP part of {@code include/torii_shim.h} ({@code libtorii_afxdp.so}): one
 * {@code static final MethodHandle} per symbol, and wrappers that check nothing and return what C
 * returns. Callers reach it only through {@link XdpProgram} and {@link XskSocket}, which check
 * availability and arguments first. The batch calls are regular downcalls: {@code torii_xsk_send}
 * makes a {@code sendto} system call to kick the kernel.
 */
final class AfXdpLibrary
{
    private static final ShimLinker LINKER = new ShimLinker(NativeLibrary.AFXDP, AfXdp.lookup());
    private static final FunctionDescriptor BATCH = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);

    /** {@code int32_t torii_afxdp_queue_count(netns, name)}. */
    static final MethodHandle QUEUE_COUNT = LINKER.regular("torii_afxdp_queue_count",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int32_t torii_xdp_attach(netns, name, mode, max_queues, out, attached_mode, log, log_len)}. */
    static final MethodHandle ATTACH = LINKER.regular("torii_xdp_attach", FunctionDescriptor.of(
        JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
    /** {@code int32_t torii_xdp_detach(torii_xdp_prog *prog)}. */
    static final MethodHandle DETACH = LINKER.regular("torii_xdp_detach", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** {@code int32_t torii_xsk_open(netns, prog, queue, bind, frames, out)}. */
    static final MethodHandle OPEN = LINKER.regular("torii_xsk_open", FunctionDescriptor.of(
        JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    /** {@code int32_t torii_xsk_fd(const torii_xsk *xsk)}. */
    static final MethodHandle FD = LINKER.regular("torii_xsk_fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** {@code int32_t torii_xsk_recv(torii_xsk *xsk, torii_port_msg *msgs, uint32_t count)}. */
    static final MethodHandle RECV = LINKER.regular("torii_xsk_recv", BATCH);
    /** {@code int32_t torii_xsk_send(torii_xsk *xsk, torii_port_msg *msgs, uint32_t count)}. */
    static final MethodHandle SEND = LINKER.regular("torii_xsk_send", BATCH);
    /** {@code int32_t torii_xsk_stats(const torii_xsk *xsk, uint64_t *out)}. */
    static final MethodHandle STATS = LINKER.regular("torii_xsk_stats",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code void torii_xsk_close(torii_xsk *xsk)}. */
    static final MethodHandle CLOSE = LINKER.regular("torii_xsk_close", FunctionDescriptor.ofVoid(ADDRESS));

    private AfXdpLibrary()
    {
    }

    static int queueCount(final MemorySegment netns, final MemorySegment name)
    {
        try
        {
            return (int)QUEUE_COUNT.invokeExact(netns, name);
        }
        catch (final Throwable t)
        {
            throw failed("torii_afxdp_queue_count", t);
        }
    }

    static int attach(
        final MemorySegment netns,
        final MemorySegment name,
        final int mode,
        final int maxQueues,
        final MemorySegment out,
        final MemorySegment attachedMode,
        final MemorySegment log,
        final int logLength)
    {
        try
        {
            return (int)ATTACH.invokeExact(netns, name, mode, maxQueues, out, attachedMode, log, logLength);
        }
        catch (final Throwable t)
        {
            throw failed("torii_xdp_attach", t);
        }
    }

    static int detach(final MemorySegment program)
    {
        try
        {
            return (int)DETACH.invokeExact(program);
        }
        catch (final Throwable t)
        {
            throw failed("torii_xdp_detach", t);
        }
    }

    static int open(
        final MemorySegment netns,
        final MemorySegment program,
        final int queue,
        final int bind,
        final int frames,
        final MemorySegment out)
    {
        try
        {
            return (int)OPEN.invokeExact(netns, program, queue, bind, frames, out);
        }
        catch (final Throwable t)
        {
            throw failed("torii_xsk_open", t);
        }
    }

    static int fd(final MemorySegment socket)
    {
        try
        {
            return (int)FD.invokeExact(socket);
        }
        catch (final Throwable t)
        {
            throw failed("torii_xsk_fd", t);
        }
    }

    static int recv(final MemorySegment socket, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)RECV.invokeExact(socket, messages, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_xsk_recv", t);
        }
    }

    static int send(final MemorySegment socket, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)SEND.invokeExact(socket, messages, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_xsk_send", t);
        }
    }

    static int stats(final MemorySegment socket, final MemorySegment out)
    {
        try
        {
            return (int)STATS.invokeExact(socket, out);
        }
        catch (final Throwable t)
        {
            throw failed("torii_xsk_stats", t);
        }
    }

    static void close(final MemorySegment socket)
    {
        try
        {
            CLOSE.invokeExact(socket);
        }
        catch (final Throwable t)
        {
            throw failed("torii_xsk_close", t);
        }
    }

    private static IllegalStateException failed(final String symbol, final Throwable cause)
    {
        return new IllegalStateException(symbol + " failed", cause);
    }
}
