package io.torii.dataplane.pcap;

/**
 * Finds the IP packet inside a captured frame, and fixes up a copied link-layer header for a new
 * IP packet. The headers, by link type (offsets in bytes, fields big-endian):
 * <pre>
 *   ETHERNET   0 destination(6) | 6 source(6) | 12 EtherType(2) | 14 packet
 *              with tags: 12 0x8100 or 0x88a8 | 14 TCI(2) | 16 EtherType(2) | 18 packet, and so on
 *   LINUX_SLL  0 packet type(2) | 2 ARPHRD(2) | 4 address length(2) | 6 address(8) | 14 protocol(2) | 16 packet
 *   LINUX_SLL2 0 protocol(2) | 2 reserved(2) | 4 ifindex(4) | 8 ARPHRD(2) | 10 packet type(1)
 *              | 11 address length(1) | 12 address(8) | 20 packet
 *   RAW, IPV4, IPV6: no header; the packet starts at 0
 * </pre>
 * VLAN tags may follow the SLL headers too, as libpcap re-inserts them there.
 */
public final class LinkLayer
{
    /** The EtherType of IPv4. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** The EtherType of IPv6. */
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    /** The EtherType of an IEEE 802.1Q VLAN tag. */
    public static final int ETHERTYPE_VLAN = 0x8100;
    /** The EtherType of an IEEE 802.1ad service (outer, "QinQ") VLAN tag. */
    public static final int ETHERTYPE_QINQ = 0x88A8;

    private static final int ETHERNET_HEADER_LENGTH = 14;
    private static final int SLL_HEADER_LENGTH = 16;
    private static final int SLL2_HEADER_LENGTH = 20;
    private static final int VLAN_TAG_LENGTH = 4;
    private static final int IPV4_MIN_HEADER_LENGTH = 20;
    private static final int IPV6_HEADER_LENGTH = 40;

    private LinkLayer()
    {
    }

    /**
     * Sets the frame's {@link PcapFrame#ipStatus()}, {@link PcapFrame#ipOffset()} and
     * {@link PcapFrame#ipLength()} from its link type and captured bytes.
     *
     * @param frame a frame whose data, lengths and link type are set.
     */
    static void locateIp(final PcapFrame frame)
    {
        final int linkType = frame.linkType();
        final int length = frame.capturedLength();
        final byte[] data = frame.data();
        if (!LinkType.isSupported(linkType))
        {
            frame.ip(IpStatus.UNSUPPORTED_LINK_TYPE, -1, 0);
            return;
        }
        if (length < frame.originalLength())
        {
            frame.ip(IpStatus.TRUNCATED, -1, 0);
            return;
        }

        final int typeOffset;
        int headerEnd;
        switch (linkType)
        {
            case LinkType.ETHERNET ->
            {
                typeOffset = ETHERNET_HEADER_LENGTH - 2;
                headerEnd = ETHERNET_HEADER_LENGTH;
            }
            case LinkType.LINUX_SLL ->
            {
                typeOffset = SLL_HEADER_LENGTH - 2;
                headerEnd = SLL_HEADER_LENGTH;
            }
            case LinkType.LINUX_SLL2 ->
            {
                typeOffset = 0;
                headerEnd = SLL2_HEADER_LENGTH;
            }
            default ->
            {
                typeOffset = -1;
                headerEnd = 0;
            }
        }
        if (length <= headerEnd)
        {
            frame.ip(IpStatus.SHORT_LINK_HEADER, -1, 0);
            return;
        }

        final IpStatus status;
        if (typeOffset >= 0)
        {
            int type = uint16(data, typeOffset);
            while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ)
            {
                if (length <= headerEnd + VLAN_TAG_LENGTH)
                {
                    frame.ip(IpStatus.SHORT_LINK_HEADER, -1, 0);
                    return;
                }
                type = uint16(data, headerEnd + 2);
                headerEnd += VLAN_TAG_LENGTH;
            }
            status = type == ETHERTYPE_IPV4 ? IpStatus.IPV4 : type == ETHERTYPE_IPV6 ? IpStatus.IPV6 : IpStatus.NOT_IP;
        }
        else
        {
            final int version = (data[0] & 0xF0) >>> 4;
            final boolean v4 = version == 4 && linkType != LinkType.IPV6;
            final boolean v6 = version == 6 && linkType != LinkType.IPV4;
            status = v4 ? IpStatus.IPV4 : v6 ? IpStatus.IPV6 : IpStatus.NOT_IP;
        }

