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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IKE fragmentation (RFC 7383) between Torii and strongSwan 5.9, each side initiating once: both
 * authenticate with RSA-4096 certificates of the test CA, made here with strongSwan's pki, so that every
 * IKE_AUTH message exceeds Torii's default fragment size (1280 bytes as an IP datagram); strongSwan sends
 * fragments of at most {@value #STRONGSWAN_FRAGMENT_SIZE} bytes ({@code charon.fragment_size}). Both
 * messages of IKE_AUTH thus go in fragments, and ping crosses the tunnel:
 * <pre>
 *  [hostA] 10.1.0.2 --- 10.1.0.1 [gwA torii daemon] 192.0.2.1 === 192.0.2.2 [gwB charon] 10.2.0.1 --- 10.2.0.2 [hostB]
 *                                       fragment_size 1280              fragment_size 600
 * </pre>
 * strongSwan's log is the witness for both directions: it splits its own messages and reassembles Torii's.
 */
@InteropTest
class ToriiStrongSwanFragmentationInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int STRONGSWAN_FRAGMENT_SIZE = 600;
    private static final String IKE = "ab";
    private static final String CHILD = "net";

    @TempDir
    static Path certificates;

    @TempDir
    Path dir;

    /** Issues moon-big and sun-big: RSA-4096 keys, certified by the fixtures' CA with their names as SANs. */
    @BeforeAll
    static void issueLargeCertificates() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled() && Files.isExecutable(Path.of("/usr/bin/pki")),
            "strongSwan and its pki are not installed (./torii bootstrap installs them)");
        Files.write(certificates.resolve("ca.pem"), CertificateFixtures.bytes("ca.pem"));
        Files.write(certificates.resolve("ca.key"), CertificateFixtures.bytes("ca.key"));
        for (final String host : List.of("moon", "sun"))
        {
            final Path key = certificates.resolve(host + "-big.key");
            Commands.check("sh", "-c", "pki --gen --type rsa --size 4096 --outform pem > " + key);
            Commands.check("sh", "-c", "pki --pub --in " + key + " --type priv | pki --issue --cacert " +
                certificates.resolve("ca.pem") + " --cakey " + certificates.resolve("ca.key") + " --dn 'C=CH, " +
                "O=Torii Test, CN=" + host + "-big.example' --san " + host + "-big.example --flag serverAuth " +
                "--flag clientAuth --lifetime 2 --outform pem > " + certificates.resolve(host + "-big.pem"));
        }
    }

    @Test
    void toriiInitiatesAndBothSidesFragmentIkeAuth() throws Exception
    {
        tunnel(true);
    }

    @Test
    void strongSwanInitiatesAndBothSidesFragmentIkeAuth() throws Exception
    {
        tunnel(false);
    }

    private void tunnel(final boolean toriiInitiates) throws Exception
    {
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network net = GatewayPlacement.DIRECT_V4.build(lab);
            final String gwA = net.toriiGateway();
            final String gwB = net.strongSwanGateway();
            final String hostA = net.hostA();
            final Path toriiDir = CertificateConnection.credentialFolders(dir.resolve("a"));
            Files.copy(certificates.resolve("moon-big.pem"), toriiDir.resolve("x509/gwa.pem"));
            Files.copy(certificates.resolve("moon-big.key"), toriiDir.resolve("private/gwa.key"));
            Files.copy(certificates.resolve("ca.pem"), toriiDir.resolve("x509ca/ca.pem"));
            final PeerSetup strongSwanSetup = PeerSetup.of(gwB, Files.createDirectories(dir.resolve("b")),
                    CertificateConnection.fragmenting("192.0.2.2", "192.0.2.1", "sun-big.example",
                        "moon-big.example", "10.2.0.0/24", "10.1.0.0/24", "none", "certs = gwb.pem"))
                .withCredential("x509/gwb.pem", Files.readAllBytes(certificates.resolve("sun-big.pem")))
                .withCredential("private/gwb.key", Files.readAllBytes(certificates.resolve("sun-big.key")))
                .withCredential("x509ca/ca.pem", CertificateFixtures.bytes("ca.pem"))
                .withCharonOptions("fragment_size = " + STRONGSWAN_FRAGMENT_SIZE);
            final String toriiConf = CertificateConnection.fragmenting("192.0.2.1", "192.0.2.2", "moon-big.example",
                "sun-big.example", "10.1.0.0/24", "10.2.0.0/24", toriiInitiates ? "start" : "none", "");
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

                final String log = String.join("\n", strongSwan.logLines());
                // strongSwan's words: "splitting IKE message (N bytes) into M fragments" for its IKE_AUTH
                // message, and "reassembled fragmented IKE message (N bytes)" for Torii's.
                assertThat(log).as(strongSwan.logTail(80)).containsPattern("splitting IKE message \\(\\d+ bytes\\) " +
                    "into \\d+ fragments").containsPattern("reassembled fragmented IKE message \\(\\d+ bytes\\)")
                    .contains("authentication of 'moon-big.example' with RSA");
                final Commands.Result ping = lab.exec(hostA, "ping", "-c", "3", "-i", "0.3", "-W", "2", "10.2.0.2");
                assertThat(ping.output()).as(ping.output() + torii.output() + strongSwan.logTail(40))
                    .contains("3 received");
                assertThat(torii.output()).contains("IKE_SA " + IKE + " established").doesNotContain("error");
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
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
}
