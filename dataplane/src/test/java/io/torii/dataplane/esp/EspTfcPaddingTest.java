package io.torii.dataplane.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.IpsecPair;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.Suites;
import io.torii.dataplane.testing.TestSas;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traffic flow confidentiality padding (RFC 4303 §2.7) in tunnel mode: a small packet is padded
 * to the SA's target before the ESP padding, and the receiver, which reads the inner packet's own
 * length, delivers exactly the original. A packet already larger than the target is not padded,
 * nor is a transport-mode payload, whose length the receiver could not tell from its padding.
 */
class EspTfcPaddingTest
{
    private static final int TFC_TARGET = 1000;
    private static final int OUTER_IPV4 = 20;

    static Stream<Arguments> suites()
    {
        return Suites.allEsp().stream().map(suite -> Arguments.of(Suites.name(suite), suite));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aSmallPacketIsPaddedToTheTargetAndDecryptsToExactlyTheOriginal(final String suite, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas.withTfcPad(TFC_TARGET)))
        {
            final byte[] original = Packets.udp("10.1.0.10", "10.2.0.20", 12, 1);

            final byte[] sent = pair.protectOne(original);
            final IpsecPair.Result received = pair.unprotect(sent);

            assertThat(sent.length).isGreaterThanOrEqualTo(TFC_TARGET + overhead(sas));
            assertThat(sent.length).isEqualTo(expectedLength(sas, TFC_TARGET));
            assertThat(received.dispositions()).containsExactly(Disposition.OK);
            assertThat(received.packets().getFirst()).isEqualTo(original);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aPacketLargerThanTheTargetGetsNoTfcPadding(final String suite, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas.withTfcPad(TFC_TARGET)))
        {
            final byte[] exact = Packets.udp("10.1.0.10", "10.2.0.20", TFC_TARGET - 28, 2);
            final byte[] larger = Packets.udp("10.1.0.10", "10.2.0.20", 1200, 3);

            final IpsecPair.Result sent = pair.protect(exact, larger);
            final IpsecPair.Result received = pair.unprotect(sent.packets().toArray(byte[][]::new));

            assertThat(exact.length).isEqualTo(TFC_TARGET);
            assertThat(sent.packets().get(0).length).isEqualTo(expectedLength(sas, TFC_TARGET));
            assertThat(sent.packets().get(1).length).isEqualTo(expectedLength(sas, larger.length));
            assertThat(received.dispositions()).containsOnly(Disposition.OK);
            assertThat(received.packets().get(0)).isEqualTo(exact);
            assertThat(received.packets().get(1)).isEqualTo(larger);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void transportModeIsNeverTfcPadded(final String suite, final TestSas sas)
    {
        final TestSas transport = sas.withMode(IpsecMode.TRANSPORT).withTfcPad(TFC_TARGET);
        try (IpsecPair pair = new IpsecPair(transport))
        {
            final byte[] original = Packets.udp(sas.source(), sas.destination(), 12, 4);

            final byte[] sent = pair.protectOne(original);

            // The IP header stays in front: only the UDP datagram (20 bytes) is encrypted.
            assertThat(sent.length).isEqualTo(expectedLength(sas, original.length - OUTER_IPV4));
            assertThat(pair.unprotect(sent).packets().getFirst()).isEqualTo(original);
        }
    }

    /**
     * A target beyond the largest packet the batch holds pads as far as it fits: TFC padding is an
     * option, and a target no packet can reach must not stop the SA from sending.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aTargetBeyondTheLargestPacketPadsAsFarAsItFits(final String suite, final TestSas sas)
    {
        try (IpsecPair pair = new IpsecPair(sas.withTfcPad(65535)))
        {
            final byte[] small = Packets.udp("10.1.0.10", "10.2.0.20", 12, 5);
            final byte[] jumbo = Packets.udp("10.1.0.10", "10.2.0.20", 9000, 6);

            final IpsecPair.Result sent = pair.protect(small, jumbo);
            assertThat(sent.dispositions()).containsOnly(Disposition.OK);
            final IpsecPair.Result received = pair.unprotect(sent.packets().toArray(byte[][]::new));

            final int blockSize = Math.max(4, sas.encryption().blockSize());
            assertThat(sent.packets().get(0).length).isLessThanOrEqualTo(PacketBatch.DEFAULT_MAX_PACKET)
                .isGreaterThan(PacketBatch.DEFAULT_MAX_PACKET - blockSize);
            assertThat(sent.packets().get(1).length).isLessThanOrEqualTo(PacketBatch.DEFAULT_MAX_PACKET);
            assertThat(received.dispositions()).containsOnly(Disposition.OK);
            assertThat(received.packets().get(0)).isEqualTo(small);
            assertThat(received.packets().get(1)).isEqualTo(jumbo);
        }
    }

    /** @return outer IPv4 header, SPI and sequence, IV, pad length and next header, ICV. */
    private static int overhead(final TestSas sas)
    {
        return OUTER_IPV4 + 8 + sas.encryption().ivLength() + 2 + icvLength(sas);
    }

    /** @return the ESP packet's length for a plaintext of {@code payload} bytes, padded to whole blocks. */
    private static int expectedLength(final TestSas sas, final int payload)
    {
        final int blockSize = Math.max(4, sas.encryption().blockSize());
        final int padded = (payload + 2 + blockSize - 1) / blockSize * blockSize;
        return OUTER_IPV4 + 8 + sas.encryption().ivLength() + padded + icvLength(sas);
    }

    private static int icvLength(final TestSas sas)
    {
        return sas.encryption().isCombinedMode() ? sas.encryption().icvLength() : sas.integrity().icvLength();
    }
}
