package io.torii.dataplane.ah;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Builds test packets from hex: spaces and '|' are ignored so that fields can be laid out as on
 * the wire.
 */
final class TestPackets
{
    /** Bytes in front of the IP header, as an Ethernet header would be, to prove offsets are absolute. */
    static final int IP_OFFSET = 14;
    /** An AH header with a 16-byte ICV (payload length 5), followed by some payload. */
    static final byte[] AH_AND_PAYLOAD = hex(
        "06 05 0000 | 00001234 | 00000007 | 0102030405060708090a0b0c0d0e0f10 | 45 00 11 22 33 44 55 66");

    static final String IPV6_SOURCE = "20010db8000000000000000000000001";
    static final String IPV6_DESTINATION = "20010db8000000000000000000000002";

    private TestPackets()
    {
    }

    static byte[] hex(final String text)
    {
        return HexFormat.of().parseHex(text.replace(" ", "").replace("|", ""));
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * @param headers the IP header and any extension headers, AH excluded.
     * @return a frame: {@link #IP_OFFSET} bytes of 0xEE, the headers, then {@link #AH_AND_PAYLOAD}.
     */
    static byte[] frame(final byte[] headers)
    {
        final byte[] prefix = new byte[IP_OFFSET];
        Arrays.fill(prefix, (byte)0xEE);
        return concat(prefix, headers, AH_AND_PAYLOAD);
    }

    /**
     * An IPv6 header with traffic class 0xb8, flow label 0xabcde and hop limit 64, from
     * {@link #IPV6_SOURCE} to the given destination.
     */
    static String ipv6(final int nextHeader, final String destination)
    {
        return "6b8abcde 0040 " + String.format("%02x", nextHeader) + " 40 " + IPV6_SOURCE + " " + destination;
    }

    /** What {@link #ipv6} looks like with its mutable fields zeroed and the given destination. */
    static String ipv6Zeroed(final int nextHeader, final String destination)
    {
        return "60000000 0040 " + String.format("%02x", nextHeader) + " 00 " + IPV6_SOURCE + " " + destination;
    }

    static String address(final int last)
    {
        return String.format("20010db800000000000000000000%04x", last);
    }
}
