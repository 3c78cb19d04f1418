package io.torii.nativeshim;

import static io.torii.nativeshim.TestPackets.ESP_OFFSET;
import static io.torii.nativeshim.TestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.nativeshim.Vectors.Vector;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers on every architecture this CPU runs: the ESP packets of draft-mcgrew-gcm-test-01
 * (AES-GCM and AES-GMAC) and RFC 7634 (ChaCha20-Poly1305), sealed with the vector's IV and opened
 * back, and the AES-CBC ciphertexts of RFC 3602 with an HMAC ICV computed by the JDK's Mac.
 */
class EspKnownAnswerTest
{
    static Stream<Arguments> combinedModeVectors()
    {
        final List<Vector> vectors = new ArrayList<>(Vectors.read("esp-aes-gcm-draft-mcgrew-gcm-test-01.txt"));
        vectors.addAll(Vectors.read("esp-aes-gmac-draft-mcgrew-gcm-test-01.txt"));
        vectors.addAll(Vectors.read("esp-chacha20-poly1305-rfc7634.txt"));
        return TestPackets.archs().flatMap(arch -> vectors.stream().map(vector -> Arguments.of(arch, vector)));
    }

    static Stream<Arguments> cbcVectors()
    {
        final List<Vector> vectors = Vectors.read("esp-aes-cbc-rfc3602.txt");
        return TestPackets.archs().flatMap(arch -> vectors.stream().flatMap(vector -> Stream.of(
            Arguments.of(arch, vector, false), Arguments.of(arch, vector, true))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinedModeVectors")
    void combinedModesSealToTheVectorAndOpenBack(final IpsecMbArch arch, final Vector vector)
    {
        final IpsecMbCipher cipher = cipherOf(vector.text("algorithm"));
        final byte[] plaintext = vector.hex("plaintext");
        final long sequence = Long.parseUnsignedLong(vector.text("sequence"), 16);
        final boolean esn = Boolean.parseBoolean(vector.text("esn"));
        final int icvOffset = TestPackets.icvOffset(8, plaintext.length);

        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(arch);
            IpsecMbKey key = IpsecMbKey.esp(manager, cipher, TestPackets.concat(vector.hex("key"), vector.hex("salt")),
                IpsecMbIntegrity.NONE, null, null);
            EspJobArray jobs = new EspJobArray())
        {
            final MemorySegment packet = TestPackets.esp(arena, (int)Long.parseLong(vector.text("spi"), 16), sequence,
                vector.hex("iv"), plaintext, 16);
            jobs.set(0, packet, ESP_OFFSET, icvOffset, key, esn, (int)(sequence >>> 32));
            jobs.ivGiven(0);

            assertThat(manager.seal(jobs, 1)).isEqualTo(1);
            assertThat(bytes(packet, ESP_OFFSET + 16, plaintext.length)).isEqualTo(vector.hex("ciphertext"));
            assertThat(bytes(packet, ESP_OFFSET + icvOffset, 16)).isEqualTo(vector.hex("icv"));
            assertThat(bytes(packet, ESP_OFFSET + 8, 8)).isEqualTo(vector.hex("iv"));

            assertThat(manager.open(jobs, 1)).isEqualTo(1);
            assertThat(jobs.status(0)).isEqualTo(JobStatus.OK);
            assertThat(bytes(packet, ESP_OFFSET + 16, plaintext.length)).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest(name = "{0} {1} esn={2}")
    @MethodSource("cbcVectors")
    void cbcEncryptsToTheVectorWithTheHmacOfSpiToTrailer(final IpsecMbArch arch, final Vector vector, final boolean esn)
        throws Exception
    {
        final byte[] plaintext = vector.hex("plaintext");
        final byte[] iv = vector.hex("iv");
        final long sequence = Long.parseUnsignedLong(vector.text("sequence"), 16) | (esn ? 0x1234_5678_0000_0000L : 0);
        final byte[] hmacKey = TestPackets.pattern(32, 0x31);
        final int icvOffset = TestPackets.icvOffset(16, plaintext.length);

        try (Arena arena = Arena.ofConfined();
            IpsecMbManager manager = IpsecMbManager.create(arch);
            IpsecMbKey key = IpsecMbKey.espWithSeed(manager, IpsecMbCipher.AES_CBC_128, vector.hex("key"),
                IpsecMbIntegrity.HMAC_SHA2_256_128, hmacKey, new byte[IpsecMbKey.IV_SEED_LENGTH]);
            EspJobArray jobs = new EspJobArray())
        {
            final int spi = (int)Long.parseLong(vector.text("spi"), 16);
            final MemorySegment packet = TestPackets.esp(arena, spi, sequence, iv, plaintext, 16);
            jobs.set(0, packet, ESP_OFFSET, icvOffset, key, esn, (int)(sequence >>> 32));
            jobs.ivGiven(0);

            assertThat(manager.seal(jobs, 1)).isEqualTo(1);
            final byte[] ciphertext = vector.hex("ciphertext");
            assertThat(bytes(packet, ESP_OFFSET + 24, plaintext.length)).isEqualTo(ciphertext);

            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            mac.update(TestPackets.concat(TestPackets.be32(spi), TestPackets.be32((int)sequence), iv, ciphertext));
            if (esn)
            {
                mac.update(TestPackets.be32((int)(sequence >>> 32)));
            }
            final byte[] expectedIcv = Arrays.copyOf(mac.doFinal(), 16);
            assertThat(bytes(packet, ESP_OFFSET + icvOffset, 16)).isEqualTo(expectedIcv);

            assertThat(manager.open(jobs, 1)).isEqualTo(1);
            assertThat(bytes(packet, ESP_OFFSET + 24, plaintext.length)).isEqualTo(plaintext);
            assertThat(bytes(packet, ESP_OFFSET + icvOffset, 16)).as("open puts back the ICV bytes ESN borrowed")
                .isEqualTo(expectedIcv);
        }
    }

    static IpsecMbCipher cipherOf(final String dataplaneName)
    {
        return switch (dataplaneName)
        {
            case "AES_GCM_16_128" -> IpsecMbCipher.AES_GCM_128;
            case "AES_GCM_16_256" -> IpsecMbCipher.AES_GCM_256;
            case "AES_GMAC_128" -> IpsecMbCipher.AES_GMAC_128;
            case "AES_GMAC_256" -> IpsecMbCipher.AES_GMAC_256;
            case "CHACHA20_POLY1305" -> IpsecMbCipher.CHACHA20_POLY1305;
            case "AES_CBC_128" -> IpsecMbCipher.AES_CBC_128;
            case "AES_CBC_256" -> IpsecMbCipher.AES_CBC_256;
            default -> throw new IllegalArgumentException("no ipsec-mb cipher for " + dataplaneName);
        };
    }
}
