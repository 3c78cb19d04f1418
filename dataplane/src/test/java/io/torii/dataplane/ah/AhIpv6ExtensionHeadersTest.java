package io.torii.dataplane.ah;

import static io.torii.dataplane.testing.Ipv6ExtensionPackets.DESTINATION_OPTIONS_OFFSET;
import static io.torii.dataplane.testing.Ipv6ExtensionPackets.DESTINATION_PAD_DATA_OFFSET;
import static io.torii.dataplane.testing.Ipv6ExtensionPackets.HOP_BY_HOP_OPTION_DATA_OFFSET;
import static io.torii.dataplane.testing.Ipv6ExtensionPackets.IPSEC_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Ipv6ExtensionPackets;
import io.torii.dataplane.testing.TestSas;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IPv6 transport mode with Hop-by-Hop and Destination Options headers: AH goes after them, the ICV
 * covers them (an option that may change en route only as zeros), and the receiver restores the
 * original packet exactly.
 */
class AhIpv6ExtensionHeadersTest
{
    @ParameterizedTest
    @EnumSource(value = IntegrityAlgorithm.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void ahGoesAfterTheExtensionHeadersAndTheRoundTripIsExact(final IntegrityAlgorithm integrity)
    {
        final TestSas sas = TestSas.ah(integrity).withMode(IpsecMode.TRANSPORT).withOuterIpv6(true);
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
                final int ahLength = ((packet[IPSEC_OFFSET + 1] & 0xFF) + 2) * 4;
                assertThat(ahLength % 8).isZero();
                assertThat(packet.length).isEqualTo(original.length + ahLength);
                assertThat(bytes.getShort(4) & 0xFFFF).isEqualTo(packet.length - 40);
                assertThat(Arrays.copyOfRange(packet, 6, DESTINATION_OPTIONS_OFFSET))
                    .isEqualTo(Arrays.copyOfRange(original, 6, DESTINATION_OPTIONS_OFFSET));
                assertThat(packet[DESTINATION_OPTIONS_OFFSET] & 0xFF).as("Destination Options names AH")
                    .isEqualTo(51);
                assertThat(packet[IPSEC_OFFSET] & 0xFF).as("AH names UDP").isEqualTo(17);
                assertThat(bytes.getInt(IPSEC_OFFSET + 4)).isEqualTo(TestSas.SPI);
                assertThat(Arrays.copyOfRange(packet, IPSEC_OFFSET + ahLength, packet.length))
                    .isEqualTo(Arrays.copyOfRange(original, IPSEC_OFFSET, original.length));
            }

            final IpsecPair.Result received = pair.unprotect(sent.packets().toArray(byte[][]::new));
            assertThat(received.dispositions()).containsOnly(Disposition.OK);
            for (int i = 0; i < originals.length; i++)
            {
                assertThat(received.packets().get(i)).as("packet %d", i).isEqualTo(originals[i]);
            }
        }
    }

    /**
     * A Hop-by-Hop option whose type says it may change en route is covered as zeros, so a router
     * rewriting it does not break the ICV; an option that may not change is covered as sent.
     */
    @ParameterizedTest
    @EnumSource(value = IntegrityAlgorithm.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aMutableOptionMayChangeInTransitAnImmutableOneMayNot(final IntegrityAlgorithm integrity)
    {
        final TestSas sas = TestSas.ah(integrity).withMode(IpsecMode.TRANSPORT).withOuterIpv6(true);
        try (IpsecPair pair = new IpsecPair(sas))
        {
            final byte[] mutable = Ipv6ExtensionPackets.udp(sas.source(), sas.destination(), 30, 1,
                Ipv6ExtensionPackets.MUTABLE_EXPERIMENTAL);
            final byte[] immutable = Ipv6ExtensionPackets.udp(sas.source(), sas.destination(), 30, 2,
                Ipv6ExtensionPackets.PAD_N);
            final IpsecPair.Result sent = pair.protect(mutable, immutable, immutable);
            final byte[] rewritten = sent.packets().get(0).clone();
            rewritten[HOP_BY_HOP_OPTION_DATA_OFFSET + 2] ^= 0x5A;
            final byte[] tamperedHopByHop = sent.packets().get(1).clone();
            tamperedHopByHop[HOP_BY_HOP_OPTION_DATA_OFFSET + 2] ^= 0x5A;
            final byte[] tamperedDestination = sent.packets().get(2).clone();
            tamperedDestination[DESTINATION_PAD_DATA_OFFSET] ^= 0x01;

            final IpsecPair.Result received = pair.unprotect(rewritten, tamperedHopByHop, tamperedDestination);

            assertThat(received.dispositions()).containsExactly(Disposition.OK, Disposition.ICV_FAILURE,
                Disposition.ICV_FAILURE);
            final byte[] expected = mutable.clone();
            expected[HOP_BY_HOP_OPTION_DATA_OFFSET + 2] ^= 0x5A;
            assertThat(received.packets().getFirst()).as("delivered as received").isEqualTo(expected);
        }
    }
}
