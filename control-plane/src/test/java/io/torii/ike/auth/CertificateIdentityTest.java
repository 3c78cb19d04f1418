package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.payload.IdentificationPayload;
import io.torii.ike.sa.IkeIdentity;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Identities against the fixture certificates, and distinguished names in strongSwan's text order.
 */
class CertificateIdentityTest
{
    private static final X509Certificate MOON = CertificateFixtures.certificate("moon-p384.pem");

    @Test
    void strongSwanDnTextParsesInX500OrderToTheCertificatesSubject()
    {
        final IkeIdentity id = IkeIdentity.parse("C=CH, O=Torii Test, CN=moon-p384.example");
        assertThat(id.idType()).isEqualTo(IdentificationPayload.ID_DER_ASN1_DN);
        assertThat(id.data()).isEqualTo(MOON.getSubjectX500Principal().getEncoded());
        // The first RDN of the DER is the country: SET { SEQUENCE { OID 2.5.4.6, ... } }.
        assertThat(HexFormat.of().formatHex(id.data())).startsWith("30").contains("310b300906035504061302");
        assertThat(HexFormat.of().formatHex(id.data()).indexOf("0603550406"))
            .isLessThan(HexFormat.of().formatHex(id.data()).indexOf("0603550403"));
        assertThat(id.toString()).isEqualTo("C=CH, O=Torii Test, CN=moon-p384.example");
        assertThat(CertificateIdentity.subject(MOON)).isEqualTo(id);
        assertThat(IkeIdentity.parse("C=ch,O=torii test,  CN=MOON-p384.example").matches(id)).isTrue();
        assertThat(IkeIdentity.parse("C=CH, O=Torii Test, CN=sun.example").matches(id)).isFalse();
        assertThat(DistinguishedNames.parse("not a dn")).isEmpty();
    }

    @Test
    void subjectAndSubjectAltNamesMatchAsStrongSwanMatchesThem()
    {
        assertThat(CertificateIdentity.matches(MOON, IkeIdentity.parse("C=CH, O=Torii Test, CN=moon-p384.example")))
            .isTrue();
        assertThat(CertificateIdentity.matches(MOON, IkeIdentity.parse("moon-p384.example"))).isTrue();
        assertThat(CertificateIdentity.matches(MOON, IkeIdentity.parse("@MOON-P384.example"))).isTrue();
        assertThat(CertificateIdentity.matches(MOON, IkeIdentity.parse("192.0.2.1"))).isTrue();
        assertThat(CertificateIdentity.matches(MOON, IkeIdentity.parse("192.0.2.2"))).isFalse();
        assertThat(CertificateIdentity.matches(MOON, IkeIdentity.parse("sun.example"))).isFalse();
        assertThat(CertificateIdentity.matches(MOON, IkeIdentity.parse("moon-p384@example"))).isFalse();
        assertThat(CertificateIdentity.matches(MOON, IkeIdentity.parse("C=CH, O=Torii Test, CN=sun.example")))
            .isFalse();
    }
}
