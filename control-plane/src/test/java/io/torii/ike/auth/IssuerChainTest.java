package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The intermediates we send after our certificate, found among the certificates we hold. The fixture chain
 * (see {@link CertificateFixtures}) is chain-root (self-signed) → chain-ca1 → chain-ca2 → moon-chain, and
 * chain-ca2-impostor bears chain-ca2's name with another key.
 */
class IssuerChainTest
{
    private static final X509Certificate ROOT = CertificateFixtures.certificate("chain-root.pem");
    private static final X509Certificate CA1 = CertificateFixtures.certificate("chain-ca1.pem");
    private static final X509Certificate CA2 = CertificateFixtures.certificate("chain-ca2.pem");
    private static final X509Certificate IMPOSTOR = CertificateFixtures.certificate("chain-ca2-impostor.pem");
    private static final X509Certificate MOON = CertificateFixtures.certificate("moon-chain.pem");

    @Test
    void intermediatesGoFromTheIssuerUpwardsAndLeaveOutTheSelfSignedRoot()
    {
        // Held in an order unlike the chain's, with the root and an unrelated CA among them.
        final List<X509Certificate> held = List.of(ROOT, CertificateFixtures.certificate("ca.pem"), CA1, MOON, CA2);

        assertThat(IssuerChain.intermediates(MOON, held)).containsExactly(CA2, CA1);
    }

    @Test
    void aCertificateWithTheIssuersNameButAnotherKeyIsPassedOver()
    {
        assertThat(IssuerChain.intermediates(MOON, List.of(IMPOSTOR, CA1, ROOT, CA2))).containsExactly(CA2, CA1);
        assertThat(IssuerChain.intermediates(MOON, List.of(IMPOSTOR, CA1, ROOT))).isEmpty();
    }

    @Test
    void theWalkStopsWhereNoIssuerIsHeld()
    {
        // chain-ca1 is missing: chain-ca2 still helps a peer that holds chain-ca1 or trusts chain-ca2 itself.
        assertThat(IssuerChain.intermediates(MOON, List.of(CA2, ROOT))).containsExactly(CA2);
        assertThat(IssuerChain.intermediates(MOON, List.of())).isEmpty();
    }

    @Test
    void aCertificateIssuedDirectlyByARootOrSelfSignedHasNoIntermediates()
    {
        assertThat(IssuerChain.intermediates(CA1, List.of(ROOT, CA1, CA2))).isEmpty();
        assertThat(IssuerChain.intermediates(ROOT, List.of(ROOT, CA1, CA2))).isEmpty();
        assertThat(IssuerChain.intermediates(CertificateFixtures.certificate("sun-ecdsa.pem"),
            List.of(CertificateFixtures.certificate("ca.pem"), CA1))).isEmpty();
    }

    @Test
    void theNumberOfIntermediatesIsBounded()
    {
        assertThat(IssuerChain.intermediates(MOON, List.of(CA1, CA2, ROOT), 1)).containsExactly(CA2);
        assertThat(IssuerChain.intermediates(MOON, List.of(CA1, CA2, ROOT), 2)).containsExactly(CA2, CA1);
        assertThat(IssuerChain.MAX_INTERMEDIATES).isEqualTo(8);
    }
}
