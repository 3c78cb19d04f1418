package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.RevocationPolicy;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chains of the fixtures validated against the test CA, with its CRL.
 */
class CertificateValidatorTest
{
    private static final X509Certificate CA = CertificateFixtures.certificate("ca.pem");
    private static final X509Certificate OTHER_CA = CertificateFixtures.certificate("other-ca.pem");
    private static final List<X509CRL> CRLS = List.of(CertificateFixtures.crl());
    private final Date now = new Date();

    private CredentialResult<List<X509Certificate>> validate(final String certificate, final List<X509Certificate> cas,
        final RevocationPolicy policy, final List<X509CRL> crls)
    {
        return CertificateValidator.validate(CertificateFixtures.certificate(certificate), List.of(), cas, crls, policy,
            now);
    }

    @Test
    void certificatesOfTheTrustedCaValidateToIt()
    {
        for (final String name : List.of("sun-ecdsa.pem", "sun-rsa.pem", "sun-ed25519.pem", "moon-p384.pem"))
        {
            final CredentialResult<List<X509Certificate>> path = validate(name, List.of(OTHER_CA, CA),
                RevocationPolicy.RELAXED, CRLS);
            assertThat(path.isOk()).as(name + ": " + path.reason()).isTrue();
            assertThat(path.value()).hasSize(2).last().isEqualTo(CA);
        }
    }

    @Test
    void aCertificateOfAnotherCaIsRefused()
    {
        assertThat(validate("sun-other.pem", List.of(CA), RevocationPolicy.RELAXED, CRLS).reason())
            .contains("does not chain up to a trusted CA", "Other CA");
        assertThat(validate("sun-ecdsa.pem", List.of(), RevocationPolicy.RELAXED, CRLS).reason())
            .contains("no trusted CA");
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDate()
    {
        assertThat(validate("sun-expired.pem", List.of(CA), RevocationPolicy.RELAXED, CRLS).reason())
            .contains("sun.example", "expired on").contains("2021");
    }

    @Test
    void aRevokedCertificateIsRefusedAndStrictNeedsACrl()
    {
        assertThat(validate("sun-revoked.pem", List.of(CA), RevocationPolicy.RELAXED, CRLS).reason())
            .contains("serial 7e57", "revoked");
        assertThat(validate("sun-revoked.pem", List.of(CA), RevocationPolicy.RELAXED, List.of()).isOk()).isTrue();
        assertThat(validate("sun-ecdsa.pem", List.of(CA), RevocationPolicy.STRICT, List.of()).reason())
            .contains("strict");
        assertThat(validate("sun-ecdsa.pem", List.of(CA), RevocationPolicy.STRICT, CRLS).isOk()).isTrue();
    }

    @Test
    void anEndCertificateCannotActAsCaForAnother()
    {
        // sun-ecdsa is no CA (no basic constraints CA flag): a chain through it is refused by PKIX.
        final CredentialResult<List<X509Certificate>> path = CertificateValidator.validate(
            CertificateFixtures.certificate("sun-ecdsa.pem"), List.of(), List.of(CertificateFixtures.certificate(
                "moon-ecdsa.pem")), List.of(), RevocationPolicy.RELAXED, now);
        assertThat(path.isOk()).isFalse();
    }
}
