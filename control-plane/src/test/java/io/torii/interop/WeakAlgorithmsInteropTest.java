package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * strongSwan's legacy proposal {@code aes128-sha1-modp1024} against Torii: refused when Torii loads its
 * configuration, with a message that names {@code allow_weak}, and negotiated, with one warning line, once
 * the connection sets {@code allow_weak = yes}:
 * <pre>
 *  [hostA] 10.1.0.2 --- 10.1.0.1 [gwA torii daemon] 192.0.2.1 === 192.0.2.2 [gwB charon] 10.2.0.1 --- 10.2.0.2 [hostB]
 * </pre>
 * Only IKE is weak here: the dataplane's ESP engine has no HMAC-SHA1-96, so the child uses aes128-sha256.
 */
@InteropTest
class WeakAlgorithmsInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String WEAK_IKE = "aes128-sha1-modp1024";
    private static final String ESP = "aes128-sha256";

    @TempDir
    Path dir;

    /** Torii's end, with Torii's own {@code allow_weak} key or without it. */
    private static String toriiConnection(final boolean allowWeak)
    {
        final String text = PskConnection.text("192.0.2.1", "192.0.2.2", true, WEAK_IKE, ESP, "none");
        return allowWeak ? text.replace("version = 2\n", "version = 2\n    allow_weak = yes\n") : text;
    }

    @Test
    void toriiRefusesTheWeakProposalUnlessTheConnectionAllowsIt() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network network = GatewayPlacement.DIRECT_V4.build(lab);
            final String gwA = network.toriiGateway();
            final String gwB = network.strongSwanGateway();
            final String hostA = network.hostA();

            assertThatThrownBy(() -> DemoGateways.startIkeDaemon(gwA, dir.resolve("refused"),
                toriiConnection(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'sha1' is weak")
                .hasMessageContaining("Torii refuses weak algorithms unless the connection sets allow_weak = yes");

            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(gwB,
                    Files.createDirectories(dir.resolve("b")),
                    PskConnection.text("192.0.2.2", "192.0.2.1", false, WEAK_IKE, ESP, "none")));
                ChildProcess torii = DemoGateways.startIkeDaemon(gwA, dir.resolve("a"),
                    toriiConnection(true)))
            {
                assertThat(torii.output()).containsOnlyOnce("connection 'ab' allows weak algorithms " +
                    "(allow_weak = yes): ").contains("MODP_1024");
                final Commands.Result initiated = strongSwan.initiateChild(PskConnection.CHILD, TIMEOUT);
                assertThat(initiated.exitCode()).as(initiated.output() + torii.output() + strongSwan.logTail(60))
                    .isZero();
                final SaListing listing = strongSwan.awaitChildInstalled(PskConnection.CHILD, TIMEOUT);
                final IkeSaStatus ike = listing.ike(PskConnection.IKE).orElseThrow();
                assertThat(ike.field("dh-group")).as(listing.raw()).isEqualTo("MODP_1024");
                assertThat(ike.field("integ-alg")).as(listing.raw()).isEqualTo("HMAC_SHA1_96");
                final Commands.Result ping = lab.exec(hostA, "ping", "-c", "3", "-i", "0.3", "-W", "2", "10.2.0.2");
                assertThat(ping.output()).as(ping.output() + torii.output()).contains("3 received");
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
            }
        }
    }
}
