package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.Suites;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every suite, in tunnel mode with all four inner/outer IP combinations and in transport mode over
 * IPv4 and IPv6, with and without UDP encapsulation and ESN: what goes out decrypts to exactly what
 * went in, and the wire format has the shape RFC 4303 and RFC 3948 prescribe.
 */
class EspRoundTripTest
{
    private static final int[] PAYLOADS = {0, 1, 2, 3, 13, 100, 1400};

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final TestSas suite : Suites.allEsp())
        {
            for (final boolean encap : new boolean[] {false, true})
            {
                for (final boolean esn : new boolean[] {false, true})
                {
                    for (final boolean outerIpv6 : new boolean[] {false, true})
                    {
                        final TestSas base = suite.withEncap(encap).withEsn(esn, esn ? 0xFFFF_FFFEL : 0)
                            .withOuterIpv6(outerIpv6);
                        for (final boolean innerIpv6 : new boolean[] {false, true})
                        {
                            cases.add(Arguments.of(Suites.name(suite), base.withMode(IpsecMode.TUNNEL), innerIpv6));
                        }
                        cases.add(Arguments.of(Suites.name(suite), base.withMode(IpsecMode.TRANSPORT), outerIpv6));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} inner IPv6 {2}")
    @MethodSource("cases")
    void whatGoesOutDecryptsToExactlyWhatWentIn(final String suite, final TestSas sas, final boolean innerIpv6)
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
                checkWireFormat(sas, sent.packets().get(i), i + 1);
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

    private static void checkWireFormat(final TestSas sas, final byte[] packet, final long expectedSequence)
    {
        final ByteBuffer bytes = ByteBuffer.wrap(packet);
        final boolean ipv6 = sas.outerIpv6();
        assertThat(packet[0] >> 4).isEqualTo(ipv6 ? 6 : 4);
        final int ipLength = ipv6 ? 40 + (bytes.getShort(4) & 0xFFFF) : bytes.getShort(2) & 0xFFFF;
        assertThat(ipLength).isEqualTo(packet.length);
        final int protocol = ipv6 ? packet[6] & 0xFF : packet[9] & 0xFF;
        int esp = ipv6 ? 40 : (packet[0] & 0x0F) * 4;
        if (!ipv6)
        {
            assertThat(bytes.getShort(10) & 0xFFFF).isEqualTo(Packets.ipv4Checksum(packet));
        }
        if (sas.encap())
        {
            assertThat(protocol).isEqualTo(17);
            assertThat(bytes.getShort(esp) & 0xFFFF).isEqualTo(4500);
            assertThat(bytes.getShort(esp + 2) & 0xFFFF).isEqualTo(4500);
            assertThat(bytes.getShort(esp + 4) & 0xFFFF).isEqualTo(packet.length - esp);
            if (!ipv6)
            {
                assertThat(bytes.getShort(esp + 6)).as("RFC 3948: zero UDP checksum over IPv4").isZero();
            }
            else
            {
                assertThat(bytes.getShort(esp + 6)).as("RFC 8200: UDP checksum over IPv6").isNotZero();
            }
            esp += 8;
        }
        else
        {
            assertThat(protocol).isEqualTo(50);
        }
        assertThat(bytes.getInt(esp)).isEqualTo(TestSas.SPI);
        assertThat(bytes.getInt(esp + 4) & 0xFFFF_FFFFL)
            .isEqualTo((sas.initialSequence() + expectedSequence) & 0xFFFF_FFFFL);
        final int ivAndTrailer = packet.length - esp - 8 - sas.encryption().ivLength() -
            (sas.encryption().isCombinedMode() ? sas.encryption().icvLength() : sas.integrity().icvLength());
        assertThat(ivAndTrailer % Math.max(4, sas.encryption().blockSize())).as("padded to the block size").isZero();
    }
}
