package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.auth.CertificateFixtures;
import io.torii.ike.auth.HashAlgorithms;
import io.torii.ike.auth.SwanctlCredentials;
import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.IkeMessageDecoder;
import io.torii.ike.message.payload.CertificateRequestPayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Torii peers in one process authenticating with certificates of the test CA (fixtures made with
 * strongSwan's pki, see {@link CertificateFixtures}), message by message, each from its own swanctl
 * directory, as in {@link IkeSessionTest}:
 * <pre>
 *   initiator 192.0.2.1 (10.1.0.0/24) ==== responder 192.0.2.2 (10.2.0.0/24)
 * </pre>
 * The failure cases give the initiator a bad certificate, so that the responder refuses it with
 * AUTHENTICATION_FAILED, and say why in the responder's failure.
 */
class IkeSessionCertificateTest
{
    private static final long INITIATOR_SPI = 0x1111_2222_3333_4444L;
    private static final long RESPONDER_SPI = 0x5555_6666_7777_8888L;

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final RecordingInstaller initiatorInstaller = new RecordingInstaller(0xc000_0001);
    private final RecordingInstaller responderInstaller = new RecordingInstaller(0xd000_0001);
    private final InetSocketAddress initiatorAddress = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 500);
    private final InetSocketAddress responderAddress = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 500);

    /** One side: its credential files (target below the swanctl folder to fixture) and swanctl.conf keys. */
    private record Side(Map<String, String> files, String localId, String remoteId, String connectionKeys,
        String localKeys, String remoteKeys)
    {
    }

    private static Side side(final String certificate, final String key, final String localId, final String remoteId)
    {
        return new Side(Map.of("x509/own.pem", certificate, "private/own.key", key, "x509ca/ca.pem", "ca.pem"),
            localId, remoteId, "", "", "");
    }

    private PeerProfile profile(final String name, final Side side, final String localTs, final String remoteTs)
    {
        final String text = """
            connections {
              c {
                proposals = aes256gcm16-prfsha256-x25519
                %s
                local {
                  auth = pubkey
                  %s
                  %s
                }
                remote {
                  auth = pubkey
                  id = %s
                  %s
                }
                children {
                  net {
                    local_ts = %s
                    remote_ts = %s
                    esp_proposals = aes256gcm16
                  }
                }
              }
            }
            """.formatted(side.connectionKeys(), side.localId().isEmpty() ? "" : "id = " + side.localId(),
            side.localKeys(), side.remoteId(), side.remoteKeys(), localTs, remoteTs);
        final SwanctlConfig config = SwanctlReader.read(text, "swanctl.conf").config();
        final Path folder = CertificateFixtures.swanctlDirectory(dir.resolve(name), side.files());
        return PeerProfiles.from(config, SwanctlCredentials.load(folder, config).credentials(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst();
    }

    private static IkeDatagram arrived(final IkeDatagram sent)
    {
        return new IkeDatagram(sent.remote(), sent.local(), sent.message());
    }

    /** The two sessions after the exchanges, and the IKE_SA_INIT response as sent. */
    private record Run(IkeSession initiator, IkeSession responder, byte[] initResponse)
    {
    }

    private Run run(final Side initiatorSide, final Side responderSide)
    {
        final PeerProfile initiatorProfile = profile("initiator", initiatorSide, "10.1.0.0/24", "10.2.0.0/24");
        final PeerProfile responderProfile = profile("responder", responderSide, "10.2.0.0/24", "10.1.0.0/24");
        final IkeSession initiator = IkeSession.initiate(initiatorProfile, initiatorAddress, responderAddress, random,
            initiatorInstaller, INITIATOR_SPI);
        final IkeDatagram init = arrived(initiator.start(0).getFirst());
        final IkeSession responder = IkeSession.respond(List.of(responderProfile), random, responderInstaller,
            INITIATOR_SPI, RESPONDER_SPI, init);
        final IkeDatagram initResponse = responder.receive(init, 0).getFirst();
        final List<IkeDatagram> auth = initiator.receive(arrived(initResponse), 0);
        assertThat(auth).as(String.valueOf(initiator.failure())).isNotEmpty();
        // A chain of certificates may not fit one datagram: IKE_AUTH then goes as RFC 7383 fragments.
        final List<IkeDatagram> authResponse = deliver(responder, auth);
        assertThat(authResponse).isNotEmpty();
        deliver(initiator, authResponse);
        return new Run(initiator, responder, initResponse.message());
    }

    /** Every datagram (each fragment of a message) in order; what the session sends back, all together. */
    private static List<IkeDatagram> deliver(final IkeSession session, final List<IkeDatagram> datagrams)
    {
        final List<IkeDatagram> sent = new java.util.ArrayList<>();
        for (final IkeDatagram datagram : datagrams)
        {
            sent.addAll(session.receive(arrived(datagram), 0));
        }
        return sent;
    }

    private void assertEstablished(final Run run)
    {
        assertThat(run.initiator.state()).as(String.valueOf(run.initiator.failure()))
            .isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(run.responder.state()).as(String.valueOf(run.responder.failure()))
            .isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(initiatorInstaller.installed.getFirst().outboundEncryptionKey())
            .isEqualTo(responderInstaller.installed.getFirst().inboundEncryptionKey());
    }

    private void assertRefusedByResponder(final Run run, final String... reason)
    {
        assertThat(run.responder.state()).isEqualTo(IkeSession.State.FAILED);
        assertThat(run.responder.failure()).contains("no connection accepts").contains(reason);
        assertThat(run.initiator.state()).isEqualTo(IkeSession.State.FAILED);
        assertThat(run.initiator.failure()).contains("AUTHENTICATION_FAILED");
        assertThat(initiatorInstaller.installed).isEmpty();
        assertThat(responderInstaller.installed).isEmpty();
    }

    @Test
    void ecdsaP256CertificatesWithDnAndFqdnIdentities()
    {
        // The initiator's id defaults to its certificate's subject; the responder's is a subjectAltName.
        final Run run = run(side("moon-ecdsa.pem", "moon-ecdsa.key", "", "sun.example"),
            side("sun-ecdsa.pem", "sun-ecdsa.key", "sun.example", "C=CH, O=Torii Test, CN=moon.example"));

        assertEstablished(run);
        final IkeMessage initResponse = IkeMessageDecoder.decode(run.initResponse, 0, run.initResponse.length, null)
            .message();
        final NotifyPayload hashes = initResponse.payloadsOf(NotifyPayload.class).stream()
            .filter(n -> n.notifyType() == NotifyType.SIGNATURE_HASH_ALGORITHMS).findFirst().orElseThrow();
        assertThat(HashAlgorithms.decode(hashes.data())).containsExactlyElementsOf(HashAlgorithms.SUPPORTED);
        assertThat(initResponse.payloadsOf(CertificateRequestPayload.class)).singleElement()
            .satisfies(r -> assertThat(r.authorities()).hasSize(20));
    }

    @Test
    void rsaCertificatesSignWithPss()
    {
        assertEstablished(run(side("moon-rsa.pem", "moon-rsa.key", "moon-rsa.example", "sun-rsa.example"),
            side("sun-rsa.pem", "sun-rsa.key", "sun-rsa.example", "moon-rsa.example")));
    }

    @Test
    void ed25519CertificatesAndMixedKeyTypes()
    {
        assertEstablished(run(side("moon-ed25519.pem", "moon-ed25519.key", "moon-ed.example", "%any"),
            side("sun-rsa.pem", "sun-rsa.key", "sun-rsa.example", "moon-ed.example")));
    }

    @Test
    void aCertificateOfAnotherCaFailsWithAuthenticationFailed()
    {
        assertRefusedByResponder(run(side("sun-other.pem", "sun-other.key", "sun.example", "moon.example"),
            side("moon-ecdsa.pem", "moon-ecdsa.key", "moon.example", "sun.example")),
            "does not chain up to a trusted CA");
    }

    @Test
    void anExpiredCertificateFailsWithAuthenticationFailed()
    {
        assertRefusedByResponder(run(side("sun-expired.pem", "sun-expired.key", "sun.example", "moon.example"),
            side("moon-ecdsa.pem", "moon-ecdsa.key", "moon.example", "sun.example")), "expired on");
    }

    @Test
    void aRevokedCertificateFailsWithAuthenticationFailed()
    {
        final Side responder = side("moon-ecdsa.pem", "moon-ecdsa.key", "moon.example", "sun.example");
        final Map<String, String> withCrl = new java.util.HashMap<>(responder.files());
        withCrl.put("x509crl/ca.crl", "ca.crl");
        assertRefusedByResponder(run(side("sun-revoked.pem", "sun-revoked.key", "sun.example", "moon.example"),
            new Side(withCrl, responder.localId(), responder.remoteId(), "", "", "")), "revoked", "serial 7e57");
    }

    @Test
    void anIdentityTheCertificateDoesNotHoldFailsWithAuthenticationFailed()
    {
        // The initiator claims an identity its certificate does not hold (swanctl lets it, naming the cert).
        final Side initiator = new Side(side("sun-ecdsa.pem", "sun-ecdsa.key", "", "").files(), "sun-rsa.example",
            "moon.example", "", "certs = own.pem", "");
        assertRefusedByResponder(run(initiator, side("moon-ecdsa.pem", "moon-ecdsa.key", "moon.example",
            "sun-rsa.example")), "neither the subject nor a subjectAltName", "sun-rsa.example");
    }

    @Test
    void theResponderFailingTheInitiatorsCheckNamesTheReason()
    {
        final Run run = run(side("moon-ecdsa.pem", "moon-ecdsa.key", "moon.example", "sun.example"),
            side("sun-expired.pem", "sun-expired.key", "sun.example", "moon.example"));

        assertThat(run.initiator.state()).isEqualTo(IkeSession.State.FAILED);
        assertThat(run.initiator.failure()).contains("the responder sun.example failed authentication", "expired");
        assertThat(initiatorInstaller.installed).isEmpty();
    }

    @Test
    void sendCertNeverWorksWhenThePeerHoldsTheCertificateAndFailsWhenItDoesNot()
    {
        final Side initiator = new Side(side("moon-ecdsa.pem", "moon-ecdsa.key", "moon.example", "sun.example")
            .files(), "moon.example", "sun.example", "send_cert = never", "", "");
        final Side responderWithout = side("sun-ecdsa.pem", "sun-ecdsa.key", "sun.example", "moon.example");
        assertRefusedByResponder(run(initiator, responderWithout), "sent no certificate");

        final Map<String, String> files = new java.util.HashMap<>(responderWithout.files());
        files.put("x509/moon.pem", "moon-ecdsa.pem");
        final Side responderWith = new Side(files, "sun.example", "moon.example", "", "", "certs = moon.pem");
        final Run run = run(initiator, responderWith);
        assertThat(run.responder.state()).as(String.valueOf(run.responder.failure()))
            .isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(run.initiator.state()).as(String.valueOf(run.initiator.failure()))
            .isEqualTo(IkeSession.State.ESTABLISHED);
    }

    /**
     * The initiator's certificate comes from chain-ca2, issued by chain-ca1, issued by chain-root. Only the
     * initiator holds the two intermediates (chain-ca1 as a CA certificate, chain-ca2 beside its own
     * certificate in x509/); the responder trusts chain-root and nothing between. IKE_AUTH request: CERT
     * moon-chain, CERT chain-ca2, CERT chain-ca1 (no root), the responder builds the path through them and both
     * SAs are ESTABLISHED with one Child SA installed each.
     */
    @Test
    void intermediatesHeldOnlyByTheInitiatorLetAResponderThatTrustsOnlyTheRootBuildThePath()
    {
        final Run run = run(chainInitiator(true), chainResponder());

        assertEstablished(run);
        assertThat(initiatorInstaller.installed).hasSize(1);
        assertThat(responderInstaller.installed).hasSize(1);
    }

    /** Without chain-ca2 at the initiator there is no path to chain-root: the responder refuses, as it did. */
    @Test
    void withoutTheIntermediateTheResponderThatTrustsOnlyTheRootRefuses()
    {
        assertRefusedByResponder(run(chainInitiator(false), chainResponder()), "does not chain up to a trusted CA",
            "Torii Chain CA 2");
    }

    private static Side chainInitiator(final boolean holdsBothIntermediates)
    {
        final Map<String, String> files = new java.util.HashMap<>(Map.of("x509/own.pem", "moon-chain.pem",
            "private/own.key", "moon-chain.key", "x509ca/ca.pem", "ca.pem", "x509ca/ca1.pem", "chain-ca1.pem",
            "x509ca/root.pem", "chain-root.pem"));
        if (holdsBothIntermediates)
        {
            files.put("x509/ca2.pem", "chain-ca2.pem");
        }
        return new Side(files, "moon-chain.example", "sun.example", "", "", "");
    }

    private static Side chainResponder()
    {
        return new Side(Map.of("x509/own.pem", "sun-ecdsa.pem", "private/own.key", "sun-ecdsa.key",
            "x509ca/root.pem", "chain-root.pem"), "sun.example", "moon-chain.example", "", "", "");
    }

    @Test
    void aPreSharedKeyPeerIsRefusedByACertificateConnection()
    {
        final PeerProfile pskInitiator = PeerProfiles.from(SwanctlReader.read("""
            connections {
              c {
                proposals = aes256gcm16-prfsha256-x25519
                local {
                  auth = psk
                  id = moon.example
                }
                remote {
                  auth = pubkey
                  id = sun.example
                }
                children {
                  net {
                    local_ts = 10.1.0.0/24
                    remote_ts = 10.2.0.0/24
                    esp_proposals = aes256gcm16
                  }
                }
              }
            }
            secrets {
              ike {
                secret = whatever
              }
            }
            """, "swanctl.conf").config(), SwanctlCredentials.load(CertificateFixtures.swanctlDirectory(
            dir.resolve("psk"), Map.of("x509ca/ca.pem", "ca.pem")), SwanctlReader.read("", "x").config())
            .credentials(), RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst();
        final PeerProfile responderProfile = profile("responder", side("sun-ecdsa.pem", "sun-ecdsa.key",
            "sun.example", "moon.example"), "10.2.0.0/24", "10.1.0.0/24");
        final IkeSession initiator = IkeSession.initiate(pskInitiator, initiatorAddress, responderAddress, random,
            initiatorInstaller, INITIATOR_SPI);
        final IkeDatagram init = arrived(initiator.start(0).getFirst());
        final IkeSession responder = IkeSession.respond(List.of(responderProfile), random, responderInstaller,
            INITIATOR_SPI, RESPONDER_SPI, init);
        final IkeDatagram auth = arrived(initiator.receive(arrived(responder.receive(init, 0).getFirst()), 0)
            .getFirst());
        initiator.receive(arrived(responder.receive(auth, 0).getFirst()), 0);

        assertThat(responder.failure()).contains("pre-shared key", "expects a certificate");
        assertThat(initiator.failure()).contains("AUTHENTICATION_FAILED");
    }
}
