package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.torii.ike.message.payload.AuthenticationPayload;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and bit-flipped credentials and AUTH data: every entry point answers with a refusal or a value,
 * never an exception.
 */
class MalformedCredentialTest
{
    private static final List<String> KEYS = List.of("moon-ecdsa.key", "moon-rsa.key", "moon-ed25519.key",
        "moon-p384.der", "moon-ecdsa.pkcs8", "moon-ecdsa-encrypted.pkcs8");

    @Test
    void truncatedAndFlippedKeyFilesAreRefusedNotThrown()
    {
        final Random random = new Random(7427);
        for (final String name : KEYS)
        {
            final byte[] file = CertificateFixtures.bytes(name);
            final byte[] der = PemBlocks.read(file).value().getFirst().der();
            for (int cut = 0; cut < der.length; cut += 3)
            {
                final byte[] truncated = Arrays.copyOf(der, cut);
                assertThatCode(() -> PrivateKeyReader.read(truncated, "torii test".toCharArray()))
                    .as(name + " cut at " + cut).doesNotThrowAnyException();
                final byte[] flipped = der.clone();
                flipped[cut] ^= (byte)(1 << random.nextInt(8));
                assertThatCode(() -> PrivateKeyReader.read(flipped, "torii test".toCharArray()))
                    .as(name + " flipped at " + cut).doesNotThrowAnyException();
            }
            assertThat(PrivateKeyReader.read(Arrays.copyOf(der, der.length / 2), new char[0]).isOk()).isFalse();
        }
    }

    @Test
    void truncatedCertificatesAndNamesAreRefusedNotThrown()
    {
        final byte[] der = PemBlocks.read(CertificateFixtures.bytes("moon-p384.pem")).value().getFirst().der();
        for (int cut = 0; cut < der.length; cut += 7)
        {
            final byte[] truncated = Arrays.copyOf(der, cut);
            assertThat(SwanctlCredentials.parseCertificate(truncated).isOk()).isFalse();
            assertThatCode(() -> DistinguishedNames.format(truncated)).doesNotThrowAnyException();
            assertThat(DistinguishedNames.equal(truncated, der)).isFalse();
        }
    }

    @Test
    void truncatedDigitalSignatureDataIsRefusedNotThrown()
    {
        final PublicKey key = CertificateFixtures.certificate("moon-rsa.pem").getPublicKey();
        final byte[] octets = {1, 2, 3};
        final byte[] data = SignatureAuthentication.sign(CertificateFixtures.key("moon-rsa.key"),
            java.util.Set.of(HashAlgorithms.SHA2_256), octets, new java.security.SecureRandom()).value().data();
        for (int cut = 1; cut < data.length; cut += 5)
        {
            final AuthenticationPayload auth = new AuthenticationPayload(14, Arrays.copyOf(data, cut));
            assertThat(SignatureAuthentication.verify(key, auth, octets, false).isOk()).as("cut at " + cut).isFalse();
        }
        assertThat(SignatureAuthentication.verify(key, new AuthenticationPayload(14, data), octets, false).isOk())
            .isTrue();
    }
}
