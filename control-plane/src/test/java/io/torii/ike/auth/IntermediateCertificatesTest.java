package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.message.payload.CertificatePayload;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection's CERT payloads when its certificate comes from an intermediate CA: the certificate, then
 * the intermediates found in {@code x509ca/} and {@code x509/}, each in its own payload, the root left out.
 */
class IntermediateCertificatesTest
{
    @TempDir
    Path dir;

    private CertificateAuth certificates(final String sendCert, final String id, final Map<String, String> files)
    {
        final SwanctlConfig config = SwanctlReader.read("""
            connections {
              gw {
                send_cert = %s
                local {
                  auth = pubkey
                  id = %s
                }
                remote {
                  auth = pubkey
                }
                children {
                  net {
                    local_ts = 10.1.0.0/24
                  }
                }
              }
            }
            """.formatted(sendCert, id), "swanctl.conf").config();
        CertificateFixtures.swanctlDirectory(dir, files);
        return PeerProfiles.from(config, SwanctlCredentials.load(dir, config).credentials(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst().certificates();
    }

    private static byte[] der(final String fixture) throws Exception
    {
        return CertificateFixtures.certificate(fixture).getEncoded();
    }

    @Test
    void theIntermediatesFollowOurCertificateInChainOrder() throws Exception
    {
        // chain-ca2 sits in x509/ beside our certificate, chain-ca1 and the root in x509ca/.
        final CertificateAuth auth = certificates("always", "moon-chain.example", Map.of("x509/moon.pem",
            "moon-chain.pem", "x509/ca2.pem", "chain-ca2.pem", "private/moon.key", "moon-chain.key",
            "x509ca/a-ca1.pem", "chain-ca1.pem", "x509ca/root.pem", "chain-root.pem", "x509ca/impostor.pem",
            "chain-ca2-impostor.pem"));

        final List<CertificatePayload> payloads = auth.certificatePayloads(false);

        assertThat(payloads).extracting(CertificatePayload::encoding)
            .containsOnly(CertificatePayload.X509_SIGNATURE);
        assertThat(payloads).extracting(CertificatePayload::data)
            .containsExactly(der("moon-chain.pem"), der("chain-ca2.pem"), der("chain-ca1.pem"));
        assertThat(auth.local().intermediates()).extracting(X509Certificate::getSubjectX500Principal)
            .extracting(Object::toString).containsExactly("CN=Torii Chain CA 2, O=Torii Test, C=CH",
                "CN=Torii Chain CA 1, O=Torii Test, C=CH");
        assertThat(auth.local().toString()).contains("2 intermediates");
    }

    @Test
    void theIntermediatesAreSentOnlyWhenOurCertificateIs() throws Exception
    {
        final Map<String, String> files = Map.of("x509/moon.pem", "moon-chain.pem", "private/moon.key",
            "moon-chain.key", "x509ca/ca1.pem", "chain-ca1.pem", "x509ca/ca2.pem", "chain-ca2.pem");

        final CertificateAuth ifAsked = certificates("ifasked", "moon-chain.example", files);
        assertThat(ifAsked.certificatePayloads(false)).isEmpty();
        assertThat(ifAsked.certificatePayloads(true)).extracting(CertificatePayload::data)
            .containsExactly(der("moon-chain.pem"), der("chain-ca2.pem"), der("chain-ca1.pem"));
        assertThat(certificates("never", "moon-chain.example", files).certificatePayloads(true)).isEmpty();
    }

    @Test
    void aCertificateOfARootWeHoldGoesAlone()
    {
        final CertificateAuth auth = certificates("always", "moon.example", Map.of("x509/moon.pem",
            "moon-ecdsa.pem", "private/moon.key", "moon-ecdsa.key", "x509ca/ca.pem", "ca.pem", "x509ca/ca1.pem",
            "chain-ca1.pem"));

        assertThat(auth.certificatePayloads(false)).hasSize(1);
        assertThat(auth.local().intermediates()).isEmpty();
    }
}
