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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child SA rekeys against strongSwan 5.9 under a ping of 20 packets a second, make-before-break both ways:
 * Torii rekeys {@code net} by time ({@code rekey_time = 8s}), strongSwan once on command in between, and
 * not one ping is lost. This is where a rekeyed pair that got a tunnel of its own instead of joining the old
 * one (so Torii kept sending with the old SA, which strongSwan had deleted) showed.
 * <pre>
 *  [hostA] --- [gwA torii daemon] 192.0.2.1 ==== 192.0.2.2 [gwB charon] --- [hostB]
 *   net: 10.1.0.0/24 === 10.2.0.0/24   (rekeyed by Torii every 7 to 8 s, and once by strongSwan)
 * </pre>
 */
@InteropTest
class ChildRekeyMakeBeforeBreakInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int PINGS = 400;

    @TempDir
    Path dir;

    @Test
    void noPingIsLostWhileToriiAndStrongSwanRekeyTheChildSa() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network network = GatewayPlacement.DIRECT_V4.build(lab);
            final String gwA = network.toriiGateway();
            final String gwB = network.strongSwanGateway();
            final String hostA = network.hostA();
            final String toriiConf = PskConnection.text("192.0.2.1", "192.0.2.2", true, LongLivedTunnel.IKE_PROPOSAL,
                LongLivedTunnel.ESP_PROPOSAL, "start", "", "rekey_time = 8s\nrand_time = 1s\nlife_time = 30s");
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(gwB,
                    Files.createDirectories(dir.resolve("b")),
                    PskConnection.text("192.0.2.2", "192.0.2.1", false, LongLivedTunnel.IKE_PROPOSAL,
                        LongLivedTunnel.ESP_PROPOSAL, "none", "", "rekey_time = 0")));
                ChildProcess torii = DemoGateways.startIkeDaemon(gwA, dir.resolve("a"), toriiConf))
            {
                final SaListing up = strongSwan.awaitChildInstalled("net", TIMEOUT);
                assertThat(up.isChildInstalled("net")).as(up.raw() + torii.output() + strongSwan.logTail(60)).isTrue();
                assertThat(CountedPing.awaitReply(lab, hostA, "10.2.0.2", TIMEOUT)).as(torii.output()).isTrue();

                final CompletableFuture<Commands.Result> ping = CompletableFuture.supplyAsync(() ->
                    lab.exec(hostA, "ping", "-c", String.valueOf(PINGS), "-i", "0.05", "-W", "1", "10.2.0.2"));
                // After Torii's first rekey, strongSwan rekeys the new pair itself.
                final String firstRekey = Polling.until(torii::output, out -> out.contains("CHILD_SA net rekeyed"),
                    TIMEOUT);
                assertThat(firstRekey).contains("CHILD_SA net rekeyed");
                final Commands.Result rekey = strongSwan.swanctl("--rekey", "--child", "net");
                assertThat(rekey.exitCode()).as(rekey.output()).isZero();
                final Commands.Result pinged = ping.get();

                assertThat(pinged.output()).as(pinged.output() + torii.output() + strongSwan.logTail(80))
                    .contains(PINGS + " packets transmitted, " + PINGS + " received");
                assertThat(torii.output().split("CHILD_SA net rekeyed", -1).length - 1)
                    .as("Torii's rekeys and strongSwan's: " + torii.output()).isGreaterThanOrEqualTo(3);
                final SaListing after = Polling.until(strongSwan::listSas,
                    listing -> netPairs(listing) == 1, TIMEOUT);
                assertThat(netPairs(after)).as("one pair of net left: " + after.raw()).isEqualTo(1);
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
            }
        }
    }

    private static long netPairs(final SaListing listing)
    {
        return listing.ikeSas().stream().flatMap(ike -> ike.children().stream())
            .filter(child -> child.name().equals("net")).count();
    }
}
