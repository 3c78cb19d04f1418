package io.torii.dataplane.worker;

import io.torii.dataplane.handoff.IkeDatagramAdapter;
import io.torii.dataplane.handoff.IkeDatagramFlyweight;
import io.torii.dataplane.handoff.IkeDatagramHandler;
import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import java.nio.ByteOrder;
import java.util.Objects;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Turns the IKE messages the control plane queued on the IKE-out ring into IP/UDP packets for the
 * worker's NAT-T port to send: the gateway's address and port as source, the peer's as destination,
 * and the four-zero-byte non-ESP marker before the IKE header (RFC 3948 §2.2). The UDP port builds the
 * datagram again from these headers, so the UDP checksum is left 0.
 *
 * <p>Not thread-safe: the one worker that consumes the ring owns it; allocates nothing.
 */
final class IkeInject implements IkeDatagramHandler
{
    private static final int NON_ESP_MARKER_LENGTH = 4;
    private static final int IPV4_ADDRESS_LENGTH = 4;
    private static final int TTL = 64;
    private static final int IPV4_VERSION_IHL = 0x45;
    private static final int IPV6_VERSION = 0x6000_0000;

    private final IkeDatagramAdapter fromControl;
    private PacketBatch batch;
    private long dropped;

    /**
     * @param fromControl the reader of the IKE-out ring.
     */
    IkeInject(final IkeDatagramAdapter fromControl)
    {
        this.fromControl = Objects.requireNonNull(fromControl, "fromControl");
    }

    /**
     * Takes queued messages into a batch, as many as it has room for.
     *
     * @param outbound the batch, empty or partly filled; packets are added after those there.
     * @return how many messages were read from the ring.
     */
    int drainTo(final PacketBatch outbound)
    {
        final int room = outbound.capacity() - outbound.size();
        if (room == 0)
        {
            return 0;
        }
        batch = outbound;
        try
        {
            return fromControl.poll(this, room);
        }
        finally
        {
            batch = null;
        }
    }

    /** @return messages dropped because they would not fit a packet slot. */
    long dropped()
    {
        return dropped;
    }

    @Override
    public void onIkeDatagram(final IkeDatagramFlyweight datagram, final int ikeLength)
    {
        final boolean ipv4 = datagram.addressLength() == IPV4_ADDRESS_LENGTH;
        final int ipHeader = ipv4 ? Ipv4HeaderFlyweight.MIN_LENGTH : Ipv6HeaderFlyweight.LENGTH;
        // A NAT keepalive is the one datagram on this port sent without the non-ESP marker (RFC 3948 §2.3).
        final int marker = ikeLength == 1 && datagram.buffer().getByte(datagram.ikeOffset()) ==
            IkeDatagramFlyweight.NAT_KEEPALIVE ? 0 : NON_ESP_MARKER_LENGTH;
        final int udpLength = UdpHeaderFlyweight.LENGTH + marker + ikeLength;
        final int index = batch.claim(ipHeader + udpLength);
        if (index < 0)
        {
            dropped++;
            return;
        }
        final UnsafeBuffer buffer = batch.buffer(index);
        final int ip = batch.offset(index);
        if (ipv4)
        {
            writeIpv4(buffer, ip, datagram);
        }
        else
        {
            writeIpv6(buffer, ip, datagram);
        }
        IpLengths.update(buffer, ip, ipHeader + udpLength);
        final int udp = ip + ipHeader;
        buffer.putShort(udp + UdpHeaderFlyweight.SOURCE_PORT_OFFSET, (short)datagram.localPort(), ByteOrder.BIG_ENDIAN);
        buffer.putShort(udp + UdpHeaderFlyweight.DESTINATION_PORT_OFFSET, (short)datagram.remotePort(),
            ByteOrder.BIG_ENDIAN);
        buffer.putShort(udp + UdpHeaderFlyweight.LENGTH_OFFSET, (short)udpLength, ByteOrder.BIG_ENDIAN);
        buffer.putShort(udp + UdpHeaderFlyweight.CHECKSUM_OFFSET, (short)0);
        if (marker > 0)
        {
            buffer.putInt(udp + UdpHeaderFlyweight.LENGTH, 0);
        }
        buffer.putBytes(udp + UdpHeaderFlyweight.LENGTH + marker, datagram.buffer(), datagram.ikeOffset(), ikeLength);
    }

    private static void writeIpv4(final UnsafeBuffer buffer, final int ip, final IkeDatagramFlyweight datagram)
    {
        buffer.setMemory(ip, Ipv4HeaderFlyweight.MIN_LENGTH, (byte)0);
        buffer.putByte(ip + Ipv4HeaderFlyweight.VERSION_IHL_OFFSET, (byte)IPV4_VERSION_IHL);
        buffer.putByte(ip + Ipv4HeaderFlyweight.TTL_OFFSET, (byte)TTL);
        buffer.putByte(ip + Ipv4HeaderFlyweight.PROTOCOL_OFFSET, (byte)IpProtocols.UDP);
        buffer.putBytes(ip + Ipv4HeaderFlyweight.SOURCE_OFFSET, datagram.buffer(), datagram.localAddressOffset(),
            IPV4_ADDRESS_LENGTH);
        buffer.putBytes(ip + Ipv4HeaderFlyweight.DESTINATION_OFFSET, datagram.buffer(),
            datagram.remoteAddressOffset(), IPV4_ADDRESS_LENGTH);
    }

    private static void writeIpv6(final UnsafeBuffer buffer, final int ip, final IkeDatagramFlyweight datagram)
    {
        buffer.putInt(ip + Ipv6HeaderFlyweight.VERSION_CLASS_FLOW_OFFSET, IPV6_VERSION, ByteOrder.BIG_ENDIAN);
        buffer.putByte(ip + Ipv6HeaderFlyweight.NEXT_HEADER_OFFSET, (byte)IpProtocols.UDP);
        buffer.putByte(ip + Ipv6HeaderFlyweight.HOP_LIMIT_OFFSET, (byte)TTL);
        buffer.putBytes(ip + Ipv6HeaderFlyweight.SOURCE_OFFSET, datagram.buffer(), datagram.localAddressOffset(),
            Ipv6HeaderFlyweight.ADDRESS_LENGTH);
        buffer.putBytes(ip + Ipv6HeaderFlyweight.DESTINATION_OFFSET, datagram.buffer(),
            datagram.remoteAddressOffset(), Ipv6HeaderFlyweight.ADDRESS_LENGTH);
    }
}
