package io.torii.dataplane.spd;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds the cleartext packets the SPD tests look up: IPv4 and IPv6 headers with just enough of the
 * next layer for selectors (ports, ICMP type and code), fragments and IPv6 extension headers. Each
 * packet sits {@link #OFFSET} bytes into its buffer, after a fake link header, with trailing bytes
 * after it, so that lookups must honour the offset and the IP length.
 */
final class SelectorPackets
{
    /** Where the IP header starts in every built buffer. */
    static final int OFFSET = 14;
    /** Link-layer trailer bytes after the packet, which the IP length says to ignore. */
    static final int TRAILER = 6;

    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int GRE = 47;
    static final int ICMPV6 = 58;

    private SelectorPackets()
    {
    }

    /** @return the 4 bytes of source and destination port, then 4 bytes of padding. */
    static byte[] ports(final int sourcePort, final int destinationPort)
    {
        return ByteBuffer.allocate(8).putShort((short)sourcePort).putShort((short)destinationPort).array();
    }

    /** @return an ICMP header of the given type and code. */
    static byte[] icmp(final int type, final int code)
    {
        return new byte[] {(byte)type, (byte)code, 0, 0, 0, 0, 0, 0};
    }

    /**
     * @param source source address literal.
     * @param destination destination literal.
     * @param protocol the protocol field.
     * @param fragmentField the 16-bit flags and fragment offset (in 8-byte units) field.
     * @param payload the bytes after the header.
     * @return a buffer holding the packet at {@link #OFFSET}.
     */
    static UnsafeBuffer ipv4(
        final String source, final String destination, final int protocol, final int fragmentField,
        final byte[] payload)
    {
        final int totalLength = 20 + payload.length;
        final ByteBuffer packet = ByteBuffer.allocate(OFFSET + totalLength + TRAILER);
        packet.position(OFFSET);
        packet.put((byte)0x45).put((byte)0).putShort((short)totalLength).putShort((short)7)
            .putShort((short)fragmentField).put((byte)64).put((byte)protocol).putShort((short)0)
            .put(bytes(source, 4)).put(bytes(destination, 4)).put(payload);
        return new UnsafeBuffer(packet.array());
    }

    /** @return an unfragmented IPv4 packet. */
    static UnsafeBuffer ipv4(final String source, final String destination, final int protocol, final byte[] payload)
    {
        return ipv4(source, destination, protocol, 0, payload);
    }

    /**
     * @param source source address literal.
     * @param destination destination literal.
     * @param nextHeader the IPv6 header's next header.
     * @param afterHeader extension headers and payload.
     * @return a buffer holding the packet at {@link #OFFSET}.
     */
    static UnsafeBuffer ipv6(
        final String source, final String destination, final int nextHeader, final byte[] afterHeader)
    {
        final ByteBuffer packet = ByteBuffer.allocate(OFFSET + 40 + afterHeader.length + TRAILER);
        packet.position(OFFSET);
        packet.putInt(0x6000_0000).putShort((short)afterHeader.length).put((byte)nextHeader).put((byte)64)
            .put(bytes(source, 16)).put(bytes(destination, 16)).put(afterHeader);
        return new UnsafeBuffer(packet.array());
    }

    /**
     * @param nextHeader the header after this one.
     * @param offsetUnits the fragment offset in 8-byte units.
     * @param more the M flag.
     * @return an IPv6 Fragment header.
     */
    static byte[] fragmentHeader(final int nextHeader, final int offsetUnits, final boolean more)
    {
        return ByteBuffer.allocate(8).put((byte)nextHeader).put((byte)0)
            .putShort((short)(offsetUnits << 3 | (more ? 1 : 0))).putInt(0x1234).array();
    }

    /**
     * @param nextHeader the header after this one.
     * @return an 8-byte Hop-by-Hop or Destination Options header with PadN.
     */
    static byte[] optionsHeader(final int nextHeader)
    {
        return new byte[] {(byte)nextHeader, 0, 1, 4, 0, 0, 0, 0};
    }

    /** @return the arrays joined. */
    static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final ByteBuffer joined = ByteBuffer.allocate(length);
        for (final byte[] part : parts)
        {
            joined.put(part);
        }
        return joined.array();
    }

    /** @return the length a lookup is given: everything after the offset, trailer included. */
    static int length(final UnsafeBuffer buffer)
    {
        return buffer.capacity() - OFFSET;
    }

    private static byte[] bytes(final String literal, final int expectedLength)
    {
        try
        {
            // A literal, so no name service is asked.
            final byte[] address = InetAddress.getByName(literal).getAddress();
            if (address.length != expectedLength)
            {
                throw new IllegalArgumentException(literal + " is not " + expectedLength + " bytes");
            }
            return address;
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(literal, ex);
        }
    }
}
