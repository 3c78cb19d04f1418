package io.torii.dataplane.spd;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * One side of a policy's selectors (RFC 4301 §4.4.1.1): an IPv4 or IPv6 address range, a protocol
 * (0 for any) and a port range. Immutable and validated: a selector that exists is one the table can
 * match.
 *
 * <p>Ports follow RFC 7296 §3.13.1 and strongSwan: {@code 0-65535} is any port, the inverted range
 * {@code 65535-0} is OPAQUE (matches only packets whose ports cannot be read, such as non-first
 * fragments), and for ICMP and ICMPv6 the 16-bit value is the message type in the high byte and
 * the code in the low byte, so echo requests of any code are {@code [icmp/2048-2303]}. A port range
 * needs a protocol that has ports or a type and code.
 *
 * <p>A dynamic selector stands for "the SA's own address", which is known only when the SA is; it
 * must be {@link #resolve resolved} before it goes into a {@link PolicyTable}.
 *
 * <p>Addresses are held as two unsigned 64-bit halves (IPv4 in the low 32 bits of the low half),
 * the form the table compares without allocating.
 */
public final class TrafficSelector
{
    /** Protocol number meaning any protocol. */
    public static final int ANY_PROTOCOL = 0;
    /** Lowest port of the any-port range. */
    public static final int MIN_PORT = 0;
    /** Highest port of the any-port range, and the start of the OPAQUE range. */
    public static final int MAX_PORT = 0xFFFF;
    /** {@link #family()} of a dynamic selector. */
    public static final int DYNAMIC = 0;

    private final int family;
    private final long startHigh;
    private final long startLow;
    private final long endHigh;
    private final long endLow;
    private final int protocol;
    private final int fromPort;
    private final int toPort;

    TrafficSelector(
        final int family,
        final long startHigh,
        final long startLow,
        final long endHigh,
        final long endLow,
        final int protocol,
        final int fromPort,
        final int toPort)
    {
        if (protocol < 0 || protocol > 255)
        {
            throw new IllegalArgumentException("protocol must be 0 (any) to 255, got " + protocol);
        }
        if (fromPort < MIN_PORT || fromPort > MAX_PORT || toPort < MIN_PORT || toPort > MAX_PORT)
        {
            throw new IllegalArgumentException("ports must be 0 to 65535, got " + fromPort + "-" + toPort);
        }
        final boolean anyPort = fromPort == MIN_PORT && toPort == MAX_PORT;
        final boolean opaque = fromPort == MAX_PORT && toPort == MIN_PORT;
        if (!anyPort && !opaque && fromPort > toPort)
        {
            throw new IllegalArgumentException("port range " + fromPort + "-" + toPort + " runs backwards; only " +
                "65535-0 (opaque) may");
        }
        if (!anyPort && !SelectorProtocols.hasPorts(protocol) && !SelectorProtocols.isIcmp(protocol))
        {
            throw new IllegalArgumentException("a port restriction needs a protocol with ports (tcp, udp, dccp, " +
                "sctp, udplite) or a type and code (icmp, ipv6-icmp), got protocol " +
                (protocol == ANY_PROTOCOL ? "any" : SelectorProtocols.name(protocol)));
        }
        if (family != DYNAMIC && compare(startHigh, startLow, endHigh, endLow) > 0)
        {
            throw new IllegalArgumentException("address range starts after it ends");
        }
        this.family = family;
        this.startHigh = startHigh;
        this.startLow = startLow;
        this.endHigh = endHigh;
        this.endLow = endLow;
        this.protocol = protocol;
        this.fromPort = fromPort;
        this.toPort = toPort;
    }

    /**
     * Parses one selector in swanctl.conf syntax: {@code 10.1.0.0/24}, {@code 10.1.0.5},
     * {@code 10.1.0.1-10.1.0.9}, {@code 2001:db8::/64}, {@code dynamic}, each optionally followed by
     * {@code [proto]}, {@code [proto/port]} or {@code [proto/from-to]}, where proto is a name, a
     * number or {@code any}, and port is a number, a range, {@code any} or {@code opaque}. Host bits
     * set under a prefix are cleared, as strongSwan does. No name is looked up.
     *
     * @param text the selector.
     * @return the selector.
     * @throws IllegalArgumentException naming the text and what was expected.
     */
    public static TrafficSelector parse(final String text)
    {
        return TrafficSelectorParser.parse(text);
    }

    /**
     * Parses a comma-separated list of selectors, as {@code local_ts} and {@code remote_ts} hold;
     * blanks around each selector are ignored.
     *
     * @param text the list.
     * @return the selectors in order, at least one.
     * @throws IllegalArgumentException naming the faulty selector and what was expected.
     */
    public static List<TrafficSelector> parseList(final String text)
    {
        return TrafficSelectorParser.parseList(text);
    }

    /**
     * @param start the first address.
     * @param end the last address, of the same family, not before start.
     * @param protocol the protocol, or {@link #ANY_PROTOCOL}.
     * @param fromPort the first port (or ICMP type and code).
     * @param toPort the last.
     * @return the selector.
     */
    public static TrafficSelector ofRange(
        final InetAddress start, final InetAddress end, final int protocol, final int fromPort, final int toPort)
    {
        final byte[] first = start.getAddress();
        final byte[] last = end.getAddress();
        if (first.length != last.length)
        {
            throw new IllegalArgumentException("range " + start.getHostAddress() + "-" + end.getHostAddress() +
                " mixes IPv4 and IPv6");
        }
        return new TrafficSelector(familyOf(first), high(first), low(first), high(last), low(last),
            protocol, fromPort, toPort);
    }

    /**
     * @param address an address in the subnet; host bits are cleared.
     * @param prefixLength 0 to 32 for IPv4, 0 to 128 for IPv6.
     * @param protocol the protocol, or {@link #ANY_PROTOCOL}.
     * @param fromPort the first port (or ICMP type and code).
     * @param toPort the last.
     * @return the selector.
     */
    public static TrafficSelector ofSubnet(
        final InetAddress address, final int prefixLength, final int protocol, final int fromPort, final int toPort)
    {
        return ofSubnet(address.getAddress(), prefixLength, protocol, fromPort, toPort);
    }

    static TrafficSelector ofSubnet(
        final byte[] bytes, final int prefixLength, final int protocol, final int fromPort, final int toPort)
    {
        final int bits = bytes.length * 8;
        if (prefixLength < 0 || prefixLength > bits)
        {
            throw new IllegalArgumentException("prefix length must be 0 to " + bits + ", got " + prefixLength);
        }
        final long hostHigh = hostMask(prefixLength, bits, true);
        final long hostLow = hostMask(prefixLength, bits, false);
        final long high = high(bytes);
        final long low = low(bytes);
        return new TrafficSelector(familyOf(bytes), high & ~hostHigh, low & ~hostLow, high | hostHigh,
            low | hostLow, protocol, fromPort, toPort);
    }

    /**
     * @param protocol the protocol, or {@link #ANY_PROTOCOL}.
     * @param fromPort the first port (or ICMP type and code).
     * @param toPort the last.
     * @return a selector for the SA's own address, to be {@link #resolve resolved} later.
     */
    public static TrafficSelector dynamic(final int protocol, final int fromPort, final int toPort)
    {
        return new TrafficSelector(DYNAMIC, 0, 0, 0, 0, protocol, fromPort, toPort);
    }

    /**
     * The host bits of a prefix, as a mask over one 64-bit half of the address.
     */
    private static long hostMask(final int prefixLength, final int bits, final boolean highHalf)
    {
        if (bits == 32)
        {
            return highHalf ? 0 : prefixLength == 0 ? 0xFFFF_FFFFL : (1L << (32 - prefixLength)) - 1;
        }
        final int hostBits = 128 - prefixLength;
        if (highHalf)
        {
            return hostBits <= 64 ? 0 : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
        }
        return hostBits >= 64 ? -1L : (1L << hostBits) - 1;
    }

    private static int familyOf(final byte[] bytes)
    {
        return bytes.length == 4 ? 4 : 6;
    }

    private static long high(final byte[] bytes)
    {
        return bytes.length == 4 ? 0 : word(bytes, 0);
    }

    private static long low(final byte[] bytes)
    {
        return bytes.length == 4 ? word(bytes, 0) >>> 32 : word(bytes, 8);
    }

    /** Reads up to 8 bytes big-endian from {@code at}, left-aligned in the result. */
    private static long word(final byte[] bytes, final int at)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = value << 8 | (at + i < bytes.length ? bytes[at + i] & 0xFF : 0);
        }
        return value;
    }

    /**
     * Compares two addresses as unsigned 128-bit numbers.
     *
     * @return negative, zero or positive as the first is below, equal to or above the second.
     */
    static int compare(final long highA, final long lowA, final long highB, final long lowB)
    {
        final int high = Long.compareUnsigned(highA, highB);
        return high != 0 ? high : Long.compareUnsigned(lowA, lowB);
    }

    /**
     * @param address this host's or the peer's address for the SA.
     * @return this selector if it is not dynamic, otherwise one for exactly that address with the
     *         same protocol and ports.
     */
    public TrafficSelector resolve(final InetAddress address)
    {
        Objects.requireNonNull(address, "address");
        if (family != DYNAMIC)
        {
            return this;
        }
        final byte[] bytes = address.getAddress();
        return ofSubnet(bytes, bytes.length * 8, protocol, fromPort, toPort);
    }

    /** @return true for a dynamic selector, which stands for an address not yet known. */
    public boolean isDynamic()
    {
        return family == DYNAMIC;
    }

    /** @return 4 or 6, or {@link #DYNAMIC}. */
    public int family()
    {
        return family;
    }

    /** @return the first address of the range. */
    public InetAddress start()
    {
        return address(startHigh, startLow);
    }

    /** @return the last address of the range. */
    public InetAddress end()
    {
        return address(endHigh, endLow);
    }

    /** @return the protocol number, {@link #ANY_PROTOCOL} for any. */
    public int protocol()
    {
        return protocol;
    }

    /** @return the first port, or ICMP type and code. */
    public int fromPort()
    {
        return fromPort;
    }

    /** @return the last port, or ICMP type and code. */
    public int toPort()
    {
        return toPort;
    }

    /** @return true when any port matches, known or not. */
    public boolean isAnyPort()
    {
        return fromPort == MIN_PORT && toPort == MAX_PORT;
    }

    /** @return true when only packets whose ports cannot be read match (RFC 4301 OPAQUE). */
    public boolean isOpaquePort()
    {
        return fromPort == MAX_PORT && toPort == MIN_PORT;
    }

    /**
     * @param address an address.
     * @return true when it lies in this selector's range; a dynamic selector contains nothing.
     */
    public boolean contains(final InetAddress address)
    {
        final byte[] bytes = address.getAddress();
        return family == familyOf(bytes) && containsAddress(high(bytes), low(bytes));
    }

    boolean containsAddress(final long high, final long low)
    {
        return compare(startHigh, startLow, high, low) <= 0 && compare(high, low, endHigh, endLow) <= 0;
    }

    long startHigh()
    {
        return startHigh;
    }

    long startLow()
    {
        return startLow;
    }

    long endHigh()
    {
        return endHigh;
    }

    long endLow()
    {
        return endLow;
    }

    private InetAddress address(final long high, final long low)
    {
        if (family == DYNAMIC)
        {
            throw new IllegalStateException("a dynamic selector has no address until resolved");
        }
        final byte[] bytes = new byte[family == 4 ? 4 : 16];
        if (family == 4)
        {
            for (int i = 0; i < 4; i++)
            {
                bytes[i] = (byte)(low >>> (24 - 8 * i));
            }
        }
        else
        {
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = (byte)(high >>> (56 - 8 * i));
                bytes[8 + i] = (byte)(low >>> (56 - 8 * i));
            }
        }
        try
        {
            return InetAddress.getByAddress(bytes);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("address of " + bytes.length + " bytes", ex);
        }
    }

    /**
     * @return the prefix length when the range is exactly one subnet, otherwise -1.
     */
    private int prefixLength()
    {
        final long maskHigh = startHigh ^ endHigh;
        final long maskLow = startLow ^ endLow;
        final boolean contiguous = maskHigh == 0 ? (maskLow & (maskLow + 1)) == 0 :
            maskLow == -1L && (maskHigh & (maskHigh + 1)) == 0;
        if (!contiguous || (startHigh & maskHigh) != 0 || (startLow & maskLow) != 0)
        {
            return -1;
        }
        final int bits = family == 4 ? 32 : 128;
        return bits - Long.bitCount(maskHigh) - Long.bitCount(maskLow);
    }

    /**
     * @return the selector in the syntax {@link #parse} reads, such as {@code 10.0.0.0/8[tcp/443]}.
     */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        if (family == DYNAMIC)
        {
            text.append("dynamic");
        }
        else
        {
            final int prefix = prefixLength();
            text.append(hostText(start()));
            if (prefix < 0)
            {
                text.append('-').append(hostText(end()));
            }
            else if (prefix != (family == 4 ? 32 : 128))
            {
                text.append('/').append(prefix);
            }
        }
        if (protocol != ANY_PROTOCOL || !isAnyPort())
        {
            text.append('[').append(protocol == ANY_PROTOCOL ? "any" : SelectorProtocols.name(protocol));
            if (isOpaquePort())
            {
                text.append("/opaque");
            }
            else if (!isAnyPort())
            {
                text.append('/').append(fromPort);
                if (toPort != fromPort)
                {
                    text.append('-').append(toPort);
                }
            }
            text.append(']');
        }
        return text.toString();
    }

    private static String hostText(final InetAddress address)
    {
        if (address instanceof Inet4Address)
        {
            return address.getHostAddress();
        }
        final byte[] bytes = address.getAddress();
        // Compress the longest run of two or more zero groups to "::", as RFC 5952 recommends.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++)
        {
            int length = 0;
            while (i + length < 8 && bytes[2 * (i + length)] == 0 && bytes[2 * (i + length) + 1] == 0)
            {
                length++;
            }
            if (length > bestLength)
            {
                bestStart = i;
                bestLength = length;
            }
        }
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':')
            {
                text.append(':');
            }
            text.append(Integer.toHexString((bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF));
        }
        return text.toString();
    }

    /**
     * @param other another object.
     * @return true when it is a selector of the same family, range, protocol and ports.
     */
    @Override
    public boolean equals(final Object other)
    {
        return other instanceof TrafficSelector that && family == that.family && startHigh == that.startHigh &&
            startLow == that.startLow && endHigh == that.endHigh && endLow == that.endLow &&
            protocol == that.protocol && fromPort == that.fromPort && toPort == that.toPort;
    }

    /** @return a hash of every field. */
    @Override
    public int hashCode()
    {
        int hash = family;
        hash = 31 * hash + Long.hashCode(startHigh);
        hash = 31 * hash + Long.hashCode(startLow);
        hash = 31 * hash + Long.hashCode(endHigh);
        hash = 31 * hash + Long.hashCode(endLow);
        hash = 31 * hash + protocol;
        hash = 31 * hash + fromPort;
        return 31 * hash + toPort;
    }
}
