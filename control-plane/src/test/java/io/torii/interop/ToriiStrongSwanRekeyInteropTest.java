package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rekeying without loss between Torii and strongSwan 5.9 (issue 7): Child SAs rekeyed every
 * {@value #CHILD_REKEY_SECONDS} s and the IKE SA every {@value #IKE_REKEY_SECONDS} s, under a counted ping
 * at 20 per second from the host behind Torii to the host behind strongSwan for two minutes, once with
 * Torii's lifetimes short (Torii initiates every rekey) and once with strongSwan's short:
 * <pre>
 *  [hostA] 10.1.0.2 --- [torii daemon] 192.0.2.1 ===== 192.0.2.2 [charon] --- 10.2.0.2 [hostB]
 *      ping -i 0.05 ------------------------- ESP in UDP 4500 -------------------------&gt;
 * </pre>
 * Everything is checked from outside: ping's own count (not one request lost), both sides' listings
 * ({@code torii list-sas}, {@code swanctl --list-sas}) sampled twice a second for SPIs that change (at least
 * the number of rekeys the lifetimes make, less a margin for jitter), and, once the traffic stops, exactly
 * one IKE SA and one Child SA on each side. An iperf3 TCP run at 20 Mbit/s crosses the tunnel at the start.
 * A third run rekeys by packet count ({@code rekey_packets}) instead of time, on Torii's side.
 *
 * <p>Durations are system properties so that CI can shorten them: {@code torii.interop.rekey.seconds}
 * (default 120), {@code torii.interop.rekey.packets.seconds} (default 60),
 * {@code torii.interop.rekey.steady.seconds} (default 20, the run without rekeying that checks the harness
 * itself).
 */
@InteropTest
class ToriiStrongSwanRekeyInteropTest
{
    /** The Child SA rekey interval. */
    static final int CHILD_REKEY_SECONDS = 10;
    /** The IKE SA rekey interval. */
    static final int IKE_REKEY_SECONDS = 30;
    /** 20 echo requests a second. */
    static final Duration PING_INTERVAL = Duration.ofMillis(50);
    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);
    private static final Duration TRAFFIC = Duration.ofSeconds(Long.getLong("torii.interop.rekey.seconds", 120));
    private static final Duration STEADY = Duration.ofSeconds(Long.getLong("torii.interop.rekey.steady.seconds", 20));
    private static final Duration BY_PACKETS =
        Duration.ofSeconds(Long.getLong("torii.interop.rekey.packets.seconds", 60));
    /** The ping's 20 packets a second each way make this a rekey about every 15 s, by count not by time. */
    private static final int REKEY_PACKETS = 300;
    private static final int IPERF_SECONDS = 5;
    /** Load that leaves the tunnel room: queues that overflow would drop pings for a reason other than rekeys. */
    private static final String IPERF_RATE = "20M";

    /** Short lifetimes: rekey every 10 s (at random up to 2 s earlier), hard expiry at 15 s. */
    static final String SHORT_CHILD = """
        rekey_time = %ds
        life_time = %ds
        rand_time = 2s
        """.formatted(CHILD_REKEY_SECONDS, CHILD_REKEY_SECONDS * 3 / 2);
    /** Short IKE lifetime: rekey every 30 s, at random up to 3 s earlier. */
    static final String SHORT_IKE = """
        rekey_time = %ds
        rand_time = 3s
        """.formatted(IKE_REKEY_SECONDS);

    @TempDir
    Path dir;

    @BeforeEach
    void needsStrongSwan()
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
    }

    /**
     * The harness without rekeying (both sides' lifetimes at their defaults of hours): every ping comes
     * back, the SPIs never change, one SA each. This passes before rekeying exists and shows that the loss
     * count and the SA counts read right.
     */
    @Test
    void steadyTunnelLosesNoPingAndKeepsOneSaEach() throws Exception
    {
        try (NetworkLab lab = new NetworkLab();
            LongLivedTunnel tunnel = LongLivedTunnel.open(lab, dir, LongLivedTunnel.Options.initiatedBy(true)))
        {
            final RekeyWitness witness = runTraffic(tunnel, STEADY, false);
            assertThat(witness.strongSwanChildRekeys()).as(witness.toString()).isZero();
            assertThat(witness.toriiChildRekeys()).as(witness.toString()).isZero();
            assertThat(witness.strongSwanIkeRekeys()).as(witness.toString()).isZero();
            assertThat(witness.mostChildSas()).as(witness.toString()).isEqualTo(1);
        }
    }

    @Test
    void toriiRekeysChildEvery10sAndIkeEvery30sUnderPingWithoutLoss() throws Exception
    {
        final LongLivedTunnel.Options options = LongLivedTunnel.Options.initiatedBy(true)
            .torii(SHORT_IKE, SHORT_CHILD);
        rekeyUnderTraffic(options, TRAFFIC, CHILD_REKEY_SECONDS, IKE_REKEY_SECONDS, true);
    }

    @Test
    void strongSwanRekeysChildEvery10sAndIkeEvery30sUnderPingWithoutLoss() throws Exception
    {
        final LongLivedTunnel.Options options = LongLivedTunnel.Options.initiatedBy(true)
            .strongSwan(SHORT_IKE, SHORT_CHILD);
        rekeyUnderTraffic(options, TRAFFIC, CHILD_REKEY_SECONDS, IKE_REKEY_SECONDS, true);
    }

    /**
     * Packet lifetimes ({@code rekey_packets}, {@code life_packets}, {@code rand_packets}) on Torii's side:
     * the dataplane counts each SA's packets and asks for the rekey; time lifetimes stay at their defaults.
     * Duration: {@code torii.interop.rekey.packets.seconds} (default 60).
     */
    @Test
    void toriiRekeysChildByPacketCountUnderPingWithoutLoss() throws Exception
    {
        final LongLivedTunnel.Options options = LongLivedTunnel.Options.initiatedBy(true).torii("", """
            rekey_packets = %d
            life_packets = %d
            rand_packets = %d
            """.formatted(REKEY_PACKETS, REKEY_PACKETS * 3 / 2, REKEY_PACKETS / 10));
        final int secondsPerRekey = (int)(REKEY_PACKETS * PING_INTERVAL.toMillis() / 1000);
        // No iperf3 here: its thousands of packets a second would rekey several times a second.
        rekeyUnderTraffic(options, BY_PACKETS, secondsPerRekey, 0, false);
    }

    /**
     * @param ikeRekeySeconds the IKE SA's rekey interval, 0 when it is not rekeyed in the run.
     * @param iperf whether an iperf3 run crosses the tunnel at the start.
     */
    private void rekeyUnderTraffic(final LongLivedTunnel.Options options, final Duration traffic,
        final int childRekeySeconds, final int ikeRekeySeconds, final boolean iperf) throws Exception
    {
        try (NetworkLab lab = new NetworkLab(); LongLivedTunnel tunnel = LongLivedTunnel.open(lab, dir, options))
        {
            final RekeyWitness witness = runTraffic(tunnel, traffic, iperf);
            // Rekeys come every interval less up to rand_time; one interval of margin for the start and the end.
            final long childRekeys = Math.max(1, traffic.toSeconds() / childRekeySeconds - 1);
            final long ikeRekeys = ikeRekeySeconds == 0 ? 0 : Math.max(1, traffic.toSeconds() / ikeRekeySeconds - 1);
            assertThat(witness.strongSwanChildRekeys()).as(witness + tunnel.logs()).isGreaterThanOrEqualTo(
                (int)childRekeys);
            assertThat(witness.toriiChildRekeys()).as(witness.toString()).isGreaterThanOrEqualTo((int)childRekeys);
            assertThat(witness.strongSwanIkeRekeys()).as(witness.toString()).isGreaterThanOrEqualTo((int)ikeRekeys);
            assertThat(witness.toriiIkeRekeys()).as(witness.toString()).isGreaterThanOrEqualTo((int)ikeRekeys);
            // While a rekey is in flight the old and the new SA coexist; more than that would be SAs left behind.
            assertThat(witness.mostIkeSas()).as(witness.toString()).isLessThanOrEqualTo(2);
            assertThat(witness.mostChildSas()).as(witness.toString()).isLessThanOrEqualTo(2);
            System.out.println("rekey under traffic: " + witness);
        }
    }

    /**
     * Pings for the given time while sampling both sides, then checks the count and that each side settles
     * to exactly one IKE SA and one Child SA.
     */
    static RekeyWitness runTraffic(final LongLivedTunnel tunnel, final Duration duration, final boolean iperf)
    {
        final GatewayPlacement.Network net = tunnel.network();
        final RekeyWitness witness = new RekeyWitness(PskConnection.CHILD);
        witness.sample(tunnel.strongSwan().listSas(), tunnel.torii().listSas());
        final CountedPing.Result counted;
        try (CountedPing ping = CountedPing.start(net.hostA(), "10.2.0.2", PING_INTERVAL, duration))
        {
            if (iperf)
            {
                final Commands.Result tcp = Iperf.run(net.hostA(), net.hostB(), "10.2.0.2", IPERF_SECONDS,
                    IPERF_RATE);
                assertThat(tcp.exitCode()).as("iperf3 across the tunnel: " + tcp.output()).isZero();
            }
            while (ping.isRunning())
            {
                witness.sample(tunnel.strongSwan().listSas(), tunnel.torii().listSas());
                LockSupport.parkNanos(SAMPLE_INTERVAL.toNanos());
            }
            counted = ping.await();
        }
        assertThat(counted.transmitted()).as(counted.output()).isEqualTo(duration.toMillis() /
            PING_INTERVAL.toMillis());
        assertThat(counted.lost()).as("pings lost while " + witness + "\n" + counted.output() + tunnel.logs())
            .isZero();
        // A rekey may be in flight as the traffic stops: settled means one of each on both sides.
        final SaListing strongSwan = Polling.until(() -> tunnel.strongSwan().listSas(),
            listing -> listing.ikeSas().size() == 1 && listing.ikeSas().getFirst().children().size() == 1,
            LongLivedTunnel.TIMEOUT);
        final ToriiSaListing torii = Polling.until(() -> tunnel.torii().listSas(),
            listing -> listing.ikeCount() == 1 && listing.childCount(PskConnection.CHILD) == 1,
            LongLivedTunnel.TIMEOUT);
        assertThat(strongSwan.ikeSas()).as(strongSwan.raw()).hasSize(1);
        assertThat(strongSwan.ikeSas().getFirst().children()).as(strongSwan.raw()).hasSize(1);
        assertThat(strongSwan.isChildInstalled(PskConnection.CHILD)).as(strongSwan.raw()).isTrue();
        assertThat(torii.ikeCount()).as(torii.raw()).isEqualTo(1);
        assertThat(torii.childCount(PskConnection.CHILD)).as(torii.raw()).isEqualTo(1);
        assertThat(torii.isChildInstalled(PskConnection.CHILD)).as(torii.raw()).isTrue();
        witness.sample(strongSwan, torii);
        return witness;
    }
}
