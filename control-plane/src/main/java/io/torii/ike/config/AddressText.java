package io.torii.ike.config;

import io.torii.dataplane.config.SettingsValue;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the address lists of swanctl.conf ({@code local_addrs}, {@code remote_addrs}, {@code vips})
 * without any DNS lookup: only text that is an IP literal becomes an address.
 */
final class AddressText
{
    private static final String EXPECTED_ADDRESS = "an IPv4 or IPv6 address, a subnet (address/prefix), a " +
        "range (from-to), a DNS name or %any";

    private AddressText()
    {
    }

    /**
     * @param value a comma separated list of addresses, subnets, ranges, DNS names and %any.
     * @return the entries in order.
     */
    static List<IkeAddress> ikeAddresses(final SettingsValue value)
    {
        final List<IkeAddress> addresses = new ArrayList<>();
        for (final String item : SwanctlValues.list(value))
        {
            addresses.add(ikeAddress(value, item));
        }
        return List.copyOf(addresses);
    }

    /**
     * @param value a comma separated list of IP addresses.
     * @return the addresses in order.
     */
    static List<InetAddress> addresses(final SettingsValue value)
    {
        final List<InetAddress> addresses = new ArrayList<>();
        for (final String item : SwanctlValues.list(value))
        {
            final InetAddress address = literal(item);
            if (address == null)
            {
                throw value.error("expected IPv4 or IPv6 addresses, found '" + item + "'");
            }
            addresses.add(address);
        }
        return List.copyOf(addresses);
    }

    private static IkeAddress ikeAddress(final SettingsValue value, final String item)
    {
        switch (item)
        {
            case "%any":
                return new IkeAddress.Any(0);
            case "%any4":
                return new IkeAddress.Any(4);
            case "%any6":
                return new IkeAddress.Any(6);
            default:
                break;
        }
        final InetAddress host = literal(item);
        if (host != null)
        {
            return new IkeAddress.Host(host);
        }
        final int slash = item.indexOf('/');
        if (slash >= 0)
        {
            return subnet(value, item, slash);
        }
        final int dash = item.indexOf('-');
        if (dash >= 0)
        {
            final InetAddress from = literal(item.substring(0, dash));
            final InetAddress to = literal(item.substring(dash + 1));
            if (from != null && to != null)
            {
                return range(value, item, from, to);
            }
        }
        if (!isDnsName(item))
        {
            throw value.error("expected " + EXPECTED_ADDRESS + ", found '" + item + "'");
        }
        return new IkeAddress.DnsName(item);
    }

    private static IkeAddress subnet(final SettingsValue value, final String item, final int slash)
    {
        final InetAddress address = literal(item.substring(0, slash));
        final String prefix = item.substring(slash + 1);
        final int bits = address instanceof Inet4Address ? 32 : 128;
        if (address == null || prefix.isEmpty() || prefix.length() > 3 ||
            !prefix.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(prefix) > bits)
        {
            throw value.error("expected a subnet as address/prefix with a prefix of 0-32 for IPv4 or 0-128 " +
                "for IPv6, found '" + item + "'");
        }
        return new IkeAddress.Subnet(address, Integer.parseInt(prefix));
    }

    private static IkeAddress range(
        final SettingsValue value, final String item, final InetAddress from, final InetAddress to)
    {
        final byte[] first = from.getAddress();
        final byte[] last = to.getAddress();
        if (first.length != last.length || new BigInteger(1, first).compareTo(new BigInteger(1, last)) > 0)
        {
            throw value.error("expected a range from-to of one family whose first address is not after its " +
                "last, found '" + item + "'");
        }
        return new IkeAddress.Range(from, to);
    }

    /**
     * @param text an address, or anything else.
     * @return the address when the text is an IPv4 dotted quad or an IPv6 literal, otherwise null.
     */
    static InetAddress literal(final String text)
    {
        if (!isDottedQuad(text) && text.indexOf(':') < 0)
        {
            // Java also reads "10.1" or "167772161" as IPv4; strongSwan would take those as names.
            return null;
        }
        try
        {
            return InetAddress.ofLiteral(text);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static boolean isDottedQuad(final String text)
    {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4)
        {
            return false;
        }
        for (final String part : parts)
        {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9'))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true for names of letters, digits, hyphens, underscores and dots that start and end
     *         with a letter or digit: what a resolver might accept, without judging more strictly.
     */
    private static boolean isDnsName(final String text)
    {
        if (text.isEmpty() || text.length() > 253)
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && c != '-' && c != '.' && c != '_')
            {
                return false;
            }
        }
        return Character.isLetterOrDigit(text.charAt(0)) && Character.isLetterOrDigit(text.charAt(text.length() - 1));
    }
}
