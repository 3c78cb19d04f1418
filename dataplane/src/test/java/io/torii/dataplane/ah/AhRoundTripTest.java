package io.torii.dataplane.ah;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AH with each HMAC, in tunnel mode with all four inner/outer IP combinations and in transport
 * mode over IPv4 and IPv6, with and without ESN (crossing 2^32): the receiver delivers exactly what
 * the sender was given, and the wire format is RFC 4302's, the header padded to 32 bits over IPv4
 * and 64 bits over IPv6.
 */
class AhRoundTripTest
{
    private static final int[] PAYLOADS = {0, 1, 7, 100, 1400};
    private static final IntegrityAlgorithm[] ALGORITHMS = {IntegrityAlgorithm.HMAC_SHA2_256_128,
        IntegrityAlgorithm.HMAC_SHA2_384_192, IntegrityAlgorithm.HMAC_SHA2_512_256};

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final IntegrityAlgorithm integrity : ALGORITHMS)
        {
            for (final boolean esn : new boolean[] {false, true})
            {
                for (final boolean outerIpv6 : new boolean[] {false, true})
                {
                    final TestSas base = TestSas.ah(integrity).withEsn(esn, esn ? 0xFFFF_FFFDL : 0)
                        .withOuterIpv6(outerIpv6);
                    for (final boolean innerIpv6 : new boolean[] {false, true})
                    {
                        cases.add(Arguments.of(integrity.keyword(), base.withMode(IpsecMode.TUNNEL), innerIpv6));
                    }
                    cases.add(Arguments.of(integrity.keyword(), base.withMode(IpsecMode.TRANSPORT), outerIpv6));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} inner IPv6 {2}")
    @MethodSource("cases")
    void whatGoesOutVerifiesAndIsDeliveredExactly(final String algorithm, final TestSas sas, final boolean innerIpv6)
    {
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[][] originals = new byte[PAYLOADS.length][];
            for (int i = 0; i < PAYLOADS.length; i++)
            {
                originals[i] = sas.mode() == IpsecMode.TRANSPORT ?
                    Packets.udp(sas.source(), sas.destination(), PAYLOADS[i], i) :
                    innerIpv6 ? Packets.udp("fd00::10", "fd00:1::20", PAYLOADS[i], i) :
                    Packets.udp("10.1.0.10", "10.2.0.20", PAYLOADS[i], i);
            }

            final IpsecPair.Result sent = pair.protect(originals);
            assertThat(sent.dispositions()).containsOnly(Disposition.OK);
            for (int i = 0; i < originals.length; i++)
            {
                checkWireFormat(sas, innerIpv6, sent.packets().get(i), originals[i], i + 1);
            }

            final IpsecPair.Result received = pair.unprotect(sent.packets().toArray(byte[][]::new));
            assertThat(received.dispositions()).containsOnly(Disposition.OK);
            for (int i = 0; i < originals.length; i++)
            {
                assertThat(received.packets().get(i)).as("packet %d", i).isEqualTo(originals[i]);
            }
            assertThat(pair.receiverTable().counters().total(Disposition.OK)).isEqualTo(originals.length);
        }
    }

    /** RFC 4302 §2.2 and §3.3.3.2.1: 12 fixed bytes and the ICV, padded to 4 (IPv4) or 8 (IPv6) bytes. */
    @ParameterizedTest(name = "{0} IPv6 {1}")
    @CsvSource({
        "sha256, false, 28",
        "sha384, false, 36",
        "sha512, false, 44",
        "sha256, true, 32",
        "sha384, true, 40",
        "sha512, true, 48",
    })
    void theHeaderIsPaddedToThirtyTwoBitsOverIpv4AndSixtyFourOverIpv6(final String algorithm, final boolean ipv6,
        final int expectedLength)
    {
        final IntegrityAlgorithm integrity = Arrays.stream(ALGORITHMS).filter(a -> a.keyword().equals(algorithm))
            .findFirst().orElseThrow();
        final TestSas sas = TestSas.ah(integrity).withMode(IpsecMode.TRANSPORT).withOuterIpv6(ipv6);
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[] original = Packets.udp(sas.source(), sas.destination(), 5, 1);
            final byte[] sent = pair.protectOne(original);
            final int ah = ipv6 ? 40 : 20;

            assertThat(((sent[ah + 1] & 0xFF) + 2) * 4).isEqualTo(expectedLength);
            assertThat(sent.length - original.length).isEqualTo(expectedLength);
            assertThat(expectedLength % (ipv6 ? 8 : 4)).isZero();
            // The padding after the ICV is sent as zeros.
            for (int i = ah + 12 + integrity.icvLength(); i < ah + expectedLength; i++)
            {
                assertThat(sent[i]).as("padding byte %d", i - ah).isZero();
            }
        }
    }

    @Test
    void ahCannotBeUdpEncapsulatedAndTheRecordSaysWhy()
    {
        assertThatThrownBy(() -> TestSas.ah(IntegrityAlgorithm.HMAC_SHA2_256_128).withEncap(true).outbound())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("AH cannot be UDP-encapsulated")
            .hasMessageContaining("NAT")
            .hasMessageContaining("use ESP with encap = yes");
    }

    private static void checkWireFormat(final TestSas sas, final boolean innerIpv6, final byte[] packet,
        final byte[] original, final long packetNumber)
    {
        final ByteBuffer bytes = ByteBuffer.wrap(packet);
        final boolean ipv6 = sas.outerIpv6();
        final boolean tunnel = sas.mode() == IpsecMode.TUNNEL;
        assertThat(packet[0] >> 4).isEqualTo(ipv6 ? 6 : 4);
        final int ipLength = ipv6 ? 40 + (bytes.getShort(4) & 0xFFFF) : bytes.getShort(2) & 0xFFFF;
        assertThat(ipLength).isEqualTo(packet.length);
        assertThat(ipv6 ? packet[6] & 0xFF : packet[9] & 0xFF).as("protocol").isEqualTo(51);
        if (!ipv6)
        {
            assertThat(bytes.getShort(10) & 0xFFFF).isEqualTo(Packets.ipv4Checksum(packet));
        }
        final int ah = ipv6 ? 40 : 20;
        final int ahLength = ((packet[ah + 1] & 0xFF) + 2) * 4;
        final int expectedNext = tunnel ? (innerIpv6 ? 41 : 4) : 17;
        assertThat(packet[ah] & 0xFF).as("next header").isEqualTo(expectedNext);
        assertThat(ahLength % (ipv6 ? 8 : 4)).as("AH length %d", ahLength).isZero();
        assertThat(ahLength - 12).isBetween(sas.integrity().icvLength(), sas.integrity().icvLength() + 4);
        assertThat(bytes.getShort(ah + 2)).as("reserved").isZero();
        assertThat(bytes.getInt(ah + 4)).isEqualTo(TestSas.SPI);
        assertThat(bytes.getInt(ah + 8)).isEqualTo((int)(sas.initialSequence() + packetNumber));
        // AH does not encrypt: what follows it is the original packet (tunnel) or its payload (transport).
        final int carried = tunnel ? 0 : ipv6 ? 40 : 20;
        assertThat(Arrays.copyOfRange(packet, ah + ahLength, packet.length))
            .isEqualTo(Arrays.copyOfRange(original, carried, original.length));
    }
}
