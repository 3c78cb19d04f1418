package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.payload.AuthenticationPayload;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 7427 AUTH payloads signed with the fixture keys and verified with their certificates' keys.
 */
class SignatureAuthenticationTest
{
    private static final byte[] OCTETS = "IKE_SA_INIT | nonce | prf(SK_p, ID')".getBytes(StandardCharsets.US_ASCII);
    private static final Set<Integer> ALL = Set.copyOf(HashAlgorithms.SUPPORTED);
    private final SecureRandom random = new SecureRandom();

    @Test
    void algorithmIdentifiersAreThoseOfRfc7427AppendixA()
    {
        // RFC 7427 A.1.2 (sha256WithRSAEncryption), A.3.1 (ecdsa-with-sha256), A.4.1 (RSASSA-PSS SHA-256, salt 32).
        assertThat(hex(SignatureScheme.RSA_SHA256)).isEqualTo("300d06092a864886f70d01010b0500");
        assertThat(hex(SignatureScheme.ECDSA_SHA256)).isEqualTo("300a06082a8648ce3d040302");
        assertThat(hex(SignatureScheme.RSA_PSS_SHA256)).isEqualTo("3041" + "06092a864886f70d01010a" + "3034" +
            "a00f300d0609608648016503040201" + "0500" + "a11c301a06092a864886f70d010108300d0609608648016503040201" +
            "0500" + "a203020120");
        assertThat(hex(SignatureScheme.ED25519)).isEqualTo("300506032b6570");
    }

    @ParameterizedTest
    @CsvSource({
        "moon-ecdsa.key, moon-ecdsa.pem, ECDSA_SHA256",
        "moon-p384.der, moon-p384.pem, ECDSA_SHA384",
        "moon-rsa.key, moon-rsa.pem, RSA_PSS_SHA256",
        "moon-ed25519.key, moon-ed25519.pem, ED25519"})
    void signsWithRfc7427AndVerifiesWithTheCertificate(final String key, final String certificate,
        final SignatureScheme expected)
    {
        final AuthenticationPayload auth = SignatureAuthentication.sign(CertificateFixtures.key(key), ALL, OCTETS,
            random).value();
        assertThat(auth.method()).isEqualTo(AuthenticationPayload.METHOD_DIGITAL_SIGNATURE);
        final int length = auth.data()[0];
        assertThat(java.util.Arrays.copyOfRange(auth.data(), 1, 1 + length)).isEqualTo(expected.algorithmIdentifier());
        final PublicKey publicKey = CertificateFixtures.certificate(certificate).getPublicKey();
        assertThat(SignatureAuthentication.verify(publicKey, auth, OCTETS, false).value()).isEqualTo(expected.name());

        final byte[] other = OCTETS.clone();
        other[0] ^= 1;
        assertThat(SignatureAuthentication.verify(publicKey, auth, other, false).reason()).contains("does not verify");
        final PublicKey wrongKey = CertificateFixtures.certificate("sun-ecdsa.pem").getPublicKey();
        assertThat(SignatureAuthentication.verify(wrongKey, auth, OCTETS, false).isOk()).isFalse();
    }

    @Test
    void rsaFollowsThePeersHashesAndPkcs1SignaturesAreVerifiedToo() throws Exception
    {
        final PrivateKey key = CertificateFixtures.key("sun-rsa.key");
        final AuthenticationPayload auth = SignatureAuthentication.sign(key, Set.of(HashAlgorithms.SHA2_512), OCTETS,
            random).value();
        assertThat(SignatureScheme.RSA_PSS_SHA512.algorithmIdentifier()).isEqualTo(
            java.util.Arrays.copyOfRange(auth.data(), 1, 1 + auth.data()[0]));

        // strongSwan signs with PKCS#1 v1.5 unless told to use PSS: build such an AUTH by hand.
        final java.security.Signature signer = java.security.Signature.getInstance("SHA384withRSA");
        signer.initSign(key);
        signer.update(OCTETS);
        final byte[] algorithm = SignatureScheme.RSA_SHA384.algorithmIdentifier();
        final byte[] signature = signer.sign();
        final byte[] data = new byte[1 + algorithm.length + signature.length];
        data[0] = (byte)algorithm.length;
        System.arraycopy(algorithm, 0, data, 1, algorithm.length);
        System.arraycopy(signature, 0, data, 1 + algorithm.length, signature.length);
        assertThat(SignatureAuthentication.verify(CertificateFixtures.certificate("sun-rsa.pem").getPublicKey(),
            new AuthenticationPayload(14, data), OCTETS, false).value()).isEqualTo("RSA_SHA384");
    }

    @Test
    void withoutSignatureHashAlgorithmsEcdsaUsesRfc4754AndRsaIsRefused()
    {
        final AuthenticationPayload ecdsa = SignatureAuthentication.sign(CertificateFixtures.key("moon-p384.der"),
            Set.of(), OCTETS, random).value();
        assertThat(ecdsa.method()).isEqualTo(SignatureAuthentication.METHOD_ECDSA_384);
        assertThat(ecdsa.data()).hasSize(96);
        assertThat(SignatureAuthentication.verify(CertificateFixtures.certificate("moon-p384.pem").getPublicKey(),
            ecdsa, OCTETS, false).isOk()).isTrue();
        assertThat(SignatureAuthentication.verify(CertificateFixtures.certificate("moon-ecdsa.pem").getPublicKey(),
            ecdsa, OCTETS, false).reason()).contains("does not fit");

        assertThat(SignatureAuthentication.sign(CertificateFixtures.key("moon-rsa.key"), Set.of(), OCTETS, random)
            .reason()).contains("SHA-1, which is weak");
        assertThat(SignatureAuthentication.sign(CertificateFixtures.key("moon-ed25519.key"),
            Set.of(HashAlgorithms.SHA2_256), OCTETS, random).reason()).contains("include none");
    }

    @Test
    void rsaWithSha1AndUnknownOrTruncatedDataAreRefusedWithReasons()
    {
        final PublicKey rsa = CertificateFixtures.certificate("moon-rsa.pem").getPublicKey();
        assertThat(SignatureAuthentication.verify(rsa, new AuthenticationPayload(1, new byte[256]), OCTETS, false)
            .reason()).contains("SHA-1", "not allowed");
        assertThat(SignatureAuthentication.verify(rsa, new AuthenticationPayload(14, new byte[] {40, 1, 2}), OCTETS,
            false).reason()).contains("shorter");
        assertThat(SignatureAuthentication.verify(rsa, new AuthenticationPayload(14, new byte[] {3, 0x30, 1, 5, 9}),
            OCTETS, false).reason()).contains("does not know");
        assertThat(SignatureAuthentication.verify(rsa, new AuthenticationPayload(201, new byte[8]), OCTETS, false)
            .reason()).contains("method 201");
    }

    private static String hex(final SignatureScheme scheme)
    {
        return HexFormat.of().formatHex(scheme.algorithmIdentifier());
    }
}
