package io.torii.ike.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.config.SettingsException;
import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.message.payload.CertificatePayload;
import io.torii.ike.message.payload.CertificateRequestPayload;
import io.torii.ike.message.payload.IdentificationPayload;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swanctl credential folders loaded and turned into a connection's certificate authentication.
 */
class SwanctlCredentialsTest
{
    @TempDir
    Path dir;

    private static SwanctlConfig config(final String local, final String remote, final String extra)
    {
        return SwanctlReader.read("""
            connections {
              gw {
                %s
                local {
                  auth = pubkey
                  %s
                }
                remote {
                  auth = pubkey
                  %s
                }
                children {
                  net {
                    local_ts = 10.1.0.0/24
                  }
                }
              }
            }
            secrets {
              pkcs8-moon {
                file = moon.pkcs8
                secret = "torii test"
              }
            }
            """.formatted(extra, local, remote), "swanctl.conf").config();
    }

    @Test
    void loadsEveryFolderAndPicksTheCertificateWithItsKey() throws Exception
    {
        CertificateFixtures.swanctlDirectory(dir, Map.of("x509/moon.pem", "moon-ecdsa.pem",
            "x509/moon-rsa.pem", "moon-rsa.pem", "x509ca/ca.pem", "ca.pem", "x509ca/other.pem", "other-ca.pem",
            "pkcs8/moon.pkcs8", "moon-ecdsa-encrypted.pkcs8", "rsa/moon-rsa.key", "moon-rsa.key",
            "x509crl/ca.crl", "ca.crl"));
        Files.writeString(dir.resolve("x509/broken.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        final SwanctlConfig config = config("certs = moon.pem", "cacerts = ca.pem", "send_cert = always");

        final SwanctlCredentials.Load load = SwanctlCredentials.load(dir, config);

        assertThat(load.credentials().certificates()).hasSize(2);
        assertThat(load.credentials().caCertificates()).hasSize(2);
        assertThat(load.credentials().privateKeys()).hasSize(2);
        assertThat(load.credentials().crls()).hasSize(1);
        assertThat(load.warnings()).singleElement().asString().contains("broken.pem", "not an X.509 certificate");
        assertThat(load.credentials().toString()).doesNotContain("BEGIN");

        final PeerProfile profile = PeerProfiles.from(config, load.credentials(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst();
        final CertificateAuth auth = profile.certificates();
        assertThat(auth.local().certificate()).isEqualTo(CertificateFixtures.certificate("moon-ecdsa.pem"));
        assertThat(profile.localId().idType()).isEqualTo(IdentificationPayload.ID_DER_ASN1_DN);
        assertThat(profile.localId().toString()).isEqualTo("C=CH, O=Torii Test, CN=moon.example");
        assertThat(profile.psk()).isEmpty();
        assertThat(auth.certificatePayloads(false)).singleElement().extracting(CertificatePayload::encoding)
            .isEqualTo(CertificatePayload.X509_SIGNATURE);
        final CertificateRequestPayload request = auth.certificateRequest().orElseThrow();
        assertThat(request.authorities()).hasSize(20);
        assertThat(CertificateAuth.requests(request, CertificateFixtures.certificate("ca.pem"))).isTrue();
        assertThat(CertificateAuth.requests(request, CertificateFixtures.certificate("other-ca.pem"))).isFalse();
    }

    @Test
    void withoutCertsTheLocalIdChoosesAndSendCertIfaskedWaitsForARequest()
    {
        CertificateFixtures.swanctlDirectory(dir, Map.of("x509/moon.pem", "moon-ecdsa.pem",
            "x509/moon-rsa.pem", "moon-rsa.pem", "x509ca/ca.pem", "ca.pem", "ecdsa/moon.key", "moon-ecdsa.key",
            "private/moon-rsa.key", "moon-rsa.key"));
        final SwanctlConfig config = config("id = moon-rsa.example", "", "");
        final PeerProfile profile = PeerProfiles.from(config, SwanctlCredentials.load(dir, config).credentials(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst();

        assertThat(profile.certificates().local().certificate()).isEqualTo(CertificateFixtures.certificate(
            "moon-rsa.pem"));
        assertThat(profile.localId().toString()).isEqualTo("moon-rsa.example");
        assertThat(profile.certificates().certificatePayloads(false)).isEmpty();
        assertThat(profile.certificates().certificatePayloads(true)).hasSize(1);
    }

    @Test
    void aMissingCertificateOrKeyIsAnErrorNamingTheConnection()
    {
        CertificateFixtures.swanctlDirectory(dir, Map.of("x509/moon.pem", "moon-ecdsa.pem", "x509ca/ca.pem",
            "ca.pem"));
        final SwanctlConfig noKey = config("", "", "");
        assertThatThrownBy(() -> PeerProfiles.from(noKey, SwanctlCredentials.load(dir, noKey).credentials(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS)).isInstanceOf(SettingsException.class)
            .hasMessageContaining("gw: auth = pubkey needs a certificate with its private key");
        CertificateFixtures.swanctlDirectory(dir, Map.of("ecdsa/moon.key", "moon-ecdsa.key"));
        final SwanctlConfig noCa = config("", "cacerts = missing.pem", "");
        assertThatThrownBy(() -> PeerProfiles.from(noCa, SwanctlCredentials.load(dir, noCa).credentials(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS)).isInstanceOf(SettingsException.class)
            .hasMessageContaining("missing.pem");
    }
}
