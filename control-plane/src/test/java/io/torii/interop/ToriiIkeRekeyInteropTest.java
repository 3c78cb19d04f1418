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
 * IKE SA rekeying against strongSwan 5.9 (RFC 7296 §2.18): strongSwan rekeys the IKE SA that Torii set up
 * ({@code swanctl --rekey --ike}), then Torii rekeys it by its {@code rekey_time}; after each the IKE SA has
 * new SPIs on both sides, the Child SA carries traffic as before, and the IKE SA can still be deleted:
 * <pre>
 *  [hostA] --- [gwA torii daemon] 192.0.2.1 ==== 192.0.2.2 [gwB charon] --- [hostB]
 *   net:   10.1.0.0/24 === 10.2.0.0/24   (IKE_AUTH)
 * </pre>
 */
@InteropTest
class ToriiIkeRekeyInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String IKE = "ab";
    private static final String REKEYED = "[IKE] IKE_SA " + IKE + " rekeyed between";

    @TempDir
    Path dir;

    @Test
    void strongSwanAndThenToriiRekeyTheIkeSaAndTrafficFlowsThroughout() throws Exception
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
                LongLivedTunnel.ESP_PROPOSAL, "start", "rekey_time = 15s\nrand_time = 0s", "");
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(gwB,
                    Files.createDirectories(dir.resolve("b")),
                    PskConnection.text("192.0.2.2", "192.0.2.1", false, LongLivedTunnel.IKE_PROPOSAL,
                        LongLivedTunnel.ESP_PROPOSAL, "none", "rekey_time = 0s\nrand_time = 0s", "")));
                ChildProcess torii = DemoGateways.startIkeDaemon(gwA, dir.resolve("a"), toriiConf))
            {
                final SaListing up = strongSwan.awaitChildInstalled("net", TIMEOUT);
                assertThat(up.isChildInstalled("net")).as(up.raw() + torii.output() + strongSwan.logTail(60)).isTrue();
                final String firstSpi = up.ike(IKE).orElseThrow().field("initiator-spi");
                assertThat(CountedPing.awaitReply(lab, hostA, "10.2.0.2", TIMEOUT)).as(torii.output()).isTrue();
                ping(lab, hostA, torii);

                // strongSwan rekeys: Torii answers, files the new SA and waits for strongSwan's Delete of the old.
                final Commands.Result rekey = strongSwan.swanctl("--rekey", "--ike", IKE);
                assertThat(rekey.exitCode()).as(rekey.output()).isZero();
                awaitOutput(torii, REKEYED, 1);
                final SaListing second = awaitOneIkeSaOtherThan(strongSwan, firstSpi);
                final String secondSpi = second.ike(IKE).orElseThrow().field("initiator-spi");
                assertThat(second.isChildInstalled("net")).as(second.raw()).isTrue();
                ping(lab, hostA, torii);

                // Torii rekeys 15 s after: strongSwan answers, Torii deletes the old SA.
                awaitOutput(torii, REKEYED, 2);
                final SaListing third = awaitOneIkeSaOtherThan(strongSwan, secondSpi);
                assertThat(third.isChildInstalled("net")).as(third.raw()).isTrue();
                assertThat(strongSwan.logTail(200)).doesNotContain("rekeying failed").doesNotContain("MAC mismatch");
                ping(lab, hostA, torii);

                final Commands.Result gone = strongSwan.terminateIke(IKE, TIMEOUT);
                assertThat(gone.exitCode()).as(gone.output() + torii.output()).isZero();
                awaitOutput(torii, "[IKE] IKE_SA " + IKE + " with 192.0.2.2 deleted", 1);
                assertThat(torii.output()).contains("CHILD_SA net with SPIs");
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
                System.out.println("torii daemon at gwA:\n" + torii.output());
            }
        }
    }

    private static void ping(final NetworkLab lab, final String hostA, final ChildProcess torii)
    {
        final Commands.Result ping = lab.exec(hostA, "ping", "-c", "3", "-i", "0.3", "-W", "2", "10.2.0.2");
        assertThat(ping.output()).as(ping.output() + torii.output()).contains("3 received");
    }

    /** Polls strongSwan until it holds exactly one IKE SA, established, whose SPIi is not {@code oldSpi}. */
    private static SaListing awaitOneIkeSaOtherThan(final StrongSwanPeer strongSwan, final String oldSpi)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        SaListing listing = strongSwan.listSas();
        while (!settled(listing, oldSpi) && System.nanoTime() < deadline)
        {
            Thread.sleep(100);
            listing = strongSwan.listSas();
        }
        assertThat(settled(listing, oldSpi)).as(listing.raw() + strongSwan.logTail(80)).isTrue();
        return listing;
    }

    private static boolean settled(final SaListing listing, final String oldSpi)
    {
        return listing.ikeSas().size() == 1 && listing.isIkeEstablished(IKE) &&
            !listing.ike(IKE).orElseThrow().field("initiator-spi").equals(oldSpi);
    }

    /** Polls the daemon's output until the text appears that many times. */
    private static void awaitOutput(final ChildProcess daemon, final String text, final int times)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + 2 * TIMEOUT.toNanos();
        while (daemon.output().split(java.util.regex.Pattern.quote(text), -1).length <= times &&
            System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        assertThat(daemon.output().split(java.util.regex.Pattern.quote(text), -1)).as(daemon.output())
            .hasSizeGreaterThan(times);
    }
}
