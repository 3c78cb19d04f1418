package io.torii.dataplane.port.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.testing.Packets;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Builds the IP/UDP packets the UDP port tests send and checks the ones they receive, byte by
 * byte, with code of its own rather than the flyweights the port uses.
 */
final class UdpPackets
{
    private UdpPackets()
    {
    }

    /** One end of a flow: address and port. */
    record Endpoint(InetAddress address, int port)
    {
        boolean ipv6()
        {
            return address instanceof Inet6Address;
        }
    }

    /**
     * @param index the packet's number in a burst.
     * @return a payload of a length and content that differ from packet to packet: the first is
     *         empty, the second a NAT keepalive (0xFF), the third starts with the non-ESP marker.
     */
    static byte[] payload(final int index)
    {
        if (index == 0)
        {
            return new byte[0];
        }
        if (index == 1)
        {
            return new byte[] {(byte)0xFF};
        }
        final byte[] bytes = new byte[8 + index * 37 % 1400];
        new Random(index).nextBytes(bytes);
        if (index == 2)
        {
            Arrays.fill(bytes, 0, 4, (byte)0);
        }
        return bytes;
    }

    /**
     * @return an IPv4 or IPv6 packet from {@code source} to {@code destination} carrying UDP with
     *         {@code payload}; IPv4 with a valid header checksum and identification 0x1234.
     */
    static byte[] build(
        final Endpoint source,
        final Endpoint destination,
        final int trafficClass,
        final int hopLimit,
        final byte[] payload)
    {
        final int udpLength = 8 + payload.length;
        final int headerLength = source.ipv6() ? 40 : 20;
        final ByteBuffer packet = ByteBuffer.allocate(headerLength + udpLength);
        if (source.ipv6())
        {
            packet.putInt(0x6000_0000 | trafficClass << 20 | 0xABCDE).putShort((short)udpLength).put((byte)17)
                .put((byte)hopLimit).put(source.address().getAddress()).put(destination.address().getAddress());
        }
        else
        {
            packet.put((byte)0x45).put((byte)trafficClass).putShort((short)(headerLength + udpLength))
                .putShort((short)0x1234).putShort((short)0x4000).put((byte)hopLimit).put((byte)17).putShort((short)0)
                .put(source.address().getAddress()).put(destination.address().getAddress());
            packet.putShort(10, (short)Packets.ipv4Checksum(packet.array()));
        }
        packet.putShort((short)source.port()).putShort((short)destination.port()).putShort((short)udpLength)
            .putShort((short)0x5555).put(payload);
        return packet.array();
    }

    /**
     * Checks a received packet against what was sent: the headers the port wrote and the payload.
     */
    static void assertReceived(
        final PacketBatch batch,
        final int index,
        final Endpoint source,
        final Endpoint destination,
        final int trafficClass,
        final int hopLimit,
        final byte[] payload)
    {
        final byte[] packet = batch.copyOut(index);
        final ByteBuffer in = ByteBuffer.wrap(packet);
        final int headerLength = source.ipv6() ? 40 : 20;
        final int udpLength = 8 + payload.length;
        assertThat(batch.offset(index)).as("IP header right in front of the payload at HEADROOM")
            .isEqualTo(PacketBatch.HEADROOM - headerLength - 8);
        assertThat(packet).hasSize(headerLength + udpLength);
        if (source.ipv6())
        {
            assertThat(in.getInt(0)).as("version, traffic class, flow label")
                .isEqualTo(0x6000_0000 | trafficClass << 20);
            assertThat(in.getShort(4) & 0xFFFF).as("payload length").isEqualTo(udpLength);
            assertThat(packet[6]).as("next header").isEqualTo((byte)17);
            assertThat(packet[7] & 0xFF).as("hop limit").isEqualTo(hopLimit);
            assertThat(Arrays.copyOfRange(packet, 8, 24)).as("source").isEqualTo(source.address().getAddress());
            assertThat(Arrays.copyOfRange(packet, 24, 40)).as("destination")
                .isEqualTo(destination.address().getAddress());
        }
        else
        {
            assertThat(packet[0]).as("version and IHL").isEqualTo((byte)0x45);
            assertThat(packet[1] & 0xFF).as("TOS").isEqualTo(trafficClass);
            assertThat(in.getShort(2) & 0xFFFF).as("total length").isEqualTo(headerLength + udpLength);
            assertThat(packet[8] & 0xFF).as("TTL").isEqualTo(hopLimit);
            assertThat(packet[9]).as("protocol").isEqualTo((byte)17);
            assertThat(in.getShort(10) & 0xFFFF).as("header checksum").isEqualTo(Packets.ipv4Checksum(packet));
            assertThat(Arrays.copyOfRange(packet, 12, 16)).as("source").isEqualTo(source.address().getAddress());
            assertThat(Arrays.copyOfRange(packet, 16, 20)).as("destination")
                .isEqualTo(destination.address().getAddress());
        }
        assertThat(in.getShort(headerLength) & 0xFFFF).as("UDP source port").isEqualTo(source.port());
        assertThat(in.getShort(headerLength + 2) & 0xFFFF).as("UDP destination port").isEqualTo(destination.port());
        assertThat(in.getShort(headerLength + 4) & 0xFFFF).as("UDP length").isEqualTo(udpLength);
        assertThat(in.getShort(headerLength + 6)).as("UDP checksum").isZero();
        assertThat(Arrays.copyOfRange(packet, headerLength + 8, packet.length)).as("payload").isEqualTo(payload);
    }

    /**
     * Receives until {@code count} packets are in the batch, waiting in poll between bursts.
     *
     * @return how many receive calls it took.
     */
    static int receive(final UdpEspPort port, final PacketBatch batch, final int count)
    {
        int calls = 0;
        while (batch.size() < count)
        {
            assertThat(port.awaitReadable(10_000)).as("%s: %d of %d packets after 10 s", port.name(), batch.size(),
                count).isTrue();
            port.receive(batch);
            calls++;
        }
        return calls;
    }
}
