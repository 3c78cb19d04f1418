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
 * A Torii gateway and a strongSwan 5.9 gateway (Debian's, ESP in userspace through kernel-libipsec) build
 * an IKEv2 PSK tunnel, each side initiating in turn, and carry ping between the hosts behind them:
 * <pre>
 *  [hostA] 10.1.0.2 --- 10.1.0.1 [gwA torii daemon] 192.0.2.1 === 192.0.2.2 [gwB charon] 10.2.0.1 --- 10.2.0.2 [hostB]
 *                                  TUN torii0, UDP 4500                           TUN ipsec0
 * </pre>
 * libipsec fakes NAT detection, so ESP goes in UDP on port 4500 both ways, which is also all a Torii UDP
 * port sends. Torii routes the remote selectors through its TUN device itself, as charon does.
 */
@InteropTest
class ToriiStrongSwanInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String IKE = "ab";
    private static final String CHILD = "net";

    @TempDir
    Path dir;

    @Test
    void strongSwanInitiatesToToriiAndPingCrosses() throws Exception
    {
        tunnel(false, "aes256gcm16-prfsha256-x25519", "aes256gcm16");
    }

    @Test
    void toriiInitiatesToStrongSwanWithCbcAndEcpAndPingCrosses() throws Exception
    {
        tunnel(true, "aes128-sha256-ecp256", "aes128-sha256");
    }

    private void tunnel(final boolean toriiInitiates, final String ike, final String esp) throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network net = GatewayPlacement.DIRECT_V4.build(lab);
            final String gwA = net.toriiGateway();
            final String gwB = net.strongSwanGateway();
            final String hostA = net.hostA();
            final String hostB = net.hostB();
            final String toriiConf = connection("192.0.2.1", "192.0.2.2", "gwa.example", "gwb.example",
                "10.1.0.0/24", "10.2.0.0/24", ike, esp, toriiInitiates ? "start" : "none");
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(gwB, folder("b"),
                    connection("192.0.2.2", "192.0.2.1", "gwb.example", "gwa.example", "10.2.0.0/24", "10.1.0.0/24",
                        ike, esp, "none")));
                ChildProcess torii = DemoGateways.startIkeDaemon(gwA, dir.resolve("a"), toriiConf))
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
                assertThat(ping.exitCode()).as(ping.output() + torii.output() + strongSwan.listSasPretty() +
                    strongSwan.logTail(40)).isZero();
                assertThat(ping.output()).contains("3 received");
                final Commands.Result back = lab.exec(hostB, "ping", "-c", "2", "-i", "0.3", "-W", "2", "10.1.0.2");
                assertThat(back.output()).as(back.output() + torii.output()).contains("2 received");

                final IkeSaStatus atStrongSwan = listing.ike(IKE).orElseThrow();
                assertThat(atStrongSwan.field("local-port")).isEqualTo("4500");
                assertThat(torii.output()).contains("IKE_SA " + IKE + " established").doesNotContain("error");
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
                System.out.println("torii daemon at gwA:\n" + torii.output());
            }
        }
    }

    /** Polls the daemon's output: the child is in the dataplane once Torii logged it. */
    private static void awaitOutput(final ChildProcess daemon, final String text) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!daemon.output().contains(text) && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        assertThat(daemon.output()).contains(text);
    }

    private Path folder(final String name) throws java.io.IOException
    {
        return Files.createDirectories(dir.resolve(name));
    }

    private static String connection(final String local, final String remote, final String localId,
        final String remoteId, final String localTs, final String remoteTs, final String ike, final String esp,
        final String startAction)
    {
        return """
            connections {
              %s {
                version = 2
                local_addrs = %s
                remote_addrs = %s
                proposals = %s
                local {
                  auth = psk
                  id = %s
                }
                remote {
                  auth = psk
                  id = %s
                }
                children {
                  %s {
                    local_ts = %s
                    remote_ts = %s
                    esp_proposals = %s
                    start_action = %s
                  }
                }
              }
            }
            secrets {
              ike-gateways {
                id-a = gwa.example
                id-b = gwb.example
                secret = "torii and strongswan interop"
              }
            }
            """.formatted(IKE, local, remote, ike, localId, remoteId, CHILD, localTs, remoteTs, esp, startAction);
    }
}
