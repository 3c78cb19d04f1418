package io.torii.dataplane.esp;

import static io.torii.dataplane.esp.HandBuiltPackets.DONT_FRAGMENT;
import static io.torii.dataplane.esp.HandBuiltPackets.MORE_FRAGMENTS;
import static io.torii.dataplane.esp.HandBuiltPackets.esp;
import static io.torii.dataplane.esp.HandBuiltPackets.ipv4;
import static io.torii.dataplane.esp.HandBuiltPackets.padding;
import static io.torii.dataplane.esp.HandBuiltPackets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packets the engine's own sender never makes, built by hand and sealed with the SA's keys so that
 * they pass the ICV: every malformation after the ICV gets its own disposition. Packets that fail
 * before any SA is involved (not ESP, fragments, IKE and keepalives on port 4500, truncation) too.
 */
class EspHandCraftedTest
{
    private static final long SEQUENCE = 1;

    static Stream<Arguments> suites()
    {
        return Stream.of(
            Arguments.of("aes128gcm16", TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE)),
            Arguments.of("chacha20poly1305",
                TestSas.esp(EncryptionAlgorithm.CHACHA20_POLY1305, IntegrityAlgorithm.NONE)),
            Arguments.of("aes128-sha256",
                TestSas.esp(EncryptionAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128)),
            Arguments.of("null-sha384", TestSas.esp(EncryptionAlgorithm.NULL, IntegrityAlgorithm.HMAC_SHA2_384_192)),
            Arguments.of("aes256gmac", TestSas.esp(EncryptionAlgorithm.AES_GMAC_256, IntegrityAlgorithm.NONE)));
    }

    /** The control: built by hand the way RFC 4303 says, the packet decrypts; the builder is right. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aWellFormedHandBuiltPacketDecrypts(final String suite, final TestSas sas)
    {
        final byte[] inner = Packets.udp("10.1.0.10", "10.2.0.20", 33, 1);
        final Outcome outcome = receive(sas, inner, standardPadding(inner, sas), -1, IpProtocols.IPV4);

        assertThat(outcome.disposition()).isEqualTo(Disposition.OK);
        assertThat(outcome.packet()).isEqualTo(inner);
        assertThat(outcome.perSa(Disposition.OK)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void paddingBytesThatAreNotOneTwoThreeAreBadPadding(final String suite, final TestSas sas)
    {
        final byte[] inner = Packets.udp("10.1.0.10", "10.2.0.20", 33, 1);
        for (int corrupt = 0; corrupt < sas.encryption().blockSize(); corrupt++)
        {
            final byte[] padding = standardPadding(inner, sas);
            padding[corrupt] ^= 0x40;

            final Outcome outcome = receive(sas, inner, padding, -1, IpProtocols.IPV4);

            assertThat(outcome.disposition()).as("padding byte %d", corrupt).isEqualTo(Disposition.BAD_PADDING);
            assertThat(outcome.perSa(Disposition.BAD_PADDING)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void allZeroPaddingIsBadPadding(final String suite, final TestSas sas)
    {
        final byte[] inner = Packets.udp("10.1.0.10", "10.2.0.20", 33, 1);
        final byte[] padding = new byte[standardPadding(inner, sas).length];

        assertThat(receive(sas, inner, padding, -1, IpProtocols.IPV4).disposition())
            .isEqualTo(Disposition.BAD_PADDING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aPadLengthLongerThanThePayloadIsBadPadding(final String suite, final TestSas sas)
    {
        final byte[] inner = Packets.udp("10.1.0.10", "10.2.0.20", 3, 1);
        final byte[] padding = standardPadding(inner, sas);

        final Outcome outcome = receive(sas, inner, padding, inner.length + padding.length + 1, IpProtocols.IPV4);

        assertThat(outcome.disposition()).isEqualTo(Disposition.BAD_PADDING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void nextHeader59IsADummyPacketDroppedAndCounted(final String suite, final TestSas sas)
    {
        final byte[] filler = new byte[40];
        Arrays.fill(filler, (byte)0xA5);

        final Outcome outcome = receive(sas, filler, standardPadding(filler, sas), -1, IpProtocols.NO_NEXT_HEADER);

        assertThat(outcome.disposition()).isEqualTo(Disposition.DUMMY);
        assertThat(outcome.perSa(Disposition.DUMMY)).isEqualTo(1);
        assertThat(outcome.total(Disposition.DUMMY)).isEqualTo(1);
        assertThat(outcome.total(Disposition.OK)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aTunnelSaCarryingTcpIsUnsupported(final String suite, final TestSas sas)
    {
        final byte[] tcpSegment = new byte[20];
        tcpSegment[12] = 0x50;

        final Outcome outcome = receive(sas, tcpSegment, standardPadding(tcpSegment, sas), -1, IpProtocols.TCP);

        assertThat(outcome.disposition()).isEqualTo(Disposition.UNSUPPORTED);
        assertThat(outcome.perSa(Disposition.UNSUPPORTED)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void anInnerPacketThatIsNotIpIsMalformed(final String suite, final TestSas sas)
    {
        final byte[] garbage = new byte[28];
        Arrays.fill(garbage, (byte)0xFF);
        final byte[] shortInner = Arrays.copyOf(Packets.udp("10.1.0.10", "10.2.0.20", 33, 1), 30);
        final byte[] ipv6Inner = Packets.udp("fd00::10", "fd00:1::20", 8, 1);

        assertThat(receive(sas, garbage, standardPadding(garbage, sas), -1, IpProtocols.IPV4).disposition())
            .as("version 15").isEqualTo(Disposition.MALFORMED);
        assertThat(receive(sas, shortInner, standardPadding(shortInner, sas), -1, IpProtocols.IPV4).disposition())
            .as("total length beyond the payload").isEqualTo(Disposition.MALFORMED);
        assertThat(receive(sas, ipv6Inner, standardPadding(ipv6Inner, sas), -1, IpProtocols.IPV4).disposition())
            .as("next header says IPv4, the packet is IPv6").isEqualTo(Disposition.MALFORMED);
    }

    @Test
    void cbcCiphertextThatIsNotWholeBlocksIsMalformed()
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA2_256_128);
        // SPI, sequence, a 16-byte IV, 20 bytes of "ciphertext" and a 16-byte ICV: no cipher made this.
        final byte[] espPart = ByteBuffer.allocate(8 + 16 + 20 + 16).putInt(TestSas.SPI).putInt(1).array();

        final Outcome outcome = deliver(sas, ipv4(IpProtocols.ESP, DONT_FRAGMENT, espPart));

        assertThat(outcome.disposition()).isEqualTo(Disposition.MALFORMED);
        assertThat(outcome.perSa(Disposition.MALFORMED)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void tooShortForIvTrailerAndIcvIsTooShort(final String suite, final TestSas sas)
    {
        final int ivAndIcv = sas.encryption().ivLength() +
            (sas.encryption().isCombinedMode() ? sas.encryption().icvLength() : sas.integrity().icvLength());
        // One byte short of the IV, the 2-byte trailer and the ICV.
        final byte[] espPart = ByteBuffer.allocate(8 + ivAndIcv + 1).putInt(TestSas.SPI).putInt(1).array();
        final byte[] headerOnly = ByteBuffer.allocate(7).putInt(TestSas.SPI).array();

        assertThat(deliver(sas, ipv4(IpProtocols.ESP, DONT_FRAGMENT, espPart)).disposition())
            .isEqualTo(Disposition.TOO_SHORT);
        assertThat(deliver(sas, ipv4(IpProtocols.ESP, DONT_FRAGMENT, headerOnly)).disposition())
            .as("not even SPI and sequence").isEqualTo(Disposition.TOO_SHORT);
        assertThat(deliver(sas, Arrays.copyOf(ipv4(IpProtocols.ESP, DONT_FRAGMENT, espPart), 19)).disposition())
            .as("not even an IPv4 header").isEqualTo(Disposition.TOO_SHORT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void anUnknownSpiFindsNoSaAndIsCountedWithoutAnSa(final String suite, final TestSas sas)
    {
        final byte[] inner = Packets.udp("10.1.0.10", "10.2.0.20", 33, 1);
        try (EspTransform sealer = HandBuiltPackets.sealer(sas); IpsecPair pair = new IpsecPair(sas))
        {
            final byte[] padding = standardPadding(inner, sas);
            final byte[] espPart = esp(sealer, TestSas.SPI + 1, SEQUENCE, false, inner, padding, padding.length,
                IpProtocols.IPV4);

            final IpsecPair.Result result = pair.unprotect(ipv4(IpProtocols.ESP, DONT_FRAGMENT, espPart));

            assertThat(result.dispositions()).containsExactly(Disposition.NO_SA);
            final DispositionCounters counters = pair.receiverTable().counters();
            assertThat(counters.total(Disposition.NO_SA)).isEqualTo(1);
            assertThat(counters.count(EspReplayTest.inboundSlot(pair), Disposition.NO_SA)).isZero();
        }
    }

    @Test
    void ikeBehindTheNonEspMarkerAndNatKeepalivesAreNotIpsec()
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE).withEncap(true);
        final byte[] ike = new byte[4 + 28];
        ike[4 + 17] = 0x20;
        final byte[] keepalive = {(byte)0xFF};

        assertThat(deliver(sas, ipv4(IpProtocols.UDP, DONT_FRAGMENT, udp(ike))).disposition())
            .as("four zero bytes: IKE").isEqualTo(Disposition.NOT_IPSEC);
        assertThat(deliver(sas, ipv4(IpProtocols.UDP, DONT_FRAGMENT, udp(keepalive))).disposition())
            .as("one 0xFF byte: NAT keepalive").isEqualTo(Disposition.NOT_IPSEC);
    }

    @Test
    void espInUdpThatIsSealedRightDecryptsAndABadUdpLengthIsMalformed()
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE).withEncap(true);
        final byte[] inner = Packets.udp("10.1.0.10", "10.2.0.20", 33, 1);
        try (EspTransform sealer = HandBuiltPackets.sealer(sas); IpsecPair pair = new IpsecPair(sas))
        {
            final byte[] padding = standardPadding(inner, sas);
            final byte[] espPart = esp(sealer, TestSas.SPI, 1, false, inner, padding, padding.length, IpProtocols.IPV4);
            final byte[] good = ipv4(IpProtocols.UDP, DONT_FRAGMENT, udp(espPart));
            final byte[] longUdp = good.clone();
            longUdp[20 + 5]++;
            final byte[] shortUdp = ipv4(IpProtocols.UDP, DONT_FRAGMENT, new byte[7]);

            final IpsecPair.Result result = pair.unprotect(longUdp, shortUdp, good);

            assertThat(result.dispositions()).containsExactly(Disposition.MALFORMED, Disposition.TOO_SHORT,
                Disposition.OK);
            assertThat(result.packets().get(2)).isEqualTo(inner);
        }
    }

    @Test
    void fragmentsAndOtherProtocolsAreNotForTheEngine()
    {
        final TestSas sas = TestSas.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE);
        final byte[] espPart = ByteBuffer.allocate(60).putInt(TestSas.SPI).putInt(1).array();

        assertThat(deliver(sas, ipv4(IpProtocols.ESP, MORE_FRAGMENTS, espPart)).disposition())
            .as("more fragments").isEqualTo(Disposition.FRAGMENT);
        assertThat(deliver(sas, ipv4(IpProtocols.ESP, 0x0010, espPart)).disposition())
            .as("last fragment, offset 128").isEqualTo(Disposition.FRAGMENT);
        assertThat(deliver(sas, ipv4(IpProtocols.TCP, DONT_FRAGMENT, espPart)).disposition())
            .as("TCP").isEqualTo(Disposition.NOT_IPSEC);
    }

    private static byte[] standardPadding(final byte[] payload, final TestSas sas)
    {
        return padding(payload.length, sas.encryption().blockSize());
    }

    /**
     * Seals the payload in an ESP packet to the pair's SA and delivers it.
     *
     * @param padLength the pad length byte, or -1 for the padding's true length.
     */
    private static Outcome receive(final TestSas sas, final byte[] payload, final byte[] padding,
        final int padLength, final int nextHeader)
    {
        try (EspTransform sealer = HandBuiltPackets.sealer(sas))
        {
            final byte[] espPart = esp(sealer, TestSas.SPI, SEQUENCE, sas.esn(), payload, padding,
                padLength < 0 ? padding.length : padLength, nextHeader);
            return deliver(sas, ipv4(IpProtocols.ESP, DONT_FRAGMENT, espPart));
        }
    }

    private static Outcome deliver(final TestSas sas, final byte[] packet)
    {
        try (IpsecPair pair = new IpsecPair(sas))
        {
            return Outcome.of(pair, pair.unprotect(packet));
        }
    }

    /** What happened to one delivered packet, and the receiver's counters afterwards. */
    private record Outcome(Disposition disposition, byte[] packet, long[] perSa, long[] totals)
    {
        static Outcome of(final IpsecPair pair, final IpsecPair.Result result)
        {
            final DispositionCounters counters = pair.receiverTable().counters();
            final int slot = EspReplayTest.inboundSlot(pair);
            final Disposition[] all = Disposition.values();
            final long[] perSa = new long[all.length];
            final long[] totals = new long[all.length];
            for (final Disposition each : all)
            {
                perSa[each.ordinal()] = counters.count(slot, each);
                totals[each.ordinal()] = counters.total(each);
            }
            return new Outcome(result.dispositions().getFirst(), result.packets().getFirst(), perSa, totals);
        }

        long perSa(final Disposition which)
        {
            return perSa[which.ordinal()];
        }

        long total(final Disposition which)
        {
            return totals[which.ordinal()];
        }
    }
}
