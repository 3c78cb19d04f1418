package io.torii.dataplane.esp;

import static io.torii.dataplane.testing.Ipv6ExtensionPackets.DESTINATION_OPTIONS_OFFSET;
import static io.torii.dataplane.testing.Ipv6ExtensionPackets.IPSEC_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Ipv6ExtensionPackets;
import io.torii.dataplane.testing.Suites;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IPv6 transport mode with Hop-by-Hop and Destination Options headers: ESP (and, encapsulated, its
 * UDP header) goes after them (RFC 4303 §3.1.1), they travel unchanged but for the next-header
 * byte that now names ESP, and the receiver restores the original packet exactly.
 */
class EspIpv6ExtensionHeadersTest
{
    static Stream<Arguments> cases()
    {
        return Suites.allEsp().stream().flatMap(suite -> Stream.of(false, true).map(encap -> Arguments.of(
            Suites.name(suite), suite.withMode(IpsecMode.TRANSPORT).withOuterIpv6(true).withEncap(encap), encap)));
    }

    @ParameterizedTest(name = "{0} encap {2}")
    @MethodSource("cases")
    void espGoesAfterTheExtensionHeadersAndTheRoundTripIsExact(final String suite, final TestSas sas,
        final boolean encap)
    {
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[][] originals = new byte[3][];
            for (int i = 0; i < originals.length; i++)
            {
                originals[i] = Ipv6ExtensionPackets.udp(sas.source(), sas.destination(), 17 * i, i,
                    Ipv6ExtensionPackets.PAD_N);
            }

            final IpsecPair.Result sent = pair.protect(originals);
            assertThat(sent.dispositions()).containsOnly(Disposition.OK);
            for (int i = 0; i < originals.length; i++)
            {
                final byte[] packet = sent.packets().get(i);
                final byte[] original = originals[i];
                final ByteBuffer bytes = ByteBuffer.wrap(packet);
                assertThat(bytes.getShort(4) & 0xFFFF).isEqualTo(packet.length - 40);
                assertThat(Arrays.copyOfRange(packet, 6, DESTINATION_OPTIONS_OFFSET))
                    .as("next header, hop limit, addresses and Hop-by-Hop unchanged")
                    .isEqualTo(Arrays.copyOfRange(original, 6, DESTINATION_OPTIONS_OFFSET));
                assertThat(packet[DESTINATION_OPTIONS_OFFSET] & 0xFF).as("Destination Options names")
                    .isEqualTo(encap ? 17 : 50);
                assertThat(Arrays.copyOfRange(packet, DESTINATION_OPTIONS_OFFSET + 1, IPSEC_OFFSET))
                    .isEqualTo(Arrays.copyOfRange(original, DESTINATION_OPTIONS_OFFSET + 1, IPSEC_OFFSET));
                final int esp = IPSEC_OFFSET + (encap ? 8 : 0);
                if (encap)
                {
                    assertThat(bytes.getShort(IPSEC_OFFSET + 2) & 0xFFFF).isEqualTo(4500);
                    assertThat(bytes.getShort(IPSEC_OFFSET + 4) & 0xFFFF).isEqualTo(packet.length - IPSEC_OFFSET);
                }
                assertThat(bytes.getInt(esp)).isEqualTo(TestSas.SPI);
                assertThat(bytes.getInt(esp + 4)).isEqualTo(i + 1);
            }

            final IpsecPair.Result received = pair.unprotect(sent.packets().toArray(byte[][]::new));
            assertThat(received.dispositions()).containsOnly(Disposition.OK);
            for (int i = 0; i < originals.length; i++)
            {
                assertThat(received.packets().get(i)).as("packet %d", i).isEqualTo(originals[i]);
            }
        }
    }
}
