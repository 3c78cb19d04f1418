package io.torii.dataplane.spd;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads traffic selectors written as in swanctl.conf's {@code local_ts} and {@code remote_ts}:
 * <pre>
 *   list      = selector *( "," selector )
 *   selector  = ( "dynamic" | address [ "/" prefix ] | address "-" address ) [ "[" protoport "]" ]
 *   protoport = proto [ "/" ports ]
 *   proto     = "any" | name | 0..255
 *   ports     = "any" | "opaque" | 0..65535 [ "-" 0..65535 ]
 * </pre>
 * Unlike strongSwan, protocol and service names come from a fixed table, not the host's
 * databases, and numbers are decimal only.
 */
final class TrafficSelectorParser
{
    private TrafficSelectorParser()
    {
    }

    static List<TrafficSelector> parseList(final String text)
    {
        final List<TrafficSelector> selectors = new ArrayList<>();
        int start = 0;
        while (true)
        {
            final int comma = text.indexOf(',', start);
            final String item = (comma < 0 ? text.substring(start) : text.substring(start, comma)).strip();
            if (item.isEmpty())
            {
                throw new IllegalArgumentException("traffic selector list '" + text + "': empty entry; expected " +
                    "selectors separated by single commas, such as 10.0.0.0/8, 2001:db8::/32");
            }
            selectors.add(parse(item));
            if (comma < 0)
            {
                return List.copyOf(selectors);
            }
            start = comma + 1;
        }
    }

    static TrafficSelector parse(final String text)
    {
        final int open = text.indexOf('[');
        final String addresses = open < 0 ? text : text.substring(0, open);
        int protocol = TrafficSelector.ANY_PROTOCOL;
        int fromPort = TrafficSelector.MIN_PORT;
        int toPort = TrafficSelector.MAX_PORT;
        if (open >= 0)
        {
            if (!text.endsWith("]") || text.indexOf(']') != text.length() - 1 || text.indexOf('[', open + 1) >= 0)
            {
                throw fail(text, "a protocol suffix in one pair of brackets at the end, such as [tcp/443]");
            }
            final String protoPort = text.substring(open + 1, text.length() - 1);
            final int slash = protoPort.indexOf('/');
            protocol = protocol(text, slash < 0 ? protoPort : protoPort.substring(0, slash));
            if (slash >= 0)
            {
                final String ports = protoPort.substring(slash + 1);
                if (ports.equals("opaque"))
                {
                    fromPort = TrafficSelector.MAX_PORT;
                    toPort = TrafficSelector.MIN_PORT;
                }
                else if (!ports.equals("any"))
                {
                    final int dash = ports.indexOf('-');
                    fromPort = number(text, dash < 0 ? ports : ports.substring(0, dash), TrafficSelector.MAX_PORT,
                        "a port 0-65535, a range from-to, 'any' or 'opaque' after '/'");
                    toPort = dash < 0 ? fromPort : number(text, ports.substring(dash + 1), TrafficSelector.MAX_PORT,
                        "a port 0-65535, a range from-to, 'any' or 'opaque' after '/'");
                    if (fromPort > toPort)
                    {
                        throw fail(text, "a port range from low to high");
                    }
                }
            }
        }
        try
        {
            return addresses(text, addresses, protocol, fromPort, toPort);
        }
        catch (final IllegalArgumentException ex)
        {
            if (ex.getMessage().startsWith("traffic selector '"))
            {
                throw ex;
            }
            throw new IllegalArgumentException("traffic selector '" + text + "': " + ex.getMessage(), ex);
        }
    }

    private static TrafficSelector addresses(
        final String text, final String addresses, final int protocol, final int fromPort, final int toPort)
    {
        if (addresses.equals("dynamic"))
        {
            return TrafficSelector.dynamic(protocol, fromPort, toPort);
        }
        if (addresses.isEmpty())
        {
            throw fail(text, "an address, subnet, range or 'dynamic' before any [protocol/port]");
        }
        final int slash = addresses.indexOf('/');
        final int dash = addresses.indexOf('-');
        if (slash >= 0 && dash >= 0)
        {
            throw fail(text, "either a subnet (address/prefix) or a range (from-to), not both");
        }
        if (dash >= 0)
        {
            final byte[] first = AddressText.parse(addresses.substring(0, dash), text);
            final byte[] last = AddressText.parse(addresses.substring(dash + 1), text);
            if (first.length != last.length)
            {
                throw fail(text, "both ends of a range in the same family, IPv4 or IPv6");
            }
            final TrafficSelector start = TrafficSelector.ofSubnet(first, first.length * 8, protocol, fromPort, toPort);
            final TrafficSelector end = TrafficSelector.ofSubnet(last, last.length * 8, protocol, fromPort, toPort);
            if (TrafficSelector.compare(start.startHigh(), start.startLow(), end.startHigh(), end.startLow()) > 0)
            {
                throw fail(text, "a range whose first address is not after its last");
            }
            return new TrafficSelector(start.family(), start.startHigh(), start.startLow(), end.endHigh(),
                end.endLow(), protocol, fromPort, toPort);
        }
        final byte[] address = AddressText.parse(slash < 0 ? addresses : addresses.substring(0, slash), text);
        final int bits = address.length * 8;
        final int prefix = slash < 0 ? bits :
            number(text, addresses.substring(slash + 1), bits, "a prefix length 0-" + bits + " after '/'");
        return TrafficSelector.ofSubnet(address, prefix, protocol, fromPort, toPort);
    }

    private static int protocol(final String text, final String name)
    {
        if (name.equals("any"))
        {
            return TrafficSelector.ANY_PROTOCOL;
        }
        final int known = SelectorProtocols.number(name);
        if (known >= 0)
        {
            return known;
        }
        return number(text, name, 255, "a protocol number 0-255, 'any' or one of " + SelectorProtocols.knownNames());
    }

    /**
     * @return the decimal number, at most {@code max}.
     */
    private static int number(final String text, final String digits, final int max, final String expected)
    {
        if (digits.isEmpty() || digits.length() > 5)
        {
            throw fail(text, expected);
        }
        int value = 0;
        for (int i = 0; i < digits.length(); i++)
        {
            final char c = digits.charAt(i);
            if (c < '0' || c > '9')
            {
                throw fail(text, expected);
            }
            value = value * 10 + c - '0';
        }
        if (value > max)
        {
            throw fail(text, expected);
        }
        return value;
    }

    private static IllegalArgumentException fail(final String text, final String expected)
    {
        return new IllegalArgumentException("traffic selector '" + text + "': expected " + expected);
    }
}
