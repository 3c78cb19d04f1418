package io.torii.dataplane.port.udp;

import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import io.torii.nativeshim.PortMessageArray;
import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the IP and UDP headers the kernel took off a received datagram back in front of it, so
 * that the engine sees IP/UDP/ESP as it came off the wire.
 * <pre>
 *   IPv4: | 45 | TOS | total length | 0 | 0 | TTL | 17 | checksum | peer | local | UDP header |
 *   IPv6: | 6, traffic class, flow 0 | payload length | 17 | hop limit | peer | local | UDP header |
 *   UDP:  | peer port | local port | 8 + payload length | checksum 0 |
 * </pre>
 * Source is the sender, destination the address the datagram was sent to (as the kernel reports
 * it, else the address the socket is bound to) and the socket's port. TOS or traffic class and TTL
 * or hop limit are those the datagram arrived with, ECN bits included (decapsulation needs them,
 * RFC 6040); 64 when the kernel did not say. The IPv4 header checksum is valid. The UDP checksum
 * is 0: the kernel verified the real one, RFC 3948 section 2.1 has senders of UDP-encapsulated
 * ESP write 0 anyway (RFC 6935 allows it over IPv6 for tunnels), and these headers exist for the
 * engine, which strips them and never forwards them.
 */
final class UdpInboundHeaders
{
    /** Bytes in front of an IPv4 datagram's payload: IPv4 header and UDP header. */
    static final int IPV4_OVERHEAD = Ipv4HeaderFlyweight.MIN_LENGTH + UdpHeaderFlyweight.LENGTH;
    /** Bytes in front of an IPv6 datagram's payload. */
    static final int IPV6_OVERHEAD = Ipv6HeaderFlyweight.LENGTH + UdpHeaderFlyweight.LENGTH;

    private static final int DEFAULT_HOP_LIMIT = 64;
    private static final int IPV6_VERSION = 0x6000_0000;
    private static final int TRAFFIC_CLASS_SHIFT = 20;

    private final Ipv4HeaderFlyweight ipv4 = new Ipv4HeaderFlyweight();
    private final Ipv6HeaderFlyweight ipv6 = new Ipv6HeaderFlyweight();
    private final UdpHeaderFlyweight udp = new UdpHeaderFlyweight();
    private final boolean ipv6Family;
    private final int localPort;
    private final int localIpv4;
    private final long localIpv6High;
    private final long localIpv6Low;

    /**
     * @param ipv6Family whether the socket is IPv6.
     * @param localPort the port it is bound to.
     * @param localIpv4 the IPv4 address it is bound to, big-endian, when IPv4.
     * @param localIpv6High the first eight bytes of the IPv6 address it is bound to, when IPv6.
     * @param localIpv6Low the last eight bytes.
     */
    UdpInboundHeaders(
        final boolean ipv6Family,
        final int localPort,
        final int localIpv4,
        final long localIpv6High,
        final long localIpv6Low)
    {
        this.ipv6Family = ipv6Family;
        this.localPort = localPort;
        this.localIpv4 = localIpv4;
        this.localIpv6High = localIpv6High;
        this.localIpv6Low = localIpv6Low;
    }

    /** @return the header bytes written in front of each payload. */
    int overhead()
    {
        return ipv6Family ? IPV6_OVERHEAD : IPV4_OVERHEAD;
    }

    /**
     * @param buffer the slot.
     * @param ipOffset where the IP header goes; the payload starts {@link #overhead()} later.
     * @param messages the descriptors the datagram was received with.
     * @param index its descriptor.
     * @param payloadLength the UDP payload's length.
     */
    void write(
        final MutableDirectBuffer buffer,
        final int ipOffset,
        final PortMessageArray messages,
        final int index,
        final int payloadLength)
    {
        final int hopLimit = messages.hopLimit(index);
        final int trafficClass = Math.max(messages.trafficClass(index), 0);
        final int udpLength = UdpHeaderFlyweight.LENGTH + payloadLength;
        final int udpOffset;
        if (ipv6Family)
        {
            final boolean local = messages.hasLocal(index);
            ipv6.wrap(buffer, ipOffset)
                .versionClassFlow(IPV6_VERSION | trafficClass << TRAFFIC_CLASS_SHIFT)
                .payloadLength(udpLength)
                .nextHeader(IpProtocols.UDP)
                .hopLimit(hopLimit >= 0 ? hopLimit : DEFAULT_HOP_LIMIT);
            final int source = ipv6.sourceIndex();
            final int destination = ipv6.destinationIndex();
            buffer.putLong(source, messages.peerIpv6High(index), ByteOrder.BIG_ENDIAN);
            buffer.putLong(source + 8, messages.peerIpv6Low(index), ByteOrder.BIG_ENDIAN);
            buffer.putLong(destination, local ? messages.localIpv6High(index) : localIpv6High, ByteOrder.BIG_ENDIAN);
            buffer.putLong(destination + 8, local ? messages.localIpv6Low(index) : localIpv6Low, ByteOrder.BIG_ENDIAN);
            udpOffset = ipOffset + Ipv6HeaderFlyweight.LENGTH;
        }
        else
        {
            ipv4.wrap(buffer, ipOffset)
                .versionAndHeaderLength(Ipv4HeaderFlyweight.MIN_LENGTH)
                .tos(trafficClass)
                .totalLength(Ipv4HeaderFlyweight.MIN_LENGTH + udpLength)
                .identification(0)
                .flagsAndFragmentOffset(0)
                .ttl(hopLimit >= 0 ? hopLimit : DEFAULT_HOP_LIMIT)
                .protocol(IpProtocols.UDP)
                .source(messages.peerIpv4(index))
                .destination(messages.hasLocal(index) ? messages.localIpv4(index) : localIpv4)
                .updateChecksum();
            udpOffset = ipOffset + Ipv4HeaderFlyweight.MIN_LENGTH;
        }
        udp.wrap(buffer, udpOffset)
            .sourcePort(messages.port(index))
            .destinationPort(localPort)
            .length(udpLength)
            .checksum(0);
    }
}
