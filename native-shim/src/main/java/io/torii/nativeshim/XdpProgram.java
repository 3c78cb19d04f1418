package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Torii's XDP program with its XSKMAP, attached to one interface: it steers ESP (IP protocol 50)
 * and ESP in UDP (port 4500 without the non-ESP marker, not a NAT keepalive) to the AF_XDP socket
 * ({@link XskSocket}) of the queue it arrived on, and passes everything else to the kernel, where
 * ARP, neighbour discovery, IKE and the host's own traffic go on as before. The filter itself is
 * in {@code native-shim/src/main/c/afxdp/program.c}.
 *
 * <p>Reference counted, because every socket on the interface needs the program's map: it is
 * attached with one reference; each socket opened on it takes another; {@link #close()} drops one
 * and the last detaches the program. One XDP program per interface: attaching to an interface
 * that has one fails with EBUSY.
 */
public final class XdpProgram implements AutoCloseable
{
    private static final int LOG_LENGTH = 16384;

    private final MemorySegment handle;
    private final String interfaceName;
    private final String namespace;
    private final XdpAttachMode mode;
    private final int maxQueues;
    private final AtomicInteger references = new AtomicInteger(1);

    private XdpProgram(
        final MemorySegment handle, final String interfaceName, final String namespace, final XdpAttachMode mode,
        final int maxQueues)
    {
        this.handle = handle;
        this.interfaceName = interfaceName;
        this.namespace = namespace;
        this.mode = mode;
        this.maxQueues = maxQueues;
    }

    /**
     * @param namespace the network namespace (a name made by {@code ip netns} or a path), or null.
     * @param interfaceName the interface.
     * @return its receive queues as the driver reports them (1 where it does not say).
     * @throws PortException for an interface that does not exist (ENODEV) or a missing namespace.
     * @throws IllegalStateException when the AF_XDP layer is unavailable.
     */
    public static int queueCount(final String namespace, final String interfaceName)
    {
        AfXdp.requireAvailable();
        checkName(interfaceName);
        final int result;
        try (Arena arena = Arena.ofConfined())
        {
            result = AfXdpLibrary.queueCount(PortHandle.namespacePath(arena, namespace),
                arena.allocateFrom(interfaceName));
        }
        if (result < 0)
        {
            throw PortHandle.exception("cannot count the queues of " + interfaceName +
                PortHandle.inNamespace(namespace), -result);
        }
        return result;
    }

    /**
     * Loads the program and attaches it.
     *
     * @param namespace the network namespace, or null for the caller's.
     * @param interfaceName the interface.
     * @param mode where to attach.
     * @param maxQueues entries of the XSKMAP: the highest queue a socket may use, plus one (1 to 4096).
     * @return the attached program.
     * @throws PortException when the kernel refuses: EBUSY (an XDP program is there already), EPERM
     *         (no CAP_BPF/CAP_NET_ADMIN), EINVAL or EOPNOTSUPP (the mode), ENODEV; a refused program
     *         carries the verifier's log in the message.
     * @throws IllegalStateException when the AF_XDP layer is unavailable.
     */
    public static XdpProgram attach(
        final String namespace, final String interfaceName, final XdpAttachMode mode, final int maxQueues)
    {
        AfXdp.requireAvailable();
        checkName(interfaceName);
        if (maxQueues < 1 || maxQueues > 4096)
        {
            throw new IllegalArgumentException("XSKMAP of " + maxQueues + " queues; expected 1 to 4096");
        }
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment out = arena.allocate(ADDRESS);
            final MemorySegment attached = arena.allocate(JAVA_INT);
            final MemorySegment log = arena.allocate(LOG_LENGTH);
            final int result = AfXdpLibrary.attach(PortHandle.namespacePath(arena, namespace),
                arena.allocateFrom(interfaceName), mode.code(), maxQueues, out, attached, log, LOG_LENGTH);
            if (result < 0)
            {
                final String verifier = log.getString(0).strip();
                throw new PortException("cannot attach the XDP program to " + interfaceName + " in mode " + mode +
                    PortHandle.inNamespace(namespace) + (verifier.isEmpty() ? "" : " (verifier: " + verifier + ")"),
                    -result, PortHandle.errorText(-result));
            }
            return new XdpProgram(out.get(ADDRESS, 0), interfaceName, namespace,
                XdpAttachMode.of(attached.get(JAVA_INT, 0)), maxQueues);
        }
    }

    /** @return the mode the program got: {@link XdpAttachMode#NATIVE} or {@link XdpAttachMode#GENERIC}. */
    public XdpAttachMode mode()
    {
        return mode;
    }

    /** @return the interface the program is attached to. */
    public String interfaceName()
    {
        return interfaceName;
    }

    /** @return the namespace given at attach, or null. */
    public String namespace()
    {
        return namespace;
    }

    /** @return the XSKMAP's entries: sockets may use queues 0 to this less one. */
    public int maxQueues()
    {
        return maxQueues;
    }

    /** @return true until the last reference is gone and the program detached. */
    public boolean isAttached()
    {
        return references.get() > 0;
    }

    /** Takes a reference for a socket; fails once the program is detached. */
    void retain()
    {
        if (references.getAndUpdate(count -> count > 0 ? count + 1 : count) <= 0)
        {
            throw new IllegalStateException("XDP program on " + interfaceName + " is detached");
        }
    }

    MemorySegment handle()
    {
        return handle;
    }

    /**
     * Drops a reference; the last detaches the program (only if it is still the one attached) and
     * frees it. Calls beyond the last do nothing.
     */
    @Override
    public void close()
    {
        if (references.getAndUpdate(count -> count > 0 ? count - 1 : 0) == 1)
        {
            AfXdpLibrary.detach(handle);
        }
    }

    @Override
    public String toString()
    {
        return "xdp:" + interfaceName + PortHandle.inNamespace(namespace) + " (" + mode + ")";
    }

    static void checkName(final String interfaceName)
    {
        final byte[] bytes = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length > PortHandle.MAX_INTERFACE_NAME || interfaceName.indexOf('/') >= 0 ||
            interfaceName.indexOf('\0') >= 0 || interfaceName.isBlank())
        {
            throw new IllegalArgumentException("interface name '" + interfaceName + "': expected 1 to " +
                PortHandle.MAX_INTERFACE_NAME + " ASCII characters without '/'");
        }
    }
}
