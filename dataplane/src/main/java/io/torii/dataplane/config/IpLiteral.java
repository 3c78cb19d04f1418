package io.torii.dataplane.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses literal IPv4 and IPv6 addresses, and nothing else: {@link InetAddress#getByName} would
 * resolve a host name through DNS, and a static SA must not depend on, or wait for, a resolver.
 * The rules are inet_pton(3)'s: dotted-quad IPv4 without leading zeros (which some parsers read as
 * octal), IPv6 with at most one {@code ::} and an optional dotted-quad tail. Zone IDs and
 * IPv4-mapped IPv6 addresses are refused: neither can be the address on an outer IP header.
 */
final class IpLiteral
{
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    private static final int IPV6_GROUPS = 8;

    private IpLiteral()
    {
    }

    /**
     * @param text the address as written.
     * @return the address; no name service is asked.
     * @throws IllegalArgumentException saying why the text is not a literal address.
     */
    static InetAddress parse(final String text)
    {
        final byte[] address;
        if (text.indexOf(':') >= 0)
        {
            address = ipv6(text);
        }
        else if (!text.isEmpty() && isDigitsAndDots(text))
        {
            address = new byte[IPV4_BYTES];
            if (!ipv4(text, address, 0))
            {
                throw new IllegalArgumentException("'" + text + "' is not a valid IPv4 address: expected four " +
                    "numbers 0 to 255 separated by dots, without leading zeros");
            }
        }
        else
        {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address; host names are " +
                "not accepted (no DNS lookups), write the address itself");
        }
        try
        {
            return InetAddress.getByAddress(address);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("address of " + address.length + " bytes", ex);
        }
    }

    private static boolean isDigitsAndDots(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a dotted quad into four bytes at offset.
     *
     * @return false when it is not one.
     */
    private static boolean ipv4(final String text, final byte[] into, final int offset)
    {
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++)
        {
            final char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.')
            {
                if (digits == 0 || part == IPV4_BYTES)
                {
                    return false;
                }
                into[offset + part++] = (byte)value;
                value = 0;
                digits = 0;
            }
            else if (c >= '0' && c <= '9')
            {
                if (digits == 1 && value == 0)
                {
                    return false;
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }
        return part == IPV4_BYTES;
    }

    private static byte[] ipv6(final String text)
    {
        if (text.indexOf('%') >= 0)
        {
            throw new IllegalArgumentException("'" + text + "': zone IDs (%) are not allowed, only global or " +
                "unique-local addresses make sense on an outer header");
        }
        final String invalid = "'" + text + "' is not a valid IPv6 address";
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0)
        {
            throw new IllegalArgumentException(invalid + ": '::' may appear only once");
        }
        final byte[] head = new byte[IPV6_BYTES];
        final byte[] tail = new byte[IPV6_BYTES];
        // A dotted-quad tail may only end the address, so not the part before '::'.
        final int headLength = gap < 0 ?
            groups(text, head, true, invalid) : groups(text.substring(0, gap), head, false, invalid);
        final int tailLength = gap < 0 ? 0 : groups(text.substring(gap + 2), tail, true, invalid);
        if (gap < 0 ? headLength != IPV6_BYTES : headLength + tailLength > IPV6_BYTES - 2)
        {
            throw new IllegalArgumentException(invalid + ": expected eight groups of up to four hex digits, or " +
                "fewer with one '::'");
        }
        final byte[] address = new byte[IPV6_BYTES];
        System.arraycopy(head, 0, address, 0, headLength);
        System.arraycopy(tail, 0, address, IPV6_BYTES - tailLength, tailLength);
        if (isIpv4Mapped(address))
        {
            throw new IllegalArgumentException("'" + text + "' is an IPv4-mapped address; write the IPv4 " +
                "address itself");
        }
        return address;
    }

    /**
     * Parses colon-separated hex groups, the last of which may be a dotted quad when ipv4Tail.
     *
     * @return the number of bytes written.
     */
    private static int groups(final String text, final byte[] into, final boolean ipv4Tail, final String invalid)
    {
        if (text.isEmpty())
        {
            return 0;
        }
        int length = 0;
        int start = 0;
        while (true)
        {
            final int colon = text.indexOf(':', start);
            final String group = colon < 0 ? text.substring(start) : text.substring(start, colon);
            if (ipv4Tail && colon < 0 && group.indexOf('.') >= 0)
            {
                if (length > IPV6_BYTES - IPV4_BYTES || !ipv4(group, into, length))
                {
                    throw new IllegalArgumentException(invalid + ": bad IPv4 tail '" + group + "'");
                }
                return length + IPV4_BYTES;
            }
            if (group.isEmpty() || group.length() > 4 || length == IPV6_GROUPS * 2)
            {
                throw new IllegalArgumentException(invalid + ": expected groups of one to four hex digits");
            }
            int value = 0;
            for (int i = 0; i < group.length(); i++)
            {
                final int digit = HexKey.hexDigit(group.charAt(i));
                if (digit < 0)
                {
                    throw new IllegalArgumentException(invalid + ": '" + group + "' is not hexadecimal");
                }
                value = (value << 4) | digit;
            }
            into[length++] = (byte)(value >>> 8);
            into[length++] = (byte)value;
            if (colon < 0)
            {
                return length;
            }
            start = colon + 1;
        }
    }

    private static boolean isIpv4Mapped(final byte[] address)
    {
        for (int i = 0; i < 10; i++)
        {
            if (address[i] != 0)
            {
                return false;
            }
        }
        return address[10] == (byte)0xFF && address[11] == (byte)0xFF;
    }
}
