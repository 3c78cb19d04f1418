package io.torii.dataplane.spd;

import java.util.Locale;

/**
 * The protocol names a selector may use, their numbers (IANA "Assigned Internet Protocol Numbers",
 * as in /etc/protocols), and which protocols have ports. A fixed table rather than the system's
 * protocol database, so that a configuration reads the same on every host.
 */
final class SelectorProtocols
{
    /** ICMP for IPv4: its type and code stand in for ports (RFC 4301 §4.4.1.1). */
    static final int ICMP = 1;
    /** ICMPv6: its type and code stand in for ports. */
    static final int ICMPV6 = 58;

    private static final String[] NAMES =
    {
        "icmp", "igmp", "ipencap", "tcp", "udp", "dccp", "ipv6", "gre", "esp", "ah", "ipv6-icmp", "ospf", "pim",
        "sctp", "udplite", "ipip", "icmpv6", "icmp6",
    };
    private static final int[] NUMBERS =
    {
        1, 2, 4, 6, 17, 33, 41, 47, 50, 51, 58, 89, 103,
        132, 136, 4, 58, 58,
    };
    /** How many leading entries of the table are canonical names; the rest are aliases. */
    private static final int CANONICAL = 15;

    private SelectorProtocols()
    {
    }

    /**
     * @param name a protocol name, any case.
     * @return its number, or -1 when the table does not know it.
     */
    static int number(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++)
        {
            if (NAMES[i].equals(lower))
            {
                return NUMBERS[i];
            }
        }
        return -1;
    }

    /**
     * @param protocol a protocol number.
     * @return its canonical name, or the number as text.
     */
    static String name(final int protocol)
    {
        for (int i = 0; i < CANONICAL; i++)
        {
            if (NUMBERS[i] == protocol)
            {
                return NAMES[i];
            }
        }
        return Integer.toString(protocol);
    }

    /**
     * @param protocol a protocol number.
     * @return true when packets of the protocol start with 16-bit source and destination ports: TCP,
     *         UDP, DCCP, SCTP and UDP-Lite.
     */
    static boolean hasPorts(final int protocol)
    {
        return protocol == 6 || protocol == 17 || protocol == 33 || protocol == 132 || protocol == 136;
    }

    /**
     * @param protocol a protocol number.
     * @return true for ICMP and ICMPv6, whose type and code a selector's port range holds.
     */
    static boolean isIcmp(final int protocol)
    {
        return protocol == ICMP || protocol == ICMPV6;
    }

    /** @return the names that {@link #number} accepts, for error messages. */
    static String knownNames()
    {
        return String.join(", ", NAMES);
    }
}
