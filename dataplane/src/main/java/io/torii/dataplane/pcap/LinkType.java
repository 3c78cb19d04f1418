package io.torii.dataplane.pcap;

/**
 * The link-layer header types (tcpdump.org LINKTYPE_ values) this package understands.
 */
public final class LinkType
{
    /** LINKTYPE_ETHERNET: a 14-byte Ethernet II header, possibly followed by 802.1Q/802.1ad tags. */
    public static final int ETHERNET = 1;
    /** LINKTYPE_RAW: no link header; the IP version is in the packet's first nibble. */
    public static final int RAW = 101;
    /** LINKTYPE_LINUX_SLL: Linux "cooked" capture, 16-byte header, protocol at offset 14. */
    public static final int LINUX_SLL = 113;
    /** LINKTYPE_IPV4: no link header; every packet is IPv4. */
    public static final int IPV4 = 228;
    /** LINKTYPE_IPV6: no link header; every packet is IPv6. */
    public static final int IPV6 = 229;
    /** LINKTYPE_LINUX_SLL2: Linux "cooked" capture v2, 20-byte header, protocol at offset 0. */
    public static final int LINUX_SLL2 = 276;

    private LinkType()
    {
    }

    /**
     * @param linkType a LINKTYPE_ value.
     * @return true when {@link LinkLayer} can find the IP packet in frames of this type.
     */
    public static boolean isSupported(final int linkType)
    {
        return switch (linkType)
        {
            case ETHERNET, RAW, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    /**
     * @param linkType a LINKTYPE_ value.
     * @return its tcpdump.org name without the LINKTYPE_ prefix, or "link type N" when unknown here.
     */
    public static String name(final int linkType)
    {
        return switch (linkType)
        {
            case ETHERNET -> "ETHERNET";
            case RAW -> "RAW";
            case LINUX_SLL -> "LINUX_SLL";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "link type " + linkType;
        };
    }
}
