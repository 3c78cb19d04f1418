package io.torii.dataplane.crypto.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers for AES-CBC ESP: RFC 3602 cases 5 and 6 give the ciphertext of whole ESP packets. The
 * RFC's packets carry no ICV, so the ICV is checked against an HMAC computed here straight from its
 * definition (RFC 4303 §2.2.1: SPI, sequence, IV and ciphertext, then the ESN high bits), the HMAC
 * itself being pinned by {@link HmacKnownAnswerTest}.
 */
class CbcKnownAnswerTest
{
    private static final long ESN_HIGH = 0x0102_0304_0000_0000L;

    private final JdkCryptoEngine engine = new JdkCryptoEngine();

    static Stream<Arguments> vectors()
    {
        return EspVector.load("esp-aes-cbc-rfc3602.txt").stream()
            .flatMap(vector -> Stream.of(IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA2_512_256)
                .flatMap(integrity -> Stream.of(false, true)
                    .flatMap(esn -> Stream.of(BufferKind.values())
                        .map(kind -> Arguments.of(vector, integrity, esn, kind)))));
    }

    @ParameterizedTest(name = "{0}, {1}, esn={2} ({3})")
    @MethodSource("vectors")
    void sealProducesTheReferenceCiphertextAndTheDefinedIcv(
        final EspVector vector, final IntegrityAlgorithm integrity, final boolean esn, final BufferKind kind)
        throws GeneralSecurityException
    {
        final EspVector sent = esn ? withSequence(vector, vector.sequence() | ESN_HIGH) : vector;
        try (EspTransform sender = engine.esp(sent.algorithm(), integrity, sent.keyMaterial(), key(integrity)))
        {
            final EspPacket packet = sent.plaintextPacket(kind, sender.icvLength());

            sent.sealWithIv(sender, packet);

            assertThat(packet.iv()).isEqualTo(vector.iv());
            assertThat(packet.data()).isEqualTo(vector.ciphertext());
            assertThat(packet.icv()).isEqualTo(expectedIcv(integrity, packet, sent.sequence(), esn));
            assertThat(packet.guardsIntact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}, {1}, esn={2} ({3})")
    @MethodSource("vectors")
    void openRecoversTheReferencePlaintext(
        final EspVector vector, final IntegrityAlgorithm integrity, final boolean esn, final BufferKind kind)
        throws GeneralSecurityException
    {
        final EspVector sent = esn ? withSequence(vector, vector.sequence() | ESN_HIGH) : vector;
        final EspPacket unsigned = sent.ciphertextPacket(kind, new byte[integrity.icvLength()]);
        final byte[] icv = expectedIcv(integrity, unsigned, sent.sequence(), esn);
        try (EspTransform receiver = engine.esp(sent.algorithm(), integrity, sent.keyMaterial(), key(integrity)))
        {
            final EspPacket packet = sent.ciphertextPacket(kind, icv);

            assertThat(receiver.open(packet.buffer, packet.espOffset, packet.trailerEnd, sent.sequence(), esn))
                .isTrue();
            assertThat(packet.data()).isEqualTo(vector.plaintext());
            assertThat(packet.guardsIntact()).isTrue();
        }
    }

    /** The ICV by its definition, with the JDK's Mac used directly. */
    private static byte[] expectedIcv(
        final IntegrityAlgorithm integrity, final EspPacket packet, final long sequence, final boolean esn)
        throws GeneralSecurityException
    {
        final Mac mac = Mac.getInstance(integrity.jcaName());
        mac.init(new SecretKeySpec(key(integrity), integrity.jcaName()));
        mac.update(packet.bytes(packet.espOffset, packet.trailerEnd));
        if (esn)
        {
            mac.update(ByteBuffer.allocate(4).putInt(0, (int)(sequence >>> 32)));
        }
        return Arrays.copyOf(mac.doFinal(), integrity.icvLength());
    }

    private static byte[] key(final IntegrityAlgorithm integrity)
    {
        final byte[] key = new byte[integrity.keyLength()];
        Arrays.fill(key, (byte)0x5c);
        return key;
    }

    private static EspVector withSequence(final EspVector vector, final long sequence)
    {
        return new EspVector(vector.name(), vector.algorithm(), vector.keyMaterial(), vector.spi(), sequence, true,
            vector.iv(), vector.plaintext(), vector.ciphertext(), vector.icv());
    }
}
