package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.ike.auth.CertificateFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torii and strongSwan 5.9 authenticate each other with certificates of one test CA (the fixtures of
 * {@link CertificateFixtures}), each side initiating once, and carry ping between the hosts behind them:
 * <pre>
 *  [hostA] 10.1.0.2 --- 10.1.0.1 [gwA torii daemon] 192.0.2.1 === 192.0.2.2 [gwB charon] 10.2.0.1 --- 10.2.0.2 [hostB]
 *                             x509/ x509ca/ private/ beside swanctl.conf    the same, loaded by swanctl
 * </pre>
 * With ECDSA certificates the identities are the certificates' subject DNs (Torii's by default, strongSwan's
 * by its {@code certs}), written in strongSwan's order; with RSA they are subjectAltNames. Torii signs RSA with RSASSA-PSS, strongSwan with PKCS#1 v1.5.
 */
@InteropTest
class ToriiStrongSwanCertificateInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String IKE = "ab";
    private static final String CHILD = "net";

    @TempDir
    Path dir;

    @Test
    void strongSwanInitiatesWithEcdsaCertificatesAndDnIdentities() throws Exception
    {
        tunnel(false, "ecdsa", "", "C=CH, O=Torii Test, CN=sun.example", "",
            "C=CH, O=Torii Test, CN=moon.example");
    }

    @Test
    void toriiInitiatesWithRsaCertificatesAndFqdnIdentities() throws Exception
    {
        tunnel(true, "rsa", "moon-rsa.example", "sun-rsa.example", "sun-rsa.example", "moon-rsa.example");
    }

    private void tunnel(final boolean toriiInitiates, final String keyType, final String toriiId,
        final String toriiRemoteId, final String strongSwanId, final String strongSwanRemoteId) throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network net = GatewayPlacement.DIRECT_V4.build(lab);
            final String gwA = net.toriiGateway();
            final String gwB = net.strongSwanGateway();
            final String hostA = net.hostA();
            final Path toriiDir = CertificateConnection.credentialFolders(dir.resolve("a"));
            Files.write(toriiDir.resolve("x509/gwa.pem"), CertificateFixtures.bytes("moon-" + keyType + ".pem"));
            Files.write(toriiDir.resolve("private/gwa.key"), CertificateFixtures.bytes("moon-" + keyType + ".key"));
            Files.write(toriiDir.resolve("x509ca/ca.pem"), CertificateFixtures.bytes("ca.pem"));
            final PeerSetup strongSwanSetup = PeerSetup.of(gwB, Files.createDirectories(dir.resolve("b")),
                    connection("192.0.2.2", "192.0.2.1", strongSwanId, strongSwanRemoteId, "10.2.0.0/24",
                        "10.1.0.0/24", "none", "certs = gwb.pem"))
                .withCredential("x509/gwb.pem", CertificateFixtures.bytes("sun-" + keyType + ".pem"))
                .withCredential("private/gwb.key", CertificateFixtures.bytes("sun-" + keyType + ".key"))
                .withCredential("x509ca/ca.pem", CertificateFixtures.bytes("ca.pem"));
            final String toriiConf = connection("192.0.2.1", "192.0.2.2", toriiId, toriiRemoteId, "10.1.0.0/24",
                "10.2.0.0/24", toriiInitiates ? "start" : "none", "");
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(strongSwanSetup);
                ChildProcess torii = DemoGateways.startIkeDaemon(gwA, toriiDir, toriiConf))
            {
                if (!toriiInitiates)
                {
                    final Commands.Result initiated = strongSwan.initiateChild(CHILD, TIMEOUT);
                    assertThat(initiated.exitCode()).as(initiated.output() + torii.output() + strongSwan.logTail(60))
                        .isZero();
                }
                final SaListing listing = strongSwan.awaitChildInstalled(CHILD, TIMEOUT);
                assertThat(listing.isChildInstalled(CHILD)).as(listing.raw() + torii.output() + strongSwan.logTail(80))
                    .isTrue();
                awaitOutput(torii, "[IKE] CHILD_SA net established");

                final Commands.Result ping = lab.exec(hostA, "ping", "-c", "3", "-i", "0.3", "-W", "2", "10.2.0.2");
                assertThat(ping.output()).as(ping.output() + torii.output() + strongSwan.logTail(40))
                    .contains("3 received");
                final String log = String.join("\n", strongSwan.logLines());
                assertThat(log).as(strongSwan.logTail(80)).contains("authentication of '" +
                    (strongSwanRemoteId.isEmpty() ? "C=CH, O=Torii Test, CN=moon.example" : strongSwanRemoteId) +
                    "' with");
                assertThat(torii.output()).contains("IKE_SA " + IKE + " established").doesNotContain("error");
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
                System.out.println("torii daemon at gwA:\n" + torii.output());
            }
        }
    }

    private static void awaitOutput(final ChildProcess daemon, final String text) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!daemon.output().contains(text) && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        assertThat(daemon.output()).contains(text);
    }

    private static String connection(final String local, final String remote, final String localId,
        final String remoteId, final String localTs, final String remoteTs, final String startAction,
        final String localCerts)
    {
        final String localAuth = (localId.isEmpty() ? "" : "id = \"" + localId + "\"\n") + localCerts;
        return CertificateConnection.text(local, remote, "", localAuth,
            remoteId.isEmpty() ? "%any" : "\"" + remoteId + "\"", localTs, remoteTs, startAction);
    }
}