        if (status == IpStatus.NOT_IP)
        {
            frame.ip(IpStatus.NOT_IP, -1, 0);
            return;
        }
        frame.ip(status, headerEnd, declaredLength(status, data, headerEnd, length - headerEnd));
    }

    /**
     * Sets the EtherType or protocol field of a link-layer header copied from a frame
     * ({@code data()[0, ipOffset())}) to name a new IP packet's version, for a tool that replaces an
     * IPv4 packet with an IPv6 one or the reverse. The field set is the last EtherType, after any
     * VLAN tags. Header-less link types need nothing set, but IPV4 and IPV6 can carry one version only.
     *
     * @param linkType the LINKTYPE_ value of the header.
     * @param header the copied header, starting at index 0.
     * @param headerLength the header's length, as {@link PcapFrame#ipOffset()} gave it.
     * @param ipVersion 4 or 6.
     * @throws IllegalArgumentException if the version, link type or header length is not one that works.
     */
    public static void setIpVersion(
        final int linkType, final byte[] header, final int headerLength, final int ipVersion)
    {
        if (ipVersion != 4 && ipVersion != 6)
        {
            throw new IllegalArgumentException("IP version must be 4 or 6, got " + ipVersion);
        }
        final int baseLength = switch (linkType)
        {
            case LinkType.ETHERNET -> ETHERNET_HEADER_LENGTH;
            case LinkType.LINUX_SLL -> SLL_HEADER_LENGTH;
            case LinkType.LINUX_SLL2 -> SLL2_HEADER_LENGTH;
            case LinkType.RAW, LinkType.IPV4, LinkType.IPV6 -> 0;
            default -> throw new IllegalArgumentException(
                "cannot set the IP version in a header of " + LinkType.name(linkType));
        };
        if (baseLength == 0 && headerLength != 0)
        {
            throw new IllegalArgumentException(LinkType.name(linkType) + " frames have no link header; got a " +
                headerLength + "-byte one");
        }
        if (headerLength < baseLength || (headerLength - baseLength) % VLAN_TAG_LENGTH != 0 ||
            headerLength > header.length)
        {
            throw new IllegalArgumentException(LinkType.name(linkType) + " headers are " + baseLength +
                " bytes plus 4 per VLAN tag, within the array; got " + headerLength + " of " + header.length);
        }
        if (baseLength == 0)
        {
            if ((linkType == LinkType.IPV4 && ipVersion != 4) || (linkType == LinkType.IPV6 && ipVersion != 6))
            {
                throw new IllegalArgumentException(LinkType.name(linkType) + " frames cannot carry IPv" +
                    ipVersion + "; write the file with link type RAW (" + LinkType.RAW + ") instead");
            }
            return;
        }
        final int typeOffset = linkType == LinkType.LINUX_SLL2 && headerLength == baseLength ? 0 : headerLength - 2;
        final int type = ipVersion == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
        header[typeOffset] = (byte)(type >>> 8);
        header[typeOffset + 1] = (byte)type;
    }

    private static int declaredLength(final IpStatus status, final byte[] data, final int offset, final int available)
    {
        final int declared;
        if (status == IpStatus.IPV4)
        {
            declared = available >= IPV4_MIN_HEADER_LENGTH ? uint16(data, offset + 2) : 0;
            return declared >= IPV4_MIN_HEADER_LENGTH && declared <= available ? declared : available;
        }
        // A payload length of 0 means a jumbogram (RFC 2675), whose length is in a hop-by-hop option.
        final int payload = available >= IPV6_HEADER_LENGTH ? uint16(data, offset + 4) : 0;
        declared = IPV6_HEADER_LENGTH + payload;
        return payload != 0 && declared <= available ? declared : available;
    }

    private static int uint16(final byte[] data, final int offset)
    {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }
}
