package io.torii.dataplane.spd;

/**
 * Reads literal IPv4 and IPv6 addresses in a selector, strictly and without a resolver: selectors
 * are matched per packet and must never wait for, or change with, DNS. IPv4 is four decimal numbers
 * without leading zeros (a leading zero reads as octal in some tools); IPv6 is up to eight groups of
 * hex digits with at most one {@code ::} and an optional dotted-quad tail. Zone IDs and brackets are
 * refused: a selector names addresses on the wire, where there are none.
 */
final class AddressText
{
    private static final int IPV6_WORDS = 8;

    private AddressText()
    {
    }

    /**
     * @param text the address.
     * @param selector the whole selector, for error messages.
     * @return 4 or 16 bytes in network order.
     * @throws IllegalArgumentException naming the selector and what was expected.
     */
    static byte[] parse(final String text, final String selector)
    {
        if (text.indexOf(':') >= 0)
        {
            return ipv6(text, selector);
        }
        final byte[] bytes = new byte[4];
        if (!ipv4(text, bytes, 0))
        {
            throw new IllegalArgumentException(message(selector, text) +
                "expected an IPv4 address (four numbers 0-255 with dots, no leading zeros) or an IPv6 address; " +
                "host names are not accepted");
        }
        return bytes;
    }

    private static String message(final String selector, final String text)
    {
        return "traffic selector '" + selector + "': '" + text + "' is not an address: ";
    }

    /**
     * @return false when text is not a dotted quad; the bytes go to {@code into} at {@code at}.
     */
    private static boolean ipv4(final String text, final byte[] into, final int at)
    {
        int octets = 0;
        int start = 0;
        while (octets < 4)
        {
            final int dot = text.indexOf('.', start);
            final int end = dot < 0 ? text.length() : dot;
            final int value = decimalOctet(text, start, end);
            if (value < 0 || (dot < 0) != (octets == 3))
            {
                return false;
            }
            into[at + octets++] = (byte)value;
            start = end + 1;
        }
        return true;
    }

    /**
     * @return the value of text[start, end) as a number 0 to 255 without leading zeros, or -1.
     */
    private static int decimalOctet(final String text, final int start, final int end)
    {
        final int digits = end - start;
        if (digits < 1 || digits > 3 || (digits > 1 && text.charAt(start) == '0'))
        {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value <= 255 ? value : -1;
    }

    private static byte[] ipv6(final String text, final String selector)
    {
        final String expected = "expected an IPv6 address: up to eight groups of 1-4 hex digits separated by ':', " +
            "at most one '::', optionally ending in a dotted IPv4 address";
        if (text.indexOf('%') >= 0 || text.indexOf('[') >= 0)
        {
            throw new IllegalArgumentException(message(selector, text) + "zone IDs and brackets are not allowed; " +
                expected);
        }
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0)
        {
            throw new IllegalArgumentException(message(selector, text) + "'::' appears twice; " + expected);
        }
        final int[] head = new int[IPV6_WORDS];
        final int[] tail = new int[IPV6_WORDS];
        final int headWords = words(gap < 0 ? text : text.substring(0, gap), head, gap < 0);
        final int tailWords = gap < 0 ? 0 : words(text.substring(gap + 2), tail, true);
        final boolean fits = gap < 0 ? headWords == IPV6_WORDS : headWords >= 0 && tailWords >= 0 &&
            headWords + tailWords < IPV6_WORDS;
        if (!fits)
        {
            throw new IllegalArgumentException(message(selector, text) + expected);
        }
        final byte[] bytes = new byte[16];
        for (int i = 0; i < headWords; i++)
        {
            put(bytes, i, head[i]);
        }
        for (int i = 0; i < tailWords; i++)
        {
            put(bytes, IPV6_WORDS - tailWords + i, tail[i]);
        }
        return bytes;
    }

    private static void put(final byte[] bytes, final int word, final int value)
    {
        bytes[word * 2] = (byte)(value >>> 8);
        bytes[word * 2 + 1] = (byte)value;
    }

    /**
     * Reads colon-separated 16-bit words; an empty part has none.
     *
     * @return how many words, or -1 when the part is not well formed.
     */
    private static int words(final String part, final int[] into, final boolean mayEndInIpv4)
    {
        if (part.isEmpty())
        {
            return 0;
        }
        int count = 0;
        int start = 0;
        while (true)
        {
            final int colon = part.indexOf(':', start);
            final int end = colon < 0 ? part.length() : colon;
            if (colon < 0 && mayEndInIpv4 && part.indexOf('.', start) >= 0)
            {
                final byte[] quad = new byte[4];
                if (count > IPV6_WORDS - 2 || !ipv4(part.substring(start), quad, 0))
                {
                    return -1;
                }
                into[count++] = (quad[0] & 0xFF) << 8 | quad[1] & 0xFF;
                into[count++] = (quad[2] & 0xFF) << 8 | quad[3] & 0xFF;
                return count;
            }
            final int value = hexWord(part, start, end);
            if (value < 0 || count == IPV6_WORDS)
            {
                return -1;
            }
            into[count++] = value;
            if (colon < 0)
            {
                return count;
            }
            start = colon + 1;
        }
    }

    private static int hexWord(final String text, final int start, final int end)
    {
        if (end - start < 1 || end - start > 4)
        {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++)
        {
            final int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) > 'f')
            {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
