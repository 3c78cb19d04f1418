package io.torii.dataplane.pcap;

/**
 * Whether a frame carries a whole IP packet the tool can work on, and if not, why not.
 */
public enum IpStatus
{
    /** An IPv4 packet starts at {@link PcapFrame#ipOffset()}. */
    IPV4("IPv4"),
    /** An IPv6 packet starts at {@link PcapFrame#ipOffset()}. */
    IPV6("IPv6"),
    /** The link layer names another protocol (ARP, LLDP, ...), or a raw packet is not version 4 or 6. */
    NOT_IP("not IPv4 or IPv6"),
    /** The capture kept fewer bytes than the frame had (snap length): the packet cannot be rewritten. */
    TRUNCATED("truncated by the snap length"),
    /** The captured bytes end inside the link-layer header or its VLAN tags, or no packet follows it. */
    SHORT_LINK_HEADER("too short for its link-layer header"),
    /** The frame's link type is not one {@link LinkLayer} understands. */
    UNSUPPORTED_LINK_TYPE("unsupported link type");

    private final String reason;

    IpStatus(final String reason)
    {
        this.reason = reason;
    }

    /** @return true when the frame holds a whole IPv4 or IPv6 packet. */
    public boolean isIp()
    {
        return this == IPV4 || this == IPV6;
    }

    /** @return a human phrase for tool output, such as "not IPv4 or IPv6". */
    public String reason()
    {
        return reason;
    }
}
