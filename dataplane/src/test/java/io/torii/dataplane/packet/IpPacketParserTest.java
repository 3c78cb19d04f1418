package io.torii.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import java.nio.ByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class IpPacketParserTest
{
    private final IpPacketParser parser = new IpPacketParser();

    @Test
    void ipv4HeaderWithOptionsAndLinkPadding()
    {
        final byte[] packet = new byte[28 + 8 + 6];
        final ByteBuffer bytes = ByteBuffer.wrap(packet);
        bytes.put((byte)0x47).put((byte)0xB8).putShort((short)(28 + 8)).putInt(0).put((byte)9).put((byte)17);
        java.util.Arrays.fill(packet, 20, 28, (byte)1); // eight NOP options

        assertThat(parser.parse(new UnsafeBuffer(packet), 0, packet.length)).isEqualTo(Disposition.OK);
        assertThat(parser.version()).isEqualTo(4);
        assertThat(parser.headerEnd()).isEqualTo(28);
        assertThat(parser.packetEnd()).as("trailing link padding is not part of the packet").isEqualTo(36);
        assertThat(parser.protocol()).isEqualTo(17);
        assertThat(parser.protocolFieldIndex()).isEqualTo(9);
        assertThat(parser.trafficClass()).isEqualTo(0xB8);
        assertThat(parser.isFragment()).isFalse();
    }

    @Test
    void ipv4FragmentsAreRecognised()
    {
        final byte[] packet = Packets.udp("192.0.2.1", "192.0.2.2", 10, 1);
        packet[6] = 0x20; // more fragments

        assertThat(parser.parse(new UnsafeBuffer(packet), 0, packet.length)).isEqualTo(Disposition.OK);
        assertThat(parser.isFragment()).isTrue();
    }

    @Test
    void ipv6ExtensionHeadersThatPrecedeIpsecAreSkipped()
    {
        // IPv6 | hop-by-hop (8) | routing (24, segments left 0) | destination options (8) | UDP
        final byte[] packet = new byte[40 + 8 + 24 + 8 + 8];
        final ByteBuffer bytes = ByteBuffer.wrap(packet);
        bytes.putInt(0x6000_0000).putShort((short)(packet.length - 40)).put((byte)0).put((byte)64);
        packet[40] = 43;            // hop-by-hop -> routing
        packet[48] = 60;            // routing -> destination options
        packet[49] = 2;             // 24 bytes
        packet[72] = 17;            // destination options -> UDP

        assertThat(parser.parse(new UnsafeBuffer(packet), 0, packet.length)).isEqualTo(Disposition.OK);
        assertThat(parser.headerEnd()).isEqualTo(80);
        assertThat(parser.protocol()).isEqualTo(17);
        assertThat(parser.protocolFieldIndex()).isEqualTo(72);
        assertThat(parser.isFragment()).isFalse();
    }

    @Test
    void ipv6FragmentHeaderMarksAFragment()
    {
        final byte[] packet = new byte[40 + 8 + 8];
        final ByteBuffer bytes = ByteBuffer.wrap(packet);
        bytes.putInt(0x6000_0000).putShort((short)16).put((byte)44).put((byte)64);
        packet[40] = 17;

        assertThat(parser.parse(new UnsafeBuffer(packet), 0, packet.length)).isEqualTo(Disposition.OK);
        assertThat(parser.isFragment()).isTrue();
        assertThat(parser.headerEnd()).isEqualTo(48);
    }

    @Test
    void malformedAndShortHeaders()
    {
        final byte[] ipv4 = Packets.udp("192.0.2.1", "192.0.2.2", 10, 1);
        assertThat(parser.parse(new UnsafeBuffer(ipv4), 0, 19)).isEqualTo(Disposition.TOO_SHORT);
        assertThat(parser.parse(new UnsafeBuffer(ipv4), 0, 0)).isEqualTo(Disposition.TOO_SHORT);
        assertThat(parser.parse(new UnsafeBuffer(ipv4), 0, ipv4.length - 1)).as("total length past the end")
            .isEqualTo(Disposition.MALFORMED);
        final byte[] badIhl = ipv4.clone();
        badIhl[0] = 0x44;
        assertThat(parser.parse(new UnsafeBuffer(badIhl), 0, badIhl.length)).isEqualTo(Disposition.MALFORMED);
        final byte[] version5 = ipv4.clone();
        version5[0] = 0x55;
        assertThat(parser.parse(new UnsafeBuffer(version5), 0, version5.length)).isEqualTo(Disposition.MALFORMED);

        final byte[] ipv6 = Packets.udp("2001:db8::1", "2001:db8::2", 10, 1);
        assertThat(parser.parse(new UnsafeBuffer(ipv6), 0, 39)).isEqualTo(Disposition.TOO_SHORT);
        final byte[] runaway = ipv6.clone();
        runaway[6] = 0;            // hop-by-hop whose length runs past the packet
        runaway[41] = (byte)200;
        assertThat(parser.parse(new UnsafeBuffer(runaway), 0, runaway.length)).isEqualTo(Disposition.MALFORMED);
    }

    @Test
    void internetChecksumMatchesAnIndependentComputation()
    {
        final byte[] packet = Packets.udp("198.51.100.7", "203.0.113.9", 33, 5);
        final UnsafeBuffer buffer = new UnsafeBuffer(packet);
        final int stored = buffer.getShort(10, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;

        new Ipv4HeaderFlyweight().wrap(buffer, 0).updateChecksum();

        assertThat(buffer.getShort(10, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF).isEqualTo(stored)
            .isEqualTo(Packets.ipv4Checksum(packet));
        assertThat(new Ipv4HeaderFlyweight().wrap(buffer, 0).isChecksumValid()).isTrue();
        packet[8]--;
        assertThat(new Ipv4HeaderFlyweight().wrap(buffer, 0).isChecksumValid()).isFalse();
    }
}
