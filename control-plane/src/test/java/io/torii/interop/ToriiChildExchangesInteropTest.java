package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
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
 * The exchanges after IKE_AUTH against strongSwan 5.9: Torii brings up the IKE SA with its first child,
 * then strongSwan adds a second Child SA with CREATE_CHILD_SA (with a PFS key exchange), deletes it,
 * and deletes the IKE SA, each through INFORMATIONAL; Torii answers each and logs what changed:
 * <pre>
 *  [hostA] --- [gwA torii daemon] 192.0.2.1 ==== 192.0.2.2 [gwB charon] --- [hostB]
 *   net:   10.1.0.0/24 === 10.2.0.0/24   (IKE_AUTH)
 *   other: 10.1.1.0/24 === 10.2.1.0/24   (CREATE_CHILD_SA, x25519)
 * </pre>
 */
@InteropTest
class ToriiChildExchangesInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String IKE = TwoChildConnection.IKE;

    @TempDir
    Path dir;

    @Test
    void strongSwanAddsAndDeletesAChildAndThenTheIkeSaThatToriiEstablished() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network network = GatewayPlacement.DIRECT_V4.build(lab);
            final String gwA = network.toriiGateway();
            final String gwB = network.strongSwanGateway();
            final String hostA = network.hostA();
            // The second child's subnets, beside the ones the placement gives.
            lab.link(hostA, "10.1.1.2/24", gwA, "10.1.1.1/24");
            lab.link(network.hostB(), "10.2.1.2/24", gwB, "10.2.1.1/24");
            final String toriiConf = TwoChildConnection.text("192.0.2.1", "192.0.2.2", "gwa.example", "gwb.example", "10.1",
                "10.2", "start");
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(gwB,
                    Files.createDirectories(dir.resolve("b")),
                    TwoChildConnection.text("192.0.2.2", "192.0.2.1", "gwb.example", "gwa.example", "10.2", "10.1", "none")));
                ChildProcess torii = DemoGateways.startIkeDaemon(gwA, dir.resolve("a"), toriiConf))
            {
                final SaListing up = strongSwan.awaitChildInstalled("net", TIMEOUT);
                assertThat(up.isChildInstalled("net")).as(up.raw() + torii.output() + strongSwan.logTail(60)).isTrue();

                final Commands.Result created = strongSwan.initiateChild("other", TIMEOUT);
                assertThat(created.exitCode()).as(created.output() + torii.output()).isZero();
                final SaListing both = strongSwan.awaitChildInstalled("other", TIMEOUT);
                assertThat(both.isChildInstalled("other")).as(both.raw() + torii.output()).isTrue();
                assertThat(both.ikeSas()).as("the second child joined the same IKE SA").hasSize(1);
                awaitOutput(torii, "[IKE] CHILD_SA other established");
                final Commands.Result ping = lab.exec(hostA, "ping", "-c", "3", "-i", "0.3", "-W", "2", "-I",
                    "10.1.1.2", "10.2.1.2");
                assertThat(ping.output()).as("through the second child: " + ping.output() + torii.output())
                    .contains("3 received");

                final Commands.Result deleted = strongSwan.terminateChild("other", TIMEOUT);
                assertThat(deleted.exitCode()).as(deleted.output() + torii.output()).isZero();
                awaitOutput(torii, "[IKE] CHILD_SA other with SPIs");
                assertThat(torii.output()).contains("_o deleted");
                assertThat(strongSwan.listSas().isChildInstalled("net")).isTrue();

                final Commands.Result gone = strongSwan.terminateIke(IKE, TIMEOUT);
                assertThat(gone.exitCode()).as(gone.output() + torii.output()).isZero();
                awaitOutput(torii, "[IKE] IKE_SA " + IKE + " with 192.0.2.2 deleted");
                assertThat(torii.output()).contains("CHILD_SA net with SPIs");
                assertThat(strongSwan.listSas().ikeSas()).isEmpty();
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
                System.out.println("torii daemon at gwA:\n" + torii.output());
            }
        }
    }

    /** Polls the daemon's output for a line it logs once the exchange is done. */
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
