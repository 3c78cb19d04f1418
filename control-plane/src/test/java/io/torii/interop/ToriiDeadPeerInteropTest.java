package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strongSwan peer that dies and comes back (issue 7, liveness): charon is killed with SIGKILL in its
 * namespace, so it sends no Delete, as after a crash or a power loss.
 * <pre>
 *  [hostA] 10.1.0.2 --- [torii daemon] 192.0.2.1 ===== 192.0.2.2 [charon: killed, started again] --- [hostB]
 *                       dpd_delay 2s, retransmit 1 s x 3
 * </pre>
 * Torii's retransmission schedule is short ({@code charon { retransmit_timeout = 1, retransmit_base = 1,
 * retransmit_tries = 2 }}: a request is sent three times, a second apart, and given up after
 * {@value #GIVE_UP_SECONDS} s), so a dead peer is known at most {@code dpd_delay} + {@value #GIVE_UP_SECONDS} s
 * after it last spoke; the tests allow {@value #SLACK_SECONDS} s more for timers and listings.
 * <ul>
 * <li>{@code dpd_action = clear} (the default): Torii removes the IKE SA and its Child SA in time.</li>
 * <li>{@code dpd_action = restart}: charon is started again at once (it knows nothing of the old SA, so
 *     Torii's liveness checks still go unanswered); once Torii gives the old SA up it initiates again and
 *     the tunnel comes back by itself. Needs the lifecycle part of issue 7.</li>
 * <li>charon started again with {@code start_action = start} initiates with INITIAL_CONTACT; Torii (DPD off,
 *     so nothing else would remove it) drops its stale IKE SA and the new SA carries traffic. Needs the
 *     lifecycle part of issue 7.</li>
 * </ul>
 */
@InteropTest
class ToriiDeadPeerInteropTest
{
    private static final int DPD_DELAY_SECONDS = 2;
    private static final int GIVE_UP_SECONDS = 3;
    private static final int SLACK_SECONDS = 3;
    private static final String SHORT_RETRANSMISSION = """
        retransmit_timeout = 1
        retransmit_base = 1
        retransmit_tries = 2
        """;
    private static final String DPD = "dpd_delay = " + DPD_DELAY_SECONDS + "s";

    @TempDir
    Path dir;

    @BeforeEach
    void needsStrongSwan()
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
    }

    @Test
    void toriiClearsTheSasWithinItsDpdTimeoutWhenStrongSwanIsKilled() throws Exception
    {
        final LongLivedTunnel.Options options = LongLivedTunnel.Options.initiatedBy(true)
            .torii(DPD, "dpd_action = clear").toriiCharon(SHORT_RETRANSMISSION);
        try (NetworkLab lab = new NetworkLab(); LongLivedTunnel tunnel = LongLivedTunnel.open(lab, dir, options))
        {
            assertPingCrosses(tunnel);
            final long killed = System.nanoTime();
            tunnel.crashStrongSwan();
            final Duration bound = Duration.ofSeconds(DPD_DELAY_SECONDS + GIVE_UP_SECONDS + SLACK_SECONDS);
            final ToriiSaListing gone = Polling.until(() -> tunnel.torii().listSas(),
                listing -> listing.ikeCount() == 0, bound.plusSeconds(10));
            final Duration noticed = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(gone.ikeCount()).as("Torii still lists SAs with a dead peer" + tunnel.logs()).isZero();
            assertThat(gone.childCount(PskConnection.CHILD)).isZero();
            assertThat(noticed).as("noticed after " + noticed.toMillis() + " ms" + tunnel.logs())
                .isLessThanOrEqualTo(bound);
            assertThat(tunnel.torii().isRunning()).isTrue();
            System.out.println("DPD: Torii removed the dead peer's SAs " + noticed.toMillis() + " ms after the kill");
        }
    }

    @Test
    void toriiRestartsTheTunnelWhenStrongSwanComesBackWithDpdActionRestart() throws Exception
    {
        final LongLivedTunnel.Options options = LongLivedTunnel.Options.initiatedBy(true)
            .torii(DPD + "\nkeyingtries = 0", "dpd_action = restart").toriiCharon(SHORT_RETRANSMISSION);
        try (NetworkLab lab = new NetworkLab(); LongLivedTunnel tunnel = LongLivedTunnel.open(lab, dir, options))
        {
            assertPingCrosses(tunnel);
            final String staleSpis = tunnel.torii().listSas().ikeSas().getFirst().spis();
            tunnel.crashStrongSwan();
            tunnel.startStrongSwan("none", "", "");
            final SaListing back = tunnel.strongSwan().awaitChildInstalled(PskConnection.CHILD,
                Duration.ofSeconds(DPD_DELAY_SECONDS + GIVE_UP_SECONDS + SLACK_SECONDS).plus(LongLivedTunnel.TIMEOUT));
            assertThat(back.isChildInstalled(PskConnection.CHILD)).as("the tunnel did not come back by itself" +
                tunnel.logs()).isTrue();
            final ToriiSaListing atTorii = tunnel.torii().awaitChildInstalled(PskConnection.CHILD,
                LongLivedTunnel.TIMEOUT);
            assertThat(atTorii.ikeCount()).as(atTorii.raw()).isEqualTo(1);
            assertThat(atTorii.ikeSas().getFirst().spis()).isNotEqualTo(staleSpis);
            assertPingCrosses(tunnel);
        }
    }

    @Test
    void strongSwanRestartedWithInitialContactReplacesToriisStaleSa() throws Exception
    {
        final LongLivedTunnel.Options options = LongLivedTunnel.Options.initiatedBy(false);
        try (NetworkLab lab = new NetworkLab(); LongLivedTunnel tunnel = LongLivedTunnel.open(lab, dir, options))
        {
            assertPingCrosses(tunnel);
            final String staleSpis = tunnel.torii().listSas().ikeSas().getFirst().spis();
            tunnel.crashStrongSwan();
            tunnel.startStrongSwan("start", "", "");
            tunnel.awaitUp();
            final ToriiSaListing replaced = Polling.until(() -> tunnel.torii().listSas(),
                listing -> listing.ikeCount() == 1 && !listing.ikeSas().getFirst().spis().equals(staleSpis),
                LongLivedTunnel.TIMEOUT);
            assertThat(replaced.ikeSas()).as("INITIAL_CONTACT should have removed the stale IKE SA " + staleSpis +
                tunnel.logs()).hasSize(1);
            assertThat(replaced.ikeSas().getFirst().spis()).isNotEqualTo(staleSpis);
            assertThat(replaced.childCount(PskConnection.CHILD)).isEqualTo(1);
            assertPingCrosses(tunnel);
        }
    }

    /** Five pings each way, all answered. */
    private static void assertPingCrosses(final LongLivedTunnel tunnel)
    {
        final GatewayPlacement.Network net = tunnel.network();
        final Commands.Result there = Commands.run(java.util.List.of("ip", "netns", "exec", net.hostA(), "ping",
            "-c", "5", "-i", "0.2", "-W", "2", "10.2.0.2"));
        assertThat(there.output()).as(there.output() + tunnel.logs()).contains("5 received");
        final Commands.Result back = Commands.run(java.util.List.of("ip", "netns", "exec", net.hostB(), "ping",
            "-c", "5", "-i", "0.2", "-W", "2", "10.1.0.2"));
        assertThat(back.output()).as(back.output() + tunnel.logs()).contains("5 received");
    }
}
