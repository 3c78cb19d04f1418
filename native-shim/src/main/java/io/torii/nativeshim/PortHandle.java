package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One open packet device of {@code libtorii_shim.so}: a non-blocking UDP or raw IP socket, or a
 * queue of a TUN device, and the batch calls on it. Each batch call is one downcall for up to
 * {@link PortMessageArray#MAX_MESSAGES} packets described by a {@link PortMessageArray}.
 *
 * <p>Opening takes an optional network namespace: {@code null} or empty for the caller's, a name
 * that {@code ip netns} made (looked up under {@link #NETNS_DIRECTORY}), or the absolute path of
 * a namespace file such as {@code /proc/PID/ns/net}. The socket or queue lives in that namespace
 * for good; the calling thread is back in its own before the call returns. Set-up failures throw
 * {@link PortException} with the errno; the batch calls never throw for what the kernel says,
 * they return it.
 *
 * <p>Not thread-safe: a handle belongs to one port, used by one worker.
 */
public final class PortHandle implements AutoCloseable
{
    /** Where {@code ip netns add NAME} puts the namespace file {@code NAME}. */
    public static final String NETNS_DIRECTORY = "/run/netns/";
    /** Longest interface name, in bytes ({@code TORII_PORT_IFNAMSIZ} less the NUL). */
    public static final int MAX_INTERFACE_NAME = 15;

    /** {@code TORII_PORT_OPT_REUSEADDR}. */
    static final int OPT_REUSEADDR = 1;
    /** {@code TORII_PORT_OPT_MULTI_QUEUE}. */
    static final int OPT_MULTI_QUEUE = 2;
    /** {@code TORII_PORT_OPT_UP}. */
    static final int OPT_UP = 4;

    private static final int IFNAMSIZ = MAX_INTERFACE_NAME + 1;
    private static final int ERROR_TEXT_LENGTH = 128;

    private final int fd;
    private final String name;
    private boolean closed;

    private PortHandle(final int fd, final String name)
    {
        this.fd = fd;
        this.name = name;
    }

    /**
     * Opens a UDP socket bound to {@code local}; IPv6 sockets are IPv6-only. Receiving reports each
     * datagram's destination address, TTL or hop limit and TOS or traffic class.
     *
     * @param namespace the network namespace, or null for the caller's.
     * @param local the address (the wildcard for all of the host's) and port (0: the kernel picks).
     * @param receiveBuffer SO_RCVBUF in bytes, or 0 for the system default.
     * @param sendBuffer SO_SNDBUF in bytes, or 0 for the system default.
     * @param reuseAddress whether to set SO_REUSEADDR.
     * @return the open socket.
     * @throws IllegalArgumentException for an unresolved address or negative buffer sizes.
     * @throws PortException when the kernel refuses (EADDRINUSE, EADDRNOTAVAIL, ENOENT for a namespace).
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public static PortHandle openUdp(
        final String namespace,
        final InetSocketAddress local,
        final int receiveBuffer,
        final int sendBuffer,
        final boolean reuseAddress)
    {
        requireShim();
        if (local.isUnresolved())
        {
            throw new IllegalArgumentException("unresolved address " + local + "; give an IP address literal");
        }
        checkBuffers(receiveBuffer, sendBuffer);
        final InetAddress address = local.getAddress();
        final String name = "udp " + describe(address, local.getPort()) + inNamespace(namespace);
        final int result;
        try (Arena arena = Arena.ofConfined())
        {
            result = PortLibrary.udpOpen(namespacePath(arena, namespace), family(address),
                arena.allocateFrom(JAVA_BYTE, address.getAddress()), scopeId(address), local.getPort(), receiveBuffer,
                sendBuffer, reuseAddress ? OPT_REUSEADDR : 0);
        }
        return opened(result, "cannot open " + name);
    }

    /**
     * Opens a raw IP socket for one protocol, bound to {@code local} unless it is the wildcard. IPv4
     * sockets deliver and take whole packets (IP_HDRINCL): the kernel fills in only the total length
     * and header checksum, and the identification and source address when they are zero. IPv6
     * sockets deliver and take the payload after the IPv6 header, and report each packet's
     * destination address, hop limit and traffic class.
     *
     * @param namespace the network namespace, or null for the caller's.
     * @param local the address to bind to, or the wildcard of its family.
     * @param protocol the IP protocol, 1 to 254 (50 for ESP, 51 for AH).
     * @param receiveBuffer SO_RCVBUF in bytes, or 0 for the system default.
     * @param sendBuffer SO_SNDBUF in bytes, or 0 for the system default.
     * @return the open socket.
     * @throws IllegalArgumentException for a protocol out of range or negative buffer sizes.
     * @throws PortException when the kernel refuses (EPERM without CAP_NET_RAW).
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public static PortHandle openRaw(
        final String namespace,
        final InetAddress local,
        final int protocol,
        final int receiveBuffer,
        final int sendBuffer)
    {
        requireShim();
        if (protocol < 1 || protocol > 254)
        {
            throw new IllegalArgumentException("IP protocol " + protocol + " outside 1..254");
        }
        checkBuffers(receiveBuffer, sendBuffer);
        final String name = "raw " + describe(local, -1) + " protocol " + protocol + inNamespace(namespace);
        final int result;
        try (Arena arena = Arena.ofConfined())
        {
            result = PortLibrary.rawOpen(namespacePath(arena, namespace), family(local), protocol,
                arena.allocateFrom(JAVA_BYTE, local.getAddress()), scopeId(local), receiveBuffer, sendBuffer, 0);
        }
        return opened(result, "cannot open " + name);
    }

    /**
     * Opens a queue of a TUN device without packet information (IFF_TUN | IFF_NO_PI), creating the
     * interface or attaching to an existing one. A device this creates goes away when its last
     * queue closes.
     *
     * @param namespace the network namespace, or null for the caller's.
     * @param interfaceName the name, 1 to {@link #MAX_INTERFACE_NAME} bytes; one {@code %d} lets the
     *        kernel number it ({@code torii%d}).
     * @param multiQueue IFF_MULTI_QUEUE: every queue of the device must be opened with it.
     * @param mtu the MTU to set, or 0 to leave it.
     * @param up whether to bring the link up.
     * @return the open queue; {@link #name()} is the interface's name.
     * @throws IllegalArgumentException for a name that is empty, too long or has a slash or white space.
     * @throws PortException when the kernel refuses (EPERM without CAP_NET_ADMIN, EINVAL for a
     *         device that is not a TUN or differs in multi-queue mode, EBUSY for a single-queue
     *         device already open).
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public static PortHandle openTun(
        final String namespace,
        final String interfaceName,
        final boolean multiQueue,
        final int mtu,
        final boolean up)
    {
        requireShim();
        final byte[] nameBytes = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length == 0 || nameBytes.length > MAX_INTERFACE_NAME || !isInterfaceName(interfaceName))
        {
            throw new IllegalArgumentException("interface name '" + interfaceName + "': expected 1 to " +
                MAX_INTERFACE_NAME + " ASCII characters without '/', ':' or white space");
        }
        if (mtu < 0)
        {
            throw new IllegalArgumentException("MTU " + mtu + " is negative; 0 leaves it as it is");
        }
        final int options = (multiQueue ? OPT_MULTI_QUEUE : 0) | (up ? OPT_UP : 0);
        final int result;
        final String actual;
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment nameOut = arena.allocate(IFNAMSIZ);
            result = PortLibrary.tunOpen(
                namespacePath(arena, namespace), arena.allocateFrom(interfaceName), options, mtu, nameOut);
            actual = nameOut.getString(0);
        }
        if (result < 0)
        {
            throw exception("cannot open TUN " + interfaceName + inNamespace(namespace), -result);
        }
        return new PortHandle(result, actual);
    }

    /** @return the TUN interface's name, or a description of the socket ({@code udp 192.0.2.1:4500}). */
    public String name()
    {
        return name;
    }

    /**
     * @return the port the socket is bound to; useful after binding to port 0.
     * @throws PortException when this is not a socket.
     */
    public int localPort()
    {
        requireOpen();
        final int result = PortLibrary.localPort(fd);
        if (result < 0)
        {
            throw exception("cannot read the local port of " + name, -result);
        }
        return result;
    }

    /** @return SO_RCVBUF as the kernel reports it (twice what was set, for its bookkeeping). */
    public int receiveBufferSize()
    {
        return bufferSize(0);
    }

    /** @return SO_SNDBUF as the kernel reports it. */
    public int sendBufferSize()
    {
        return bufferSize(1);
    }

    /**
     * Receives up to {@code count} datagrams (recvmmsg) into the buffers of descriptors
     * {@code [0, count)}.
     *
     * @return how many arrived (0 when none was waiting), or a negative errno.
     * @throws IllegalArgumentException for a count outside 1..{@link PortMessageArray#MAX_MESSAGES}.
     * @throws IllegalStateException when this handle or the array is closed.
     */
    public int receive(final PortMessageArray messages, final int count)
    {
        checkBatch(messages, count);
        return PortLibrary.recv(fd, messages.segment(), count);
    }

    /**
     * Sends descriptors {@code [0, count)} (sendmmsg), each given a status: 0, or the negative
     * errno that dropped it.
     *
     * @return how many were sent, or a negative errno when none could be.
     * @throws IllegalArgumentException for a count outside 1..{@link PortMessageArray#MAX_MESSAGES}.
     * @throws IllegalStateException when this handle or the array is closed.
     */
    public int send(final PortMessageArray messages, final int count)
    {
        checkBatch(messages, count);
        return PortLibrary.send(fd, messages.segment(), count);
    }

    /**
     * Reads up to {@code count} packets from a TUN queue, stopping when it is empty.
     *
     * @return how many were read, or a negative errno.
     * @throws IllegalArgumentException for a count outside 1..{@link PortMessageArray#MAX_MESSAGES}.
     * @throws IllegalStateException when this handle or the array is closed.
     */
    public int read(final PortMessageArray messages, final int count)
    {
        checkBatch(messages, count);
        return PortLibrary.tunRead(fd, messages.segment(), count);
    }

    /**
     * Writes descriptors {@code [0, count)} to a TUN queue, each given a status.
     *
     * @return how many were written, or a negative errno when none could be.
     * @throws IllegalArgumentException for a count outside 1..{@link PortMessageArray#MAX_MESSAGES}.
     * @throws IllegalStateException when this handle or the array is closed.
     */
    public int write(final PortMessageArray messages, final int count)
    {
        checkBatch(messages, count);
        return PortLibrary.tunWrite(fd, messages.segment(), count);
    }

    /**
     * Blocks until there is something to receive or read, or the time is up.
     *
     * @param timeoutMillis the longest wait, 0 for none, -1 for ever.
     * @return true when readable.
     * @throws PortException when poll fails.
     */
    public boolean awaitReadable(final int timeoutMillis)
    {
        requireOpen();
        if (timeoutMillis < -1)
        {
            throw new IllegalArgumentException("timeout " + timeoutMillis + " ms; expected -1 or more");
        }
        final int result = PortLibrary.poll(fd, timeoutMillis);
        if (result < 0)
        {
            throw exception("cannot poll " + name, -result);
        }
        return result > 0;
    }

    /** @return false once {@link #close()} ran. */
    public boolean isOpen()
    {
        return !closed;
    }

    /** Closes the socket or queue. Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            PortLibrary.close(fd);
        }
    }

    /**
     * @param errno an errno, positive or negative.
     * @return the C library's text for it, such as "Address already in use".
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public static String errorText(final int errno)
    {
        requireShim();
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment buffer = arena.allocate(ERROR_TEXT_LENGTH);
            PortLibrary.strerror(errno, buffer, ERROR_TEXT_LENGTH);
            return buffer.getString(0);
        }
    }

    @Override
    public String toString()
    {
        return name + (closed ? " (closed)" : "");
    }

    /** The file descriptor, for tests of the C side's own checks. */
    int fd()
    {
        return fd;
    }

    private int bufferSize(final int send)
    {
        requireOpen();
        final int result = PortLibrary.bufferSize(fd, send);
        if (result < 0)
        {
            throw exception("cannot read the buffer size of " + name, -result);
        }
        return result;
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
            throw new IllegalArgumentException("batch of " + count + " packets; expected 1 to " +
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

    private static PortHandle opened(final int result, final String what)
    {
        if (result < 0)
        {
            throw exception(what, -result);
        }
        return new PortHandle(result, what.substring("cannot open ".length()));
    }

    static PortException exception(final String what, final int errno)
    {
        return new PortException(what, errno, errorText(errno));
    }

    private static void requireShim()
    {
        if (!NativeShim.isAvailable())
        {
            throw new IllegalStateException("packet ports need the native shim: " + NativeShim.status());
        }
    }

    private static void checkBuffers(final int receiveBuffer, final int sendBuffer)
    {
        if (receiveBuffer < 0 || sendBuffer < 0)
        {
            throw new IllegalArgumentException("socket buffers " + receiveBuffer + "/" + sendBuffer +
                " bytes; expected 0 (system default) or more");
        }
    }

    static MemorySegment namespacePath(final Arena arena, final String namespace)
    {
        if (namespace == null || namespace.isEmpty())
        {
            return MemorySegment.NULL;
        }
        if (namespace.indexOf('\0') >= 0 || (!namespace.startsWith("/") && namespace.indexOf('/') >= 0))
        {
            throw new IllegalArgumentException("namespace '" + namespace + "': expected a name made by ip netns " +
                "or an absolute path");
        }
        return arena.allocateFrom(namespace.startsWith("/") ? namespace : NETNS_DIRECTORY + namespace);
    }

    static String inNamespace(final String namespace)
    {
        return namespace == null || namespace.isEmpty() ? "" : " in namespace " + namespace;
    }

    private static int family(final InetAddress address)
    {
        return address instanceof Inet6Address ? PortMessageArray.FAMILY_IPV6 : PortMessageArray.FAMILY_IPV4;
    }

    private static int scopeId(final InetAddress address)
    {
        return address instanceof final Inet6Address v6 ? v6.getScopeId() : 0;
    }

    private static String describe(final InetAddress address, final int port)
    {
        final String host = address.getHostAddress();
        final String shown = address instanceof Inet6Address ? "[" + host + "]" : host;
        return port < 0 ? shown : shown + ":" + port;
    }

    private static boolean isInterfaceName(final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '/' || c == ':')
            {
                return false;
            }
        }
        return true;
    }
}
