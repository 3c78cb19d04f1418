package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The bindings of the DPDK part of {@code include/torii_shim.h} ({@code libtorii_dpdk.so}): one
 * {@code static final MethodHandle} per symbol, and wrappers that check nothing and return what C
 * returns. Callers reach it only through {@link Dpdk} and {@link DpdkEthPort}, which check
 * availability and arguments first. The batch calls are regular downcalls: a virtual device's
 * burst may make a system call (net_af_packet's transmit does).
 */
final class DpdkLibrary
{
    private static final ShimLinker LINKER = new ShimLinker(NativeLibrary.DPDK, Dpdk.lookup());
    private static final FunctionDescriptor BATCH =
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);

    /** {@code int32_t torii_dpdk_eal_init(argv, argc, log, log_len)}. */
    static final MethodHandle EAL_INIT = LINKER.regular("torii_dpdk_eal_init",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code int32_t torii_dpdk_port_open(netns, devargs, exception, queues, ring, mbufs, out, log, log_len)}. */
    static final MethodHandle OPEN = LINKER.regular("torii_dpdk_port_open", FunctionDescriptor.of(
        JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    /** {@code int32_t torii_dpdk_port_mac(const torii_dpdk_port *port, uint8_t *out)}. */
    static final MethodHandle MAC = LINKER.regular("torii_dpdk_port_mac",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int32_t torii_dpdk_recv(port, queue, msgs, count)}. */
    static final MethodHandle RECV = LINKER.regular("torii_dpdk_recv", BATCH);
    /** {@code int32_t torii_dpdk_send(port, queue, msgs, count)}. */
    static final MethodHandle SEND = LINKER.regular("torii_dpdk_send", BATCH);
    /** {@code int32_t torii_dpdk_stats(const torii_dpdk_port *port, uint64_t *out)}. */
    static final MethodHandle STATS = LINKER.regular("torii_dpdk_stats",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    /** {@code void torii_dpdk_port_close(torii_dpdk_port *port)}. */
    static final MethodHandle CLOSE = LINKER.regular("torii_dpdk_port_close", FunctionDescriptor.ofVoid(ADDRESS));

    private DpdkLibrary()
    {
    }

    static int ealInit(final MemorySegment argv, final int argc, final MemorySegment log, final int logLength)
    {
        try
        {
            return (int)EAL_INIT.invokeExact(argv, argc, log, logLength);
        }
        catch (final Throwable t)
        {
            throw failed("torii_dpdk_eal_init", t);
        }
    }

    static int open(
        final MemorySegment netns,
        final MemorySegment devargs,
        final MemorySegment exception,
        final int queues,
        final int ring,
        final int mbufs,
        final MemorySegment out,
        final MemorySegment log,
        final int logLength)
    {
        try
        {
            return (int)OPEN.invokeExact(netns, devargs, exception, queues, ring, mbufs, out, log, logLength);
        }
        catch (final Throwable t)
        {
            throw failed("torii_dpdk_port_open", t);
        }
    }

    static int mac(final MemorySegment port, final MemorySegment out)
    {
        try
        {
            return (int)MAC.invokeExact(port, out);
        }
        catch (final Throwable t)
        {
            throw failed("torii_dpdk_port_mac", t);
        }
    }

    static int recv(final MemorySegment port, final int queue, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)RECV.invokeExact(port, queue, messages, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_dpdk_recv", t);
        }
    }

    static int send(final MemorySegment port, final int queue, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)SEND.invokeExact(port, queue, messages, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_dpdk_send", t);
        }
    }

    static int stats(final MemorySegment port, final MemorySegment out)
    {
        try
        {
            return (int)STATS.invokeExact(port, out);
        }
        catch (final Throwable t)
        {
            throw failed("torii_dpdk_stats", t);
        }
    }

    static void close(final MemorySegment port)
    {
        try
        {
            CLOSE.invokeExact(port);
        }
        catch (final Throwable t)
        {
            throw failed("torii_dpdk_port_close", t);
        }
    }

    private static IllegalStateException failed(final String symbol, final Throwable cause)
    {
        return new IllegalStateException(symbol + " failed", cause);
    }
}
