package io.torii.dataplane.packet;

/**
 * IP protocol and IPv6 next-header numbers the dataplane handles (IANA "Assigned Internet
 * Protocol Numbers"), gathered in one place.
 */
public final class IpProtocols
{
    /** IPv6 Hop-by-Hop Options, RFC 8200 §4.3. */
    public static final int HOP_BY_HOP = 0;
    /** IPv4 in IP: the next header of a tunnel-mode ESP payload carrying IPv4. */
    public static final int IPV4 = 4;
    /** TCP. */
    public static final int TCP = 6;
    /** UDP. */
    public static final int UDP = 17;
    /** IPv6 in IP: the next header of a tunnel-mode ESP payload carrying IPv6. */
    public static final int IPV6 = 41;
    /** IPv6 Routing header, RFC 8200 §4.4. */
    public static final int ROUTING = 43;
    /** IPv6 Fragment header, RFC 8200 §4.5. */
    public static final int FRAGMENT = 44;
    /** ESP, RFC 4303. */
    public static final int ESP = 50;
    /** AH, RFC 4302. */
    public static final int AH = 51;
    /** ICMPv6. */
    public static final int ICMPV6 = 58;
    /** No next header: marks ESP dummy packets (RFC 4303 §2.6). */
    public static final int NO_NEXT_HEADER = 59;
    /** IPv6 Destination Options, RFC 8200 §4.6. */
    public static final int DESTINATION_OPTIONS = 60;
    /** Mobility header, RFC 6275: an extension header in the IPv6 chain. */
    public static final int MOBILITY = 135;

    private IpProtocols()
    {
    }
}
