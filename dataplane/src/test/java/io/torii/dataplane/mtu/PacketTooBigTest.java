package io.torii.dataplane.mtu;

import static io.torii.dataplane.mtu.TestPackets.address;
import static io.torii.dataplane.mtu.TestPackets.u16;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketTooBigTest
{
    private static final String GATEWAY4 = "203.0.113.1";
    private static final String GATEWAY6 = "2001:db8:ffff::1";

    private final PacketTooBig tooBig = new PacketTooBig(
        ByteBuffer.wrap(address(GATEWAY4)).getInt(), true, address(GATEWAY6));
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[2048]);

    private static byte[] payload(final int length, final long seed)
    {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] ipv4(final String source, final String destination, final int protocol, final int length)
    {
        return TestPackets.ip(source, destination, protocol, payload(length - 20, length));
    }

    private static byte[] ipv6(final String source, final String destination, final int nextHeader, final int length)
    {
        return TestPackets.ip(source, destination, nextHeader, payload(length - 40, length));
    }

    private static void setFlags(final byte[] ipv4, final int flagsAndOffset)
    {
        ipv4[6] = (byte)(flagsAndOffset >>> 8);
        ipv4[7] = (byte)flagsAndOffset;
        ipv4[10] = 0;
        ipv4[11] = 0;
        final int checksum = TestPackets.checksum(ipv4, 0, 20, 0);
        ipv4[10] = (byte)(checksum >>> 8);
        ipv4[11] = (byte)checksum;
    }

    private int build(final byte[] packet, final int mtu)
    {
        return tooBig.build(new UnsafeBuffer(packet), 0, packet.length, mtu, out, 0, out.capacity());
    }

    private byte[] reply(final int length)
    {
        final byte[] bytes = new byte[length];
        out.getBytes(0, bytes);
        return bytes;
    }

    @Test
    void ipv4ReplyQuotesUpTo576BytesAndEveryFieldIsRight()
    {
        final byte[] packet = ipv4("192.0.2.10", "198.51.100.20", 6, 1500);

        final int length = build(packet, 1400);

        assertThat(length).isEqualTo(576);
        final byte[] reply = reply(length);
        assertThat(reply[0]).as("version 4, IHL 5").isEqualTo((byte)0x45);
        assertThat(reply[1] & 0xFF).as("TOS: internetwork control").isEqualTo(0xC0);
        assertThat(u16(reply, 2)).as("total length").isEqualTo(576);
        assertThat(u16(reply, 6)).as("flags and offset").isZero();
        assertThat(reply[8] & 0xFF).as("TTL").isEqualTo(64);
        assertThat(reply[9]).as("protocol ICMP").isEqualTo((byte)1);
        assertThat(TestPackets.checksum(reply, 0, 20, 0)).as("header checksum verifies").isZero();
        assertThat(Arrays.copyOfRange(reply, 12, 16)).isEqualTo(address(GATEWAY4));
        assertThat(Arrays.copyOfRange(reply, 16, 20)).isEqualTo(address("192.0.2.10"));
        assertThat(reply[20]).as("type").isEqualTo((byte)3);
        assertThat(reply[21]).as("code").isEqualTo((byte)4);
        assertThat(TestPackets.checksum(reply, 20, 556, 0)).as("ICMP checksum verifies").isZero();
        assertThat(u16(reply, 24)).as("unused").isZero();
        assertThat(u16(reply, 26)).as("next-hop MTU").isEqualTo(1400);
        assertThat(Arrays.copyOfRange(reply, 28, 576)).isEqualTo(Arrays.copyOf(packet, 548));
    }

    @Test
    void smallIpv4PacketIsQuotedWhole()
    {
        final byte[] packet = ipv4("192.0.2.10", "198.51.100.20", 17, 100);

        final int length = build(packet, 80);

        assertThat(length).isEqualTo(20 + 8 + 100);
        final byte[] reply = reply(length);
        assertThat(u16(reply, 2)).isEqualTo(128);
        assertThat(u16(reply, 26)).isEqualTo(80);
        assertThat(TestPackets.checksum(reply, 0, 20, 0)).isZero();
        assertThat(TestPackets.checksum(reply, 20, 108, 0)).isZero();
        assertThat(Arrays.copyOfRange(reply, 28, 128)).isEqualTo(packet);
    }

    @Test
    void ipv4IcmpEchoIsAnswered()
    {
        final byte[] packet = ipv4("192.0.2.10", "198.51.100.20", 1, 1500);
        packet[20] = 8; // echo request

        assertThat(build(packet, 1400)).isEqualTo(576);
    }

    @Test
    void ipv6ReplyQuotesUpTo1280BytesAndEveryFieldIsRight()
    {
        final byte[] packet = ipv6("2001:db8::10", "2001:db8:1::20", 17, 1500);

        final int length = build(packet, 1400);

        assertThat(length).isEqualTo(1280);
        final byte[] reply = reply(length);
        assertThat(ByteBuffer.wrap(reply).getInt(0)).as("version 6, class 0, flow 0").isEqualTo(0x6000_0000);
        assertThat(u16(reply, 4)).as("payload length").isEqualTo(1240);
        assertThat(reply[6]).as("next header ICMPv6").isEqualTo((byte)58);
        assertThat(reply[7] & 0xFF).as("hop limit").isEqualTo(64);
        assertThat(Arrays.copyOfRange(reply, 8, 24)).isEqualTo(address(GATEWAY6));
        assertThat(Arrays.copyOfRange(reply, 24, 40)).isEqualTo(address("2001:db8::10"));
        assertThat(reply[40]).as("type").isEqualTo((byte)2);
        assertThat(reply[41]).as("code").isZero();
        assertThat(ByteBuffer.wrap(reply).getInt(44)).as("MTU").isEqualTo(1400);
        assertThat(u16(reply, 42)).as("checksum with the pseudo-header")
            .isEqualTo(TestPackets.upperLayerChecksum(reply, 40, 42, 58));
        assertThat(Arrays.copyOfRange(reply, 48, 1280)).isEqualTo(Arrays.copyOf(packet, 1232));
    }

    @Test
    void ipv6FirstFragmentAndEchoRequestAreAnswered()
    {
        final byte[] firstFragment = ipv6("2001:db8::10", "2001:db8:1::20", 44, 1500);
        firstFragment[40] = 58; // fragment header -> ICMPv6
        firstFragment[42] = 0;
        firstFragment[43] = 1; // offset 0, more fragments
        firstFragment[48] = (byte)128; // echo request
        final byte[] multicastDestination = ipv6("2001:db8::10", "ff0e::1", 17, 1500);

        assertThat(build(firstFragment, 1280)).isEqualTo(1280);
        assertThat(build(multicastDestination, 1280)).isEqualTo(1280);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'DF clear',                     192.0.2.10,   198.51.100.20, 6,  0x0000, -1, -4",
        "'non-first fragment',           192.0.2.10,   198.51.100.20, 6,  0x4010, -1, -3",
        "'ICMP unreachable',             192.0.2.10,   198.51.100.20, 1,  0x4000, 3,  -1",
        "'ICMP time exceeded',           192.0.2.10,   198.51.100.20, 1,  0x4000, 11, -1",
        "'multicast source',             224.0.0.5,    198.51.100.20, 6,  0x4000, -1, -2",
        "'broadcast source',             255.255.255.255, 198.51.100.20, 6, 0x4000, -1, -2",
        "'unspecified source',           0.0.0.0,      198.51.100.20, 6,  0x4000, -1, -2",
        "'loopback source',              127.0.0.1,    198.51.100.20, 6,  0x4000, -1, -2",
        "'multicast destination',        192.0.2.10,   239.1.2.3,     17, 0x4000, -1, -2",
        "'broadcast destination',        192.0.2.10,   255.255.255.255, 17, 0x4000, -1, -2",
    })
    void ipv4PacketsThatMustNotBeAnswered(final String name, final String source, final String destination,
        final int protocol, final String flags, final int icmpType, final int expected)
    {
        final byte[] packet = ipv4(source, destination, protocol, 1500);
        setFlags(packet, Integer.decode(flags));
        if (icmpType >= 0)
        {
            packet[20] = (byte)icmpType;
        }
        out.setMemory(0, out.capacity(), (byte)0x5A);

        assertThat(build(packet, 1400)).isEqualTo(expected);
        assertThat(out.getByte(0)).as("nothing written").isEqualTo((byte)0x5A);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'ICMPv6 destination unreachable', 2001:db8::10, 2001:db8::20, 58, 1,  -1",
        "'ICMPv6 packet too big',          2001:db8::10, 2001:db8::20, 58, 2,  -1",
        "'multicast source',               ff02::1,      2001:db8::20, 17, -1, -2",
        "'unspecified source',             ::,           2001:db8::20, 17, -1, -2",
        "'loopback source',                ::1,          2001:db8::20, 17, -1, -2",
        "'non-first fragment',             2001:db8::10, 2001:db8::20, 44, -1, -3",
    })
    void ipv6PacketsThatMustNotBeAnswered(final String name, final String source, final String destination,
        final int nextHeader, final int icmpType, final int expected)
    {
        final byte[] packet = ipv6(source, destination, nextHeader, 1500);
        if (icmpType >= 0)
        {
            packet[40] = (byte)icmpType;
        }
        if (nextHeader == 44)
        {
            packet[40] = 17;
            packet[42] = 0x05;
            packet[43] = (byte)0xA8; // offset 181 * 8
        }

        assertThat(build(packet, 1280)).isEqualTo(expected);
    }

    @Test
    void badMtusMalformedPacketsAndSmallBuffersGetNoReply()
    {
        final byte[] v4 = ipv4("192.0.2.10", "198.51.100.20", 6, 1500);
        final byte[] v6 = ipv6("2001:db8::10", "2001:db8::20", 6, 1500);
        final byte[] truncated = Arrays.copyOf(v4, 1000);
        final byte[] garbage = new byte[60];
        garbage[0] = 0x15;

        assertThat(build(v4, 1500)).as("fits the MTU").isEqualTo(PacketTooBig.BAD_MTU);
        assertThat(build(v4, 60)).as("below 68").isEqualTo(PacketTooBig.BAD_MTU);
        assertThat(build(v6, 1279)).as("below 1280").isEqualTo(PacketTooBig.BAD_MTU);
        assertThat(build(truncated, 576)).isEqualTo(PacketTooBig.MALFORMED);
        assertThat(build(garbage, 576)).isEqualTo(PacketTooBig.MALFORMED);
        assertThat(tooBig.build(new UnsafeBuffer(v4), 0, v4.length, 1400, out, 0, 575))
            .isEqualTo(PacketTooBig.NO_ROOM);
        assertThat(new PacketTooBig(0, false, null).build(new UnsafeBuffer(v6), 0, v6.length, 1280, out, 0, 2048))
            .isEqualTo(PacketTooBig.NO_GATEWAY);
    }

    @Test
    void replyGoesIntoANewSlotOfABatch()
    {
        final PacketBatch batch = new PacketBatch(2, 2048);
        final byte[] packet = ipv4("192.0.2.10", "198.51.100.20", 6, 1500);
        final int index = batch.add(packet, 0, packet.length);

        final int slot = tooBig.build(batch, index, 1400, batch);

        assertThat(slot).isEqualTo(1);
        assertThat(batch.length(slot)).isEqualTo(576);
        final byte[] reply = batch.copyOut(slot);
        assertThat(TestPackets.checksum(reply, 20, 556, 0)).isZero();
        assertThat(Arrays.copyOfRange(reply, 28, 576)).isEqualTo(Arrays.copyOf(packet, 548));
        assertThat(tooBig.build(batch, index, 1400, batch)).as("batch full").isEqualTo(PacketTooBig.NO_ROOM);
        assertThat(batch.size()).isEqualTo(2);
    }
}
