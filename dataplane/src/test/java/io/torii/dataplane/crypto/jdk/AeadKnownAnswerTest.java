package io.torii.dataplane.crypto.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers for the combined modes, packet by packet: AES-GCM-16 from draft-mcgrew-gcm-test-01
 * (RFC 4106, with and without ESN), AES-GMAC from the same draft (RFC 4543 has no vectors), and
 * ChaCha20-Poly1305 from RFC 7634 Appendix A. Each runs on heap and direct buffers.
 */
class AeadKnownAnswerTest
{
    private static final byte[] NO_INTEGRITY_KEY = new byte[0];

    private final JdkCryptoEngine engine = new JdkCryptoEngine();

    static Stream<Arguments> vectors()
    {
        final List<EspVector> vectors = new ArrayList<>();
        vectors.addAll(EspVector.load("esp-aes-gcm-draft-mcgrew-gcm-test-01.txt"));
        vectors.addAll(EspVector.load("esp-aes-gmac-draft-mcgrew-gcm-test-01.txt"));
        vectors.addAll(EspVector.load("esp-chacha20-poly1305-rfc7634.txt"));
        return vectors.stream()
            .flatMap(vector -> Stream.of(BufferKind.values()).map(kind -> Arguments.of(vector, kind)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("vectors")
    void sealProducesTheReferenceCiphertextAndIcv(final EspVector vector, final BufferKind kind)
    {
        try (EspTransform sender = transform(vector))
        {
            final EspPacket packet = vector.plaintextPacket(kind, sender.icvLength());

            vector.sealWithIv(sender, packet);

            assertThat(packet.iv()).isEqualTo(vector.iv());
            assertThat(packet.data()).isEqualTo(vector.ciphertext());
            assertThat(packet.icv()).isEqualTo(vector.icv());
            assertThat(packet.guardsIntact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("vectors")
    void openRecoversTheReferencePlaintext(final EspVector vector, final BufferKind kind)
    {
        try (EspTransform receiver = transform(vector))
        {
            final EspPacket packet = vector.ciphertextPacket(kind, vector.icv());

            final boolean verified =
                receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, vector.sequence(), vector.esn());

            assertThat(verified).isTrue();
            assertThat(packet.data()).isEqualTo(vector.plaintext());
            assertThat(packet.guardsIntact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("vectors")
    void openRefusesTheReferencePacketUnderTheOtherEsnSetting(final EspVector vector, final BufferKind kind)
    {
        try (EspTransform receiver = transform(vector))
        {
            final EspPacket packet = vector.ciphertextPacket(kind, vector.icv());
            final long otherHigh = vector.sequence() ^ 0x0000_0001_0000_0000L;

            assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, vector.sequence(),
                !vector.esn())).isFalse();
            if (vector.esn())
            {
                assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, otherHigh, true))
                    .isFalse();
            }
        }
    }

    private EspTransform transform(final EspVector vector)
    {
        return engine.esp(vector.algorithm(), IntegrityAlgorithm.NONE, vector.keyMaterial(), NO_INTEGRITY_KEY);
    }
}
