package io.torii.dataplane.worker;

import io.torii.dataplane.handoff.IkeDatagramFlyweight;
import io.torii.dataplane.handoff.IkeDatagramProxy;
import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import io.torii.dataplane.status.Disposition;
import java.nio.ByteOrder;
import java.util.Objects;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends the IKE messages a worker receives on the NAT-T port up to the control plane. IKE and ESP in
 * UDP share that port (RFC 3948 §2.2): a UDP payload that starts with the four-zero-byte non-ESP
 * marker is IKE, and goes, marker taken off, on the IKE-in ring with its addresses and ports.
 * Anything else the ESP engine did not take (a NAT keepalive, other traffic) stays not IPsec.
 *
 * <p>Not thread-safe: one per worker; allocates nothing.
 */
final class IkePunt
{
    private static final int NON_ESP_MARKER_LENGTH = 4;
    private static final int IPV4_ADDRESS_LENGTH = 4;

    private final IkeDatagramProxy toControl;
    private final IpPacketParser parser = new IpPacketParser();

    /**
     * @param toControl the writer of the IKE-in ring.
     */
    IkePunt(final IkeDatagramProxy toControl)
    {
        this.toControl = Objects.requireNonNull(toControl, "toControl");
    }

    /**
     * A first look, a few loads, for every packet off the WAN port: is it UDP whose payload starts with
     * four zero bytes? Only those are worth {@link #offer}'s full check.
     *
     * @param buffer the packet.
     * @param offset where its IP header starts.
     * @param length its length.
     * @return true when it may be IKE behind the non-ESP marker.
     */
    static boolean mayBeIke(final UnsafeBuffer buffer, final int offset, final int length)
    {
        if (length < Ipv4HeaderFlyweight.MIN_LENGTH)
        {
            return false;
        }
        final int first = buffer.getByte(offset) & 0xFF;
        final int udp;
        final int protocol;
        if (first >>> 4 == 4)
        {
            udp = offset + (first & 0x0F) * 4;
            protocol = buffer.getByte(offset + Ipv4HeaderFlyweight.PROTOCOL_OFFSET) & 0xFF;
        }
        else if (first >>> 4 == 6)
        {
            udp = offset + Ipv6HeaderFlyweight.LENGTH;
            protocol = buffer.getByte(offset + Ipv6HeaderFlyweight.NEXT_HEADER_OFFSET) & 0xFF;
        }
        else
        {
            return false;
        }
        return protocol == IpProtocols.UDP &&
            udp + UdpHeaderFlyweight.LENGTH + NON_ESP_MARKER_LENGTH <= offset + length &&
            buffer.getInt(udp + UdpHeaderFlyweight.LENGTH) == 0;
    }

    /**
     * @param buffer the packet, from its IP header, as the WAN port received it.
     * @param offset where the IP header starts.
     * @param length the packet's length.
     * @return {@link Disposition#IKE_TO_CONTROL} when the packet was IKE and went up,
     *         {@link Disposition#IKE_RING_FULL} when it was IKE and the ring had no room, and
     *         {@link Disposition#NOT_IPSEC} when it is not IKE.
     */
    Disposition offer(final UnsafeBuffer buffer, final int offset, final int length)
    {
        if (parser.parse(buffer, offset, length) != Disposition.OK || parser.protocol() != IpProtocols.UDP ||
            parser.isFragment())
        {
            return Disposition.NOT_IPSEC;
        }
        final int udp = parser.headerEnd();
        if (parser.packetEnd() - udp < UdpHeaderFlyweight.LENGTH)
        {
            return Disposition.NOT_IPSEC;
        }
        final int udpLength = buffer.getShort(udp + UdpHeaderFlyweight.LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int ike = udp + UdpHeaderFlyweight.LENGTH + NON_ESP_MARKER_LENGTH;
        final int ikeLength = udpLength - UdpHeaderFlyweight.LENGTH - NON_ESP_MARKER_LENGTH;
        if (udp + udpLength > parser.packetEnd() || ikeLength < IkeDatagramFlyweight.MIN_MESSAGE_LENGTH ||
            buffer.getInt(udp + UdpHeaderFlyweight.LENGTH) != 0)
        {
            return Disposition.NOT_IPSEC;
        }
        final boolean ipv4 = parser.version() == 4;
        final int addressLength = ipv4 ? IPV4_ADDRESS_LENGTH : Ipv6HeaderFlyweight.ADDRESS_LENGTH;
        final int source = offset + (ipv4 ? Ipv4HeaderFlyweight.SOURCE_OFFSET : Ipv6HeaderFlyweight.SOURCE_OFFSET);
        final int destination = offset +
            (ipv4 ? Ipv4HeaderFlyweight.DESTINATION_OFFSET : Ipv6HeaderFlyweight.DESTINATION_OFFSET);
        final int sourcePort = buffer.getShort(udp + UdpHeaderFlyweight.SOURCE_PORT_OFFSET, ByteOrder.BIG_ENDIAN) &
            0xFFFF;
        final int destinationPort = buffer.getShort(udp + UdpHeaderFlyweight.DESTINATION_PORT_OFFSET,
            ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final boolean sent = toControl.send(addressLength, buffer, destination, destinationPort, source, sourcePort,
            buffer, ike, ikeLength);
        return sent ? Disposition.IKE_TO_CONTROL : Disposition.IKE_RING_FULL;
    }
}
