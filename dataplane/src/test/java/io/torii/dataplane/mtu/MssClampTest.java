package io.torii.dataplane.mtu;

import static io.torii.dataplane.mtu.TestPackets.u16;
import static io.torii.dataplane.mtu.TestPackets.upperLayerChecksum;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.status.Disposition;
import java.nio.ByteBuffer;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MssClampTest
{
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final byte[] MSS_1460 = {2, 4, 0x05, (byte)0xB4};
    private static final byte[] TYPICAL_SYN_OPTIONS = {
        2, 4, 0x05, (byte)0xB4, 4, 2, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0, 1, 3, 3, 7};

    private final MssClamp clamp = new MssClamp();

    /** A TCP segment with the given flags and options (padded to 4 bytes with EOL), then wrapped in IP. */
    private static byte[] tcp(final String source, final String destination, final int flags, final byte[] options,
        final int payloadLength)
    {
        final int optionsLength = (options.length + 3) / 4 * 4;
        final int headerLength = 20 + optionsLength;
        final byte[] payload = new byte[payloadLength];
        new Random(headerLength + flags).nextBytes(payload);
        final byte[] segment = ByteBuffer.allocate(headerLength + payloadLength).putShort((short)40000)
            .putShort((short)443).putInt(0x1234_5678).putInt(flags == (SYN | ACK) ? 0x0BAD_CAFE : 0)
            .put((byte)(headerLength / 4 << 4)).put((byte)flags).putShort((short)64240).putShort((short)0)
            .putShort((short)0).put(options).position(headerLength).put(payload).array();
        final byte[] packet = TestPackets.ip(source, destination, 6, segment);
        final int tcp = packet.length - segment.length;
        final int checksum = upperLayerChecksum(packet, tcp, tcp + 16, 6);
        packet[tcp + 16] = (byte)(checksum >>> 8);
        packet[tcp + 17] = (byte)checksum;
        return packet;
    }

    private static void assertChecksumVerifies(final byte[] packet)
    {
        final int tcp = packet.length - tcpLength(packet);
        assertThat(u16(packet, tcp + 16)).as("TCP checksum").isEqualTo(upperLayerChecksum(packet, tcp, tcp + 16, 6));
    }

    private static int tcpLength(final byte[] packet)
    {
        return (packet[0] & 0xF0) == 0x60 ? u16(packet, 4) : u16(packet, 2) - (packet[0] & 0x0F) * 4;
    }

    private int clamp(final byte[] packet, final int maxMss)
    {
        return clamp.clamp(new UnsafeBuffer(packet), 0, packet.length, maxMss);
    }

    @ParameterizedTest(name = "{0} -> {1} flags {2}")
    @CsvSource({
        "192.0.2.1, 198.51.100.7, 2,  1406, 0",
        "192.0.2.1, 198.51.100.7, 18, 1406, 0",
        "2001:db8::1, 2001:db8:1::2, 2, 1366, 0",
        "2001:db8::1, 2001:db8:1::2, 18, 1366, 0",
        "192.0.2.1, 198.51.100.7, 2, 536, 10",
        "2001:db8::1, 2001:db8:1::2, 18, 1220, 7",
    })
    void synWithLargeMssIsClampedAndItsChecksumStillVerifies(final String source, final String destination,
        final int flags, final int maxMss, final int payloadLength)
    {
        final byte[] packet = tcp(source, destination, flags, TYPICAL_SYN_OPTIONS, payloadLength);
        final byte[] original = packet.clone();
        final int tcp = packet.length - tcpLength(packet);

        assertThat(clamp(packet, maxMss)).isEqualTo(MssClamp.CLAMPED);

        assertThat(u16(packet, tcp + 22)).isEqualTo(maxMss);
        assertChecksumVerifies(packet);
        for (int i = 0; i < packet.length; i++)
        {
            if (i != tcp + 22 && i != tcp + 23 && i != tcp + 16 && i != tcp + 17)
            {
                assertThat(packet[i]).as("byte %d", i).isEqualTo(original[i]);
            }
        }
    }

    @Test
    void mssAtAnOddOffsetBehindANopStillGetsARightChecksum()
    {
        final byte[] options = {1, 2, 4, 0x05, (byte)0xB4, 1, 1, 1};
        final byte[] packet = tcp("192.0.2.1", "198.51.100.7", SYN, options, 0);

        assertThat(clamp(packet, 1300)).isEqualTo(MssClamp.CLAMPED);

        assertThat(u16(packet, 20 + 23)).isEqualTo(1300);
        assertChecksumVerifies(packet);
    }

    @Test
    void checksumStaysRightAcrossManyValuesIncludingCarries()
    {
        final Random random = new Random(42);
        for (int round = 0; round < 2000; round++)
        {
            final int oldMss = 2 + random.nextInt(65534);
            final int newMss = 1 + random.nextInt(oldMss - 1);
            final byte[] options = round % 2 == 0 ?
                new byte[] {2, 4, (byte)(oldMss >>> 8), (byte)oldMss} :
                new byte[] {1, 2, 4, (byte)(oldMss >>> 8), (byte)oldMss};
            final byte[] packet = tcp(round % 3 == 0 ? "2001:db8::1" : "192.0.2.1",
                round % 3 == 0 ? "2001:db8::9" : "192.0.2.9", SYN, options, random.nextInt(40));

            assertThat(clamp(packet, newMss)).isEqualTo(MssClamp.CLAMPED);
            assertChecksumVerifies(packet);
        }
    }

    @Test
    void clampToMtuPicksTheMssForTheIpVersion()
    {
        final byte[] v4 = tcp("192.0.2.1", "198.51.100.7", SYN, MSS_1460, 0);
        final byte[] v6 = tcp("2001:db8::1", "2001:db8::2", SYN, MSS_1460, 0);

        assertThat(clamp.clampToMtu(new UnsafeBuffer(v4), 0, v4.length, 1400)).isEqualTo(MssClamp.CLAMPED);
        assertThat(clamp.clampToMtu(new UnsafeBuffer(v6), 0, v6.length, 1400)).isEqualTo(MssClamp.CLAMPED);

        assertThat(u16(v4, 42)).isEqualTo(1360);
        assertThat(u16(v6, 62)).isEqualTo(1340);
    }

    @Test
    void packetAtAnOffsetInASlotIsClamped()
    {
        final byte[] packet = tcp("192.0.2.1", "198.51.100.7", SYN, MSS_1460, 0);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128 + packet.length + 16]);
        buffer.putBytes(128, packet);

        assertThat(clamp.clamp(buffer, 128, packet.length + 16, 1000)).isEqualTo(MssClamp.CLAMPED);

        final byte[] out = new byte[packet.length];
        buffer.getBytes(128, out);
        assertThat(u16(out, 42)).isEqualTo(1000);
        assertChecksumVerifies(out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'MSS equal to the maximum', 192.0.2.1, 2, 1460",
        "'MSS below the maximum', 2001:db8::1, 2, 1500",
        "'not a SYN', 192.0.2.1, 16, 536",
        "'not a SYN over IPv6', 2001:db8::1, 24, 536",
    })
    void packetsThatNeedNoClampingAreUntouched(final String name, final String source, final int flags,
        final int maxMss)
    {
        final String destination = source.contains(":") ? "2001:db8::2" : "192.0.2.2";
        final byte[] packet = tcp(source, destination, flags, MSS_1460, 20);
        final byte[] original = packet.clone();

        assertThat(clamp(packet, maxMss)).isEqualTo(MssClamp.UNCHANGED);
        assertThat(packet).isEqualTo(original);
    }

    @ParameterizedTest(name = "options {0}")
    @CsvSource({
        "'01 01 04 02'",                 // NOP NOP SACK-permitted: no MSS
        "'00 02 04 05 b4 00 00 00'",     // MSS after end of list: not an option
        "''",                            // no options at all
        "'03 03 07 01'",                 // window scale, NOP
    })
    void synWithoutAnMssOptionIsUntouched(final String hex)
    {
        final byte[] packet = tcp("192.0.2.1", "198.51.100.7", SYN, hex(hex), 0);
        final byte[] original = packet.clone();

        assertThat(clamp(packet, 536)).isEqualTo(MssClamp.UNCHANGED);
        assertThat(packet).isEqualTo(original);
    }

    @ParameterizedTest(name = "options {0}")
    @CsvSource({
        "'04 00 02 04 05 b4 00 00'",     // length 0 would loop forever
        "'04 01 02 04 05 b4 00 00'",     // length 1 is shorter than kind and length
        "'08 0c 02 04 05 b4 00 00'",     // length runs past the header
        "'02 03 05 b4'",                 // MSS with the wrong length
        "'02 06 05 b4 00 00 00 00'",     // MSS with the wrong length
        "'01 01 01 08'",                 // a kind in the last byte, with no length
        "'02 04 05'",                    // MSS cut by the header's end (padded with EOL: length runs past)
    })
    void malformedOptionsLeaveThePacketUntouched(final String hex)
    {
        final byte[] options = hex(hex);
        final byte[] packet = tcp("192.0.2.1", "198.51.100.7", SYN, options, 0);
        if (options.length == 3)
        {
            // put the MSS kind and length in the header's last two bytes
            packet[20 + 20] = 1;
            packet[20 + 21] = 1;
            packet[20 + 22] = 2;
            packet[20 + 23] = 4;
        }
        final byte[] original = packet.clone();

        assertThat(clamp(packet, 536)).isEqualTo(MssClamp.MALFORMED);
        assertThat(packet).isEqualTo(original);
    }

    @Test
    void badTcpHeaderLengthsAreMalformed()
    {
        final byte[] tooShortOffset = tcp("192.0.2.1", "198.51.100.7", SYN, MSS_1460, 0);
        tooShortOffset[32] = 0x40; // data offset 4 words: less than the fixed header
        final byte[] pastTheEnd = tcp("192.0.2.1", "198.51.100.7", SYN, MSS_1460, 0);
        pastTheEnd[32] = (byte)0xF0; // 60 bytes of header in a 24-byte segment
        final byte[] truncated = java.util.Arrays.copyOf(tcp("192.0.2.1", "198.51.100.7", SYN, MSS_1460, 0), 30);
        truncated[3] = 30;

        assertThat(clamp(tooShortOffset, 536)).isEqualTo(MssClamp.MALFORMED);
        assertThat(clamp(pastTheEnd, 536)).isEqualTo(MssClamp.MALFORMED);
        assertThat(clamp(truncated, 536)).isEqualTo(MssClamp.MALFORMED);
        assertThat(clamp.clamp(new UnsafeBuffer(new byte[8]), 0, 8, 536)).isEqualTo(MssClamp.MALFORMED);
        assertThat(clamp.clamp(new UnsafeBuffer(new byte[8]), 0, 0, 536)).isEqualTo(MssClamp.MALFORMED);
    }

    @Test
    void ipv4FragmentsAndOtherProtocolsAreUntouched()
    {
        final byte[] firstFragment = tcp("192.0.2.1", "198.51.100.7", SYN, MSS_1460, 0);
        firstFragment[6] = 0x20; // more fragments, offset 0
        final int checksum = TestPackets.checksum(withZeroChecksum(firstFragment), 0, 20, 0);
        firstFragment[10] = (byte)(checksum >>> 8);
        firstFragment[11] = (byte)checksum;
        final byte[] original = firstFragment.clone();
        final byte[] udp = TestPackets.ip("192.0.2.1", "192.0.2.2", 17, new byte[40]);
        udp[20 + 13] = SYN;

        assertThat(clamp(firstFragment, 536)).isEqualTo(MssClamp.UNCHANGED);
        assertThat(firstFragment).isEqualTo(original);
        assertThat(clamp(udp, 536)).isEqualTo(MssClamp.UNCHANGED);
    }

    /**
     * IPv4 is read in place rather than through {@link IpPacketParser}: for IPv4 headers with random bytes in
     * every field the parser checks, and random lengths, the verdict is the parser's and the TCP step's.
     */
    @Test
    void ipv4ReadInPlaceAgreesWithTheParserOnDamagedHeaders()
    {
        final byte[] syn = tcp("192.0.2.1", "198.51.100.7", SYN, TYPICAL_SYN_OPTIONS, 16);
        final Random random = new Random(4459);
        final IpPacketParser parser = new IpPacketParser();
        final int[] seen = new int[3];
        for (int round = 0; round < 20_000; round++)
        {
            final byte[] packet = syn.clone();
            switch (random.nextInt(4))
            {
                case 0 -> packet[0] = (byte)(0x40 | random.nextInt(16));
                case 1 -> packet[2 + random.nextInt(2)] = (byte)random.nextInt(256);
                case 2 -> packet[6 + random.nextInt(2)] = (byte)random.nextInt(256);
                default -> packet[9] = (byte)(random.nextBoolean() ? 6 : random.nextInt(256));
            }
            final int length = random.nextInt(4) == 0 ? random.nextInt(packet.length + 1) : packet.length;
            final byte[] reference = packet.clone();
            final UnsafeBuffer referenceBuffer = new UnsafeBuffer(reference);
            final int expected;
            if (parser.parse(referenceBuffer, 0, length) != Disposition.OK)
            {
                expected = MssClamp.MALFORMED;
            }
            else if (parser.protocol() != IpProtocols.TCP || parser.isFragment())
            {
                expected = MssClamp.UNCHANGED;
            }
            else
            {
                expected = MssClamp.clampTcp(referenceBuffer, parser.headerEnd(), parser.packetEnd(), 536);
            }

            assertThat(clamp.clamp(new UnsafeBuffer(packet), 0, length, 536)).as("round %d", round)
                .isEqualTo(expected);
            assertThat(packet).as("round %d", round).isEqualTo(reference);
            seen[expected + 1]++;
        }
        assertThat(seen).as("malformed, unchanged, clamped").doesNotContain(0);
    }

    private static byte[] withZeroChecksum(final byte[] packet)
    {
        final byte[] copy = packet.clone();
        copy[10] = 0;
        copy[11] = 0;
        return copy;
    }

    private static byte[] hex(final String text)
    {
        final String digits = text.replace(" ", "");
        final byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
