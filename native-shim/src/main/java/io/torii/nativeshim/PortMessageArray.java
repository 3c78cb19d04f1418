package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A flyweight over an off-heap array of {@link #MAX_MESSAGES} packet descriptors
 * ({@code torii_port_msg} of {@code torii_shim.h}), which the batch calls of {@link PortHandle}
 * hand to the kernel in one downcall. Allocated once per port and reused for every burst;
 * setting a descriptor and reading it back allocate nothing.
 *
 * <p>Each descriptor is one 64-byte cache line; addresses are in network byte order, the rest in
 * host byte order:
 * <pre>
 *    0  buffer address (8)      8  length (4)    12  status (4)
 *   16  peer address (16)      32  local address (16)
 *   48  scope id (4)           52  port (2)      54  flags (2)
 *   56  family (1)             57  hop limit (1) 58  traffic class (1)   59  reserved (5)
 * </pre>
 * For a receive the caller sets buffer and capacity ({@link #buffer(int, long, int)}); the call
 * fills in the length received and, for sockets, the sender (peer, port, family) and what the
 * kernel reported: the address the datagram was sent to, its TTL or hop limit, its TOS or traffic
 * class, and whether it was cut short. For a send the caller sets buffer and length, the
 * destination and, optionally, source address, hop limit and traffic class; the call fills in
 * each packet's status, 0 or a negative errno. IPv4 addresses are ints holding the four bytes
 * big-endian ({@code 192.0.2.1} is {@code 0xC0000201}); IPv6 addresses are two longs, the first
 * eight bytes and the last eight, each big-endian.
 *
 * <p>Every accessor takes the descriptor's index, 0 to {@link #MAX_MESSAGES} - 1, and throws
 * {@link IndexOutOfBoundsException} outside it. {@link #buffer(int, long, int)} checks what a
 * caller can get wrong about a raw address (zero, a length out of range); the memory must stay
 * valid until the batch call returns. Not thread-safe: one per port.
 */
public final class PortMessageArray implements AutoCloseable
{
    /** Descriptors per array, the most one batch call takes ({@code TORII_PORT_MAX_BATCH}). */
    public static final int MAX_MESSAGES = 64;
    /** Bytes per descriptor. */
    public static final int MESSAGE_LENGTH = 64;
    /** Largest buffer length: an IP packet's maximum ({@code TORII_PORT_MAX_LENGTH}). */
    public static final int MAX_LENGTH = 65535;
    /** {@code TORII_PORT_FAMILY_IPV4}: the family of an IPv4 peer. */
    public static final int FAMILY_IPV4 = 4;
    /** {@code TORII_PORT_FAMILY_IPV6}: the family of an IPv6 peer. */
    public static final int FAMILY_IPV6 = 6;

    static final int BUFFER_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int STATUS_OFFSET = 12;
    static final int PEER_OFFSET = 16;
    static final int LOCAL_OFFSET = 32;
    static final int SCOPE_OFFSET = 48;
    static final int PORT_OFFSET = 52;
    static final int FLAGS_OFFSET = 54;
    static final int FAMILY_OFFSET = 56;
    static final int HOP_LIMIT_OFFSET = 57;
    static final int TCLASS_OFFSET = 58;

    /** {@code TORII_PORT_MSG_LOCAL}. */
    static final int FLAG_LOCAL = 1;
    /** {@code TORII_PORT_MSG_HOPLIMIT}. */
    static final int FLAG_HOP_LIMIT = 2;
    /** {@code TORII_PORT_MSG_TCLASS}. */
    static final int FLAG_TRAFFIC_CLASS = 4;
    /** {@code TORII_PORT_MSG_TRUNC}. */
    static final int FLAG_TRUNCATED = 8;

    private static final ValueLayout.OfInt NETWORK_INT = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong NETWORK_LONG = JAVA_LONG.withOrder(ByteOrder.BIG_ENDIAN);

    // An automatic arena: cheaper per access than a shared one (descriptors are written per packet),
    // freed with the array; it holds addresses and lengths only.
    private final MemorySegment messages = Arena.ofAuto().allocate((long)MAX_MESSAGES * MESSAGE_LENGTH,
        MESSAGE_LENGTH);
    private boolean closed;

    /**
     * Allocates the array, zeroed.
     */
    public PortMessageArray()
    {
    }

    /**
     * Resets descriptor {@code index} and points it at a buffer: for a receive, where the packet
     * goes and how much room there is; for a send or write, the bytes to send. The destination and
     * the optional fields are cleared; set them after this.
     *
     * @param index 0 to {@link #MAX_MESSAGES} - 1.
     * @param address native address of the buffer, not 0.
     * @param length its capacity or the bytes to send, 0 to {@link #MAX_LENGTH}.
     * @throws IllegalArgumentException for a zero address or a length out of range.
     */
    public void buffer(final int index, final long address, final int length)
    {
        if (address == 0 || length < 0 || length > MAX_LENGTH)
        {
            throw new IllegalArgumentException("buffer at " + address + " of " + length + " bytes; expected a " +
                "non-zero address and 0 to " + MAX_LENGTH + " bytes");
        }
        final long base = base(index);
        segment().set(JAVA_LONG, base + BUFFER_OFFSET, address);
        segment().set(JAVA_INT, base + LENGTH_OFFSET, length);
        segment().set(JAVA_INT, base + STATUS_OFFSET, 0);
        segment().set(JAVA_INT, base + SCOPE_OFFSET, 0);
        segment().set(JAVA_SHORT, base + PORT_OFFSET, (short)0);
        segment().set(JAVA_SHORT, base + FLAGS_OFFSET, (short)0);
        segment().set(JAVA_BYTE, base + FAMILY_OFFSET, (byte)0);
    }

    /**
     * Points descriptor {@code index} at bytes of a native segment, checking that they lie inside it.
     *
     * @param index 0 to {@link #MAX_MESSAGES} - 1.
     * @param segment native memory.
     * @param offset where the buffer starts in it.
     * @param length the buffer's length, 0 to {@link #MAX_LENGTH}.
     * @throws IllegalArgumentException for a heap or read-only segment or bytes outside it.
     */
    public void buffer(final int index, final MemorySegment segment, final long offset, final int length)
    {
        if (!segment.isNative() || segment.isReadOnly())
        {
            throw new IllegalArgumentException("packet buffers must be native, writable memory: " + segment);
        }
        if (offset < 0 || length < 0 || offset + length > segment.byteSize())
        {
            throw new IllegalArgumentException(length + " bytes at " + offset + " do not fit a segment of " +
                segment.byteSize() + " bytes");
        }
        buffer(index, segment.address() + offset, length);
    }

    /**
     * Sets an IPv4 destination.
     *
     * @param address the address, big-endian in an int.
     * @param port the UDP port, or 0 for raw sockets.
     */
    public void peerIpv4(final int index, final int address, final int port)
    {
        final long base = base(index);
        checkPort(port);
        segment().set(NETWORK_INT, base + PEER_OFFSET, address);
        segment().set(JAVA_SHORT, base + PORT_OFFSET, (short)port);
        segment().set(JAVA_BYTE, base + FAMILY_OFFSET, (byte)FAMILY_IPV4);
    }

    /**
     * Sets an IPv6 destination.
     *
     * @param high the address's first eight bytes, big-endian.
     * @param low its last eight bytes, big-endian.
     * @param scopeId the interface index for a link-local address, else 0.
     * @param port the UDP port, or 0 for raw sockets.
     */
    public void peerIpv6(final int index, final long high, final long low, final int scopeId, final int port)
    {
        final long base = base(index);
        checkPort(port);
        segment().set(NETWORK_LONG, base + PEER_OFFSET, high);
        segment().set(NETWORK_LONG, base + PEER_OFFSET + 8, low);
        segment().set(JAVA_INT, base + SCOPE_OFFSET, scopeId);
        segment().set(JAVA_SHORT, base + PORT_OFFSET, (short)port);
        segment().set(JAVA_BYTE, base + FAMILY_OFFSET, (byte)FAMILY_IPV6);
    }

    /** Sends from this IPv4 source address (it must be one of the host's). */
    public void localIpv4(final int index, final int address)
    {
        final long base = base(index);
        segment().set(NETWORK_INT, base + LOCAL_OFFSET, address);
        addFlag(base, FLAG_LOCAL);
    }

    /** Sends from this IPv6 source address (it must be one of the host's). */
    public void localIpv6(final int index, final long high, final long low)
    {
        final long base = base(index);
        segment().set(NETWORK_LONG, base + LOCAL_OFFSET, high);
        segment().set(NETWORK_LONG, base + LOCAL_OFFSET + 8, low);
        addFlag(base, FLAG_LOCAL);
    }

    /** Sends with this TTL or hop limit, 1 to 255 (the kernel refuses 0). */
    public void hopLimit(final int index, final int hopLimit)
    {
        final long base = base(index);
        segment().set(JAVA_BYTE, base + HOP_LIMIT_OFFSET, (byte)hopLimit);
        addFlag(base, FLAG_HOP_LIMIT);
    }

    /** Sends with this TOS or traffic class byte, ECN bits included. */
    public void trafficClass(final int index, final int trafficClass)
    {
        final long base = base(index);
        segment().set(JAVA_BYTE, base + TCLASS_OFFSET, (byte)trafficClass);
        addFlag(base, FLAG_TRAFFIC_CLASS);
    }

    /** @return the bytes received, or the buffer's length as set. */
    public int length(final int index)
    {
        return segment().get(JAVA_INT, base(index) + LENGTH_OFFSET);
    }

    /** @return after a send or write: 0, or the negative errno that dropped the packet. */
    public int status(final int index)
    {
        return segment().get(JAVA_INT, base(index) + STATUS_OFFSET);
    }

    /** @return {@link #FAMILY_IPV4} or {@link #FAMILY_IPV6} for a datagram received on a socket, else 0. */
    public int family(final int index)
    {
        return segment().get(JAVA_BYTE, base(index) + FAMILY_OFFSET) & 0xFF;
    }

    /** @return the sender's UDP port; 0 on raw sockets. */
    public int port(final int index)
    {
        return segment().get(JAVA_SHORT, base(index) + PORT_OFFSET) & 0xFFFF;
    }

    /** @return the sender's IPv6 scope (interface index), 0 for global addresses. */
    public int scopeId(final int index)
    {
        return segment().get(JAVA_INT, base(index) + SCOPE_OFFSET);
    }

    /** @return the IPv4 sender, big-endian in an int. */
    public int peerIpv4(final int index)
    {
        return segment().get(NETWORK_INT, base(index) + PEER_OFFSET);
    }

    /** @return the IPv6 sender's first eight bytes. */
    public long peerIpv6High(final int index)
    {
        return segment().get(NETWORK_LONG, base(index) + PEER_OFFSET);
    }

    /** @return the IPv6 sender's last eight bytes. */
    public long peerIpv6Low(final int index)
    {
        return segment().get(NETWORK_LONG, base(index) + PEER_OFFSET + 8);
    }

    /** @return true when the kernel said which local address the datagram was sent to. */
    public boolean hasLocal(final int index)
    {
        return (flags(index) & FLAG_LOCAL) != 0;
    }

    /** @return the IPv4 address the datagram was sent to; see {@link #hasLocal}. */
    public int localIpv4(final int index)
    {
        return segment().get(NETWORK_INT, base(index) + LOCAL_OFFSET);
    }

    /** @return the first eight bytes of the IPv6 address the datagram was sent to. */
    public long localIpv6High(final int index)
    {
        return segment().get(NETWORK_LONG, base(index) + LOCAL_OFFSET);
    }

    /** @return the last eight bytes of the IPv6 address the datagram was sent to. */
    public long localIpv6Low(final int index)
    {
        return segment().get(NETWORK_LONG, base(index) + LOCAL_OFFSET + 8);
    }

    /** @return the TTL or hop limit the datagram arrived with, or -1 when the kernel did not say. */
    public int hopLimit(final int index)
    {
        final long base = base(index);
        return (flags(index) & FLAG_HOP_LIMIT) != 0 ? segment().get(JAVA_BYTE, base + HOP_LIMIT_OFFSET) & 0xFF : -1;
    }

    /** @return the TOS or traffic class it arrived with, or -1 when the kernel did not say. */
    public int trafficClass(final int index)
    {
        final long base = base(index);
        return (flags(index) & FLAG_TRAFFIC_CLASS) != 0 ? segment().get(JAVA_BYTE, base + TCLASS_OFFSET) & 0xFF : -1;
    }

    /** @return true when the datagram was longer than the buffer and was cut short. */
    public boolean isTruncated(final int index)
    {
        return (flags(index) & FLAG_TRUNCATED) != 0;
    }

    /** @return {@link #MAX_MESSAGES}. */
    public int capacity()
    {
        return MAX_MESSAGES;
    }

    /** @return the descriptors, refusing access once {@link #close()} ran. */
    MemorySegment segment()
    {
        if (closed)
        {
            throw new IllegalStateException("port message array is closed");
        }
        return messages;
    }

    /** @return false once {@link #close()} ran. */
    public boolean isOpen()
    {
        return !closed;
    }

    /** Frees the array. Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
        }
    }

    private int flags(final int index)
    {
        return segment().get(JAVA_SHORT, base(index) + FLAGS_OFFSET) & 0xFFFF;
    }

    private void addFlag(final long base, final int flag)
    {
        final short flags = segment().get(JAVA_SHORT, base + FLAGS_OFFSET);
        segment().set(JAVA_SHORT, base + FLAGS_OFFSET, (short)(flags | flag));
    }

    private static long base(final int index)
    {
        if (index < 0 || index >= MAX_MESSAGES)
        {
            throw new IndexOutOfBoundsException("message index " + index + " outside 0.." + (MAX_MESSAGES - 1));
        }
        return (long)index * MESSAGE_LENGTH;
    }

    private static void checkPort(final int port)
    {
        if (port < 0 || port > 0xFFFF)
        {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
    }
}
