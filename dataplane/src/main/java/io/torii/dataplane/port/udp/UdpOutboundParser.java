package io.torii.dataplane.port.udp;

import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import io.torii.nativeshim.PortMessageArray;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Turns an outbound IP/UDP packet of the engine into a send descriptor: the UDP payload, sent to
 * the IP destination and UDP destination port, with the header's TTL or hop limit and TOS or
 * traffic class (ECN bits included), and from the header's source address when the socket is
 * bound to the wildcard (the kernel picks the route's source otherwise, and a socket bound to one
 * address always sends from it).
 *
 * <p>Refuses (returns false for) anything the socket cannot send as it stands: not the socket's IP
 * version, headers that do not fit the packet, a protocol or IPv6 next header other than UDP
 * (IPv6 extension headers included), an IPv4 fragment, a UDP length outside the IP payload, a
 * source port other than the socket's, a zero destination port or address.
 */
final class UdpOutboundParser
{
    private final Ipv4HeaderFlyweight ipv4 = new Ipv4HeaderFlyweight();
    private final Ipv6HeaderFlyweight ipv6 = new Ipv6HeaderFlyweight();
    private final UdpHeaderFlyweight udp = new UdpHeaderFlyweight();
    private final boolean ipv6Family;
    private final boolean wildcard;
    private final int localPort;
    private final int scopeId;

    /**
     * @param ipv6Family whether the socket is IPv6.
     * @param wildcard whether it is bound to the wildcard address.
     * @param localPort the port it is bound to.
     * @param scopeId the scope of its IPv6 address, used for link-local destinations.
     */
    UdpOutboundParser(final boolean ipv6Family, final boolean wildcard, final int localPort, final int scopeId)
    {
        this.ipv6Family = ipv6Family;
        this.wildcard = wildcard;
        this.localPort = localPort;
        this.scopeId = scopeId;
    }

    /**
     * @param batch the packets.
     * @param index the packet, disposition OK.
     * @param messages where to describe it.
     * @param slot its descriptor.
     * @return true when the descriptor is set; false when the packet cannot be sent.
     */
    boolean describe(final PacketBatch batch, final int index, final PortMessageArray messages, final int slot)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int offset = batch.offset(index);
        final int length = batch.length(index);
        return ipv6Family ?
            describeIpv6(buffer, offset, length, batch.address(index), messages, slot) :
            describeIpv4(buffer, offset, length, batch.address(index), messages, slot);
    }

    private boolean describeIpv4(
        final UnsafeBuffer buffer,
        final int offset,
        final int length,
        final long slotAddress,
        final PortMessageArray messages,
        final int slot)
    {
        if (length < Ipv4HeaderFlyweight.MIN_LENGTH)
        {
            return false;
        }
        ipv4.wrap(buffer, offset);
        if (!ipv4.isValid(length) || ipv4.protocol() != IpProtocols.UDP || ipv4.isFragment() ||
            ipv4.destination() == 0)
        {
            return false;
        }
        final int udpOffset = offset + ipv4.headerLength();
        final int payloadLength = udpPayloadLength(buffer, udpOffset, ipv4.totalLength() - ipv4.headerLength());
        if (payloadLength < 0)
        {
            return false;
        }
        messages.buffer(slot, slotAddress + udpOffset + UdpHeaderFlyweight.LENGTH, payloadLength);
        messages.peerIpv4(slot, ipv4.destination(), udp.destinationPort());
        messages.hopLimit(slot, ipv4.ttl());
        messages.trafficClass(slot, ipv4.tos());
        if (wildcard && ipv4.source() != 0)
        {
            messages.localIpv4(slot, ipv4.source());
        }
        return true;
    }

    private boolean describeIpv6(
        final UnsafeBuffer buffer,
        final int offset,
        final int length,
        final long slotAddress,
        final PortMessageArray messages,
        final int slot)
    {
        if (length < Ipv6HeaderFlyweight.LENGTH)
        {
            return false;
        }
        ipv6.wrap(buffer, offset);
        if (!ipv6.isValid(length) || ipv6.nextHeader() != IpProtocols.UDP)
        {
            return false;
        }
        final int destination = ipv6.destinationIndex();
        final long destinationHigh = buffer.getLong(destination, ByteOrder.BIG_ENDIAN);
        final long destinationLow = buffer.getLong(destination + 8, ByteOrder.BIG_ENDIAN);
        final int udpOffset = offset + Ipv6HeaderFlyweight.LENGTH;
        final int payloadLength = udpPayloadLength(buffer, udpOffset, ipv6.payloadLength());
        if (payloadLength < 0 || (destinationHigh == 0 && destinationLow == 0))
        {
            return false;
        }
        messages.buffer(slot, slotAddress + udpOffset + UdpHeaderFlyweight.LENGTH, payloadLength);
        messages.peerIpv6(slot, destinationHigh, destinationLow, scopeId, udp.destinationPort());
        messages.hopLimit(slot, ipv6.hopLimit());
        messages.trafficClass(slot, ipv6.versionClassFlow() >>> 20 & 0xFF);
        final int source = ipv6.sourceIndex();
        final long sourceHigh = buffer.getLong(source, ByteOrder.BIG_ENDIAN);
        final long sourceLow = buffer.getLong(source + 8, ByteOrder.BIG_ENDIAN);
        if (wildcard && (sourceHigh != 0 || sourceLow != 0))
        {
            messages.localIpv6(slot, sourceHigh, sourceLow);
        }
        return true;
    }

    /**
     * @return the UDP payload's length, or -1 when the UDP header does not fit {@code available}
     *         bytes, its length disagrees, its source port is not the socket's or its destination port is 0.
     */
    private int udpPayloadLength(final UnsafeBuffer buffer, final int udpOffset, final int available)
    {
        if (available < UdpHeaderFlyweight.LENGTH)
        {
            return -1;
        }
        udp.wrap(buffer, udpOffset);
        final int udpLength = udp.length();
        if (udpLength < UdpHeaderFlyweight.LENGTH || udpLength > available || udp.sourcePort() != localPort ||
            udp.destinationPort() == 0)
        {
            return -1;
        }
        return udpLength - UdpHeaderFlyweight.LENGTH;
    }
}
