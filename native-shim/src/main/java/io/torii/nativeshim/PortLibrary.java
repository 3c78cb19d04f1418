package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The bindings of the packet-port part of {@code include/torii_shim.h} ({@code torii_port_*} in
 * {@code libtorii_shim.so}): one {@code static final MethodHandle} per symbol. All are bound as
 * regular calls, never critical: they are system calls, a burst of them for the batch calls, and
 * {@code torii_port_poll} blocks.
 *
 * <p>Touching this class binds the symbols; callers reach it only through {@link PortHandle},
 * which checks that the shim is available and checks every argument first. The wrappers below
 * check nothing and return what C returns: a count, a file descriptor or a negative errno.
 */
final class PortLibrary
{
    private static final ShimLinker LINKER = new ShimLinker(NativeLibrary.SHIM, NativeShim.lookup());
    private static final FunctionDescriptor BATCH = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);

    /** {@code int32_t torii_port_udp_open(netns, family, address, scope_id, port, rcvbuf, sndbuf, options)}. */
    static final MethodHandle UDP_OPEN = LINKER.regular("torii_port_udp_open", FunctionDescriptor.of(
        JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int32_t torii_port_raw_open(netns, family, protocol, address, scope_id, rcvbuf, sndbuf, options)}. */
    static final MethodHandle RAW_OPEN = LINKER.regular("torii_port_raw_open", FunctionDescriptor.of(
        JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int32_t torii_port_local_port(int32_t fd)}. */
    static final MethodHandle LOCAL_PORT =
        LINKER.regular("torii_port_local_port", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** {@code int32_t torii_port_buffer_size(int32_t fd, int32_t send)}. */
    static final MethodHandle BUFFER_SIZE =
        LINKER.regular("torii_port_buffer_size", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int32_t torii_port_recv(int32_t fd, torii_port_msg *msgs, uint32_t count)}. */
    static final MethodHandle RECV = LINKER.regular("torii_port_recv", BATCH);
    /** {@code int32_t torii_port_send(int32_t fd, torii_port_msg *msgs, uint32_t count)}. */
    static final MethodHandle SEND = LINKER.regular("torii_port_send", BATCH);
    /** {@code int32_t torii_port_tun_open(netns, name, options, mtu, name_out)}. */
    static final MethodHandle TUN_OPEN = LINKER.regular("torii_port_tun_open", FunctionDescriptor.of(
        JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    /** {@code int32_t torii_port_tun_read(int32_t fd, torii_port_msg *msgs, uint32_t count)}. */
    static final MethodHandle TUN_READ = LINKER.regular("torii_port_tun_read", BATCH);
    /** {@code int32_t torii_port_tun_write(int32_t fd, torii_port_msg *msgs, uint32_t count)}. */
    static final MethodHandle TUN_WRITE = LINKER.regular("torii_port_tun_write", BATCH);
    /** {@code int32_t torii_port_poll(int32_t fd, int32_t timeout_ms)}. */
    static final MethodHandle POLL =
        LINKER.regular("torii_port_poll", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int32_t torii_port_close(int32_t fd)}. */
    static final MethodHandle CLOSE = LINKER.regular("torii_port_close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** {@code int32_t torii_port_strerror(int32_t error, char *buf, uint32_t len)}. */
    static final MethodHandle STRERROR =
        LINKER.regular("torii_port_strerror", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

    private PortLibrary()
    {
    }

    static int udpOpen(
        final MemorySegment netns,
        final int family,
        final MemorySegment address,
        final int scopeId,
        final int port,
        final int receiveBuffer,
        final int sendBuffer,
        final int options)
    {
        try
        {
            return (int)UDP_OPEN.invokeExact(netns, family, address, scopeId, port, receiveBuffer, sendBuffer, options);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_udp_open", t);
        }
    }

    static int rawOpen(
        final MemorySegment netns,
        final int family,
        final int protocol,
        final MemorySegment address,
        final int scopeId,
        final int receiveBuffer,
        final int sendBuffer,
        final int options)
    {
        try
        {
            return (int)RAW_OPEN.invokeExact(
                netns, family, protocol, address, scopeId, receiveBuffer, sendBuffer, options);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_raw_open", t);
        }
    }

    static int localPort(final int fd)
    {
        try
        {
            return (int)LOCAL_PORT.invokeExact(fd);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_local_port", t);
        }
    }

    static int bufferSize(final int fd, final int send)
    {
        try
        {
            return (int)BUFFER_SIZE.invokeExact(fd, send);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_buffer_size", t);
        }
    }

    static int recv(final int fd, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)RECV.invokeExact(fd, messages, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_recv", t);
        }
    }

    static int send(final int fd, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)SEND.invokeExact(fd, messages, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_send", t);
        }
    }

    static int tunOpen(
        final MemorySegment netns,
        final MemorySegment name,
        final int options,
        final int mtu,
        final MemorySegment nameOut)
    {
        try
        {
            return (int)TUN_OPEN.invokeExact(netns, name, options, mtu, nameOut);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_tun_open", t);
        }
    }

    static int tunRead(final int fd, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)TUN_READ.invokeExact(fd, messages, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_tun_read", t);
        }
    }

    static int tunWrite(final int fd, final MemorySegment messages, final int count)
    {
        try
        {
            return (int)TUN_WRITE.invokeExact(fd, messages, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_tun_write", t);
        }
    }

    static int poll(final int fd, final int timeoutMillis)
    {
        try
        {
            return (int)POLL.invokeExact(fd, timeoutMillis);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_poll", t);
        }
    }

    static int close(final int fd)
    {
        try
        {
            return (int)CLOSE.invokeExact(fd);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_close", t);
        }
    }

    static int strerror(final int error, final MemorySegment buffer, final int length)
    {
        try
        {
            return (int)STRERROR.invokeExact(error, buffer, length);
        }
        catch (final Throwable t)
        {
            throw failed("torii_port_strerror", t);
        }
    }

    private static IllegalStateException failed(final String symbol, final Throwable cause)
    {
        return new IllegalStateException(symbol + " failed", cause);
    }
}
