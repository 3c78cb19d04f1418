package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.RevocationPolicy;
import io.torii.ike.config.SendCertPolicy;
import io.torii.ike.message.payload.AuthenticationPayload;
import io.torii.ike.message.payload.CertificatePayload;
import io.torii.ike.sa.IkeIdentity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A peer's CERT payloads after the first are untrusted intermediates: they may complete its path to one of
 * our anchors, in any order, but a root among them is not trusted for being sent, and a CA that bears the
 * right name with another key does not link the chain. The peer is moon-chain (chain-root → chain-ca1 →
 * chain-ca2 → moon-chain, see {@link CertificateFixtures}).
 */
class SentIntermediatesTest
{
    private static final X509Certificate MOON = CertificateFixtures.certificate("moon-chain.pem");
    private static final byte[] SIGNED_OCTETS = "the peer's signed octets".getBytes(StandardCharsets.US_ASCII);

    private static CredentialResult<String> authenticate(final List<String> sent, final String anchor)
    {
        final CertificateAuth peer = new CertificateAuth(new LocalCertificate(MOON,
            CertificateFixtures.key("moon-chain.key")), null, SendCertPolicy.ALWAYS, false);
        final AuthenticationPayload auth = peer.sign(Set.of(HashAlgorithms.SHA2_256), SIGNED_OCTETS,
            new SecureRandom()).value();
        final CertificateAuth us = new CertificateAuth(null, new PeerTrust(
            List.of(CertificateFixtures.certificate(anchor)), List.of(), List.of(), List.of(), List.of(),
            RevocationPolicy.RELAXED), SendCertPolicy.ALWAYS, true);
        final List<CertificatePayload> payloads = sent.stream().map(SentIntermediatesTest::payload).toList();
        return us.authenticate(IkeIdentity.parse("moon-chain.example"), payloads, auth, SIGNED_OCTETS, new Date());
    }

    private static CertificatePayload payload(final String fixture)
    {
        try
        {
            return new CertificatePayload(CertificatePayload.X509_SIGNATURE,
                CertificateFixtures.certificate(fixture).getEncoded());
        }
        catch (final CertificateEncodingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void sentIntermediatesCompleteThePathToTheRootWeTrustInAnyOrder()
    {
        assertThat(authenticate(List.of("moon-chain.pem", "chain-ca2.pem", "chain-ca1.pem"), "chain-root.pem")
            .value()).contains("moon-chain.example");
        assertThat(authenticate(List.of("moon-chain.pem", "chain-ca1.pem", "chain-ca2.pem"), "chain-root.pem")
            .isOk()).isTrue();
    }

    @Test
    void withoutTheIntermediatesThePathIsIncomplete()
    {
        assertThat(authenticate(List.of("moon-chain.pem", "chain-ca2.pem"), "chain-root.pem").reason())
            .contains("does not chain up to a trusted CA", "Torii Chain CA 1");
    }

    @Test
    void aRootThePeerSendsIsNotTrustedForBeingSent()
    {
        assertThat(authenticate(List.of("moon-chain.pem", "chain-ca2.pem", "chain-ca1.pem", "chain-root.pem"),
            "ca.pem").reason()).contains("does not chain up to a trusted CA", "Torii Chain Root");
    }

    @Test
    void anIntermediateWithTheRightNameAndAnotherKeyDoesNotLinkTheChain()
    {
        assertThat(authenticate(List.of("moon-chain.pem", "chain-ca2-impostor.pem", "chain-ca1.pem"),
            "chain-root.pem").reason()).contains("does not chain up to a trusted CA", "Torii Chain CA 2");
    }
}
