package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MOBIKE (RFC 4555) against strongSwan 5.9 (issue 7): strongSwan initiates (only the initiator may move an
 * IKE SA, §3.5) with MOBIKE on, then its address changes inside its namespace while a counted ping runs;
 * strongSwan notices through netlink and sends UPDATE_SA_ADDRESSES from the new address, and Torii must move
 * the IKE SA and the dataplane's SA endpoints without a rekey:
 * <pre>
 *  [hostA] --- [torii daemon] 192.0.2.1 ===== 192.0.2.2 [charon] --- [hostB]
 *                                              becomes 192.0.2.3 (addr add, then addr del)
 * </pre>
 * Checked from outside: Torii lists the peer at the new address with the same IKE and Child SPIs, strongSwan
 * lists its new local address, and pings pass after the move; the ping that spans the move may lose at most
 * {@value #MOVE_LOSS_ALLOWED} requests (one second), the time strongSwan takes to notice and Torii to answer.
 * Needs the mobike part of issue 7.
 */
@InteropTest
class ToriiMobikeInteropTest
{
    private static final String NEW_ADDRESS = "192.0.2.3";
    private static final Duration ACROSS_THE_MOVE = Duration.ofSeconds(15);
    private static final int MOVE_LOSS_ALLOWED = 20;

    @TempDir
    Path dir;

    @Test
    void strongSwanMovesToANewAddressAndTrafficKeepsFlowingOnTheSameSas() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        // strongSwan may only move to an address its local_addrs allows: any (the later key wins in swanctl.conf).
        final LongLivedTunnel.Options options = LongLivedTunnel.Options.initiatedBy(false)
            .strongSwan("local_addrs = %any\nmobike = yes", "");
        try (NetworkLab lab = new NetworkLab(); LongLivedTunnel tunnel = LongLivedTunnel.open(lab, dir, options))
        {
            final GatewayPlacement.Network net = tunnel.network();
            final ToriiSaListing before = tunnel.torii().listSas();
            assertThat(before.ikeSas()).as(before.raw()).hasSize(1);
            assertThat(before.ikeSas().getFirst().remote()).isEqualTo(net.toriiRemote() + "[4500]");
            final CountedPing.Result counted;
            try (CountedPing ping = CountedPing.start(net.hostA(), "10.2.0.2", Duration.ofMillis(50),
                ACROSS_THE_MOVE))
            {
                // The new address joins the old one's subnet as a secondary; without promotion, deleting the
                // primary would take the secondary with it.
                Commands.check("ip", "netns", "exec", net.strongSwanGateway(), "sysctl", "-q", "-w",
                    "net.ipv4.conf." + net.strongSwanWan() + ".promote_secondaries=1");
                Commands.check("ip", "-n", net.strongSwanGateway(), "addr", "add", NEW_ADDRESS + "/24", "dev",
                    net.strongSwanWan());
                Commands.check("ip", "-n", net.strongSwanGateway(), "addr", "del", net.strongSwanLocal() + "/24",
                    "dev", net.strongSwanWan());
                final ToriiSaListing moved = Polling.until(() -> tunnel.torii().listSas(),
                    listing -> listing.ikeCount() == 1 &&
                        listing.ikeSas().getFirst().remote().equals(NEW_ADDRESS + "[4500]"), LongLivedTunnel.TIMEOUT);
                assertThat(moved.ikeSas()).as("Torii should list the peer at its new address" + tunnel.logs())
                    .singleElement().satisfies(ike -> assertThat(ike.remote()).isEqualTo(NEW_ADDRESS + "[4500]"));
                final String notRekeyed = "moved, not rekeyed nor reestablished" + tunnel.logs();
                assertThat(moved.ikeSas().getFirst().spis()).as(notRekeyed)
                    .isEqualTo(before.ikeSas().getFirst().spis());
                assertThat(moved.ikeSas().getFirst().children()).as(notRekeyed)
                    .isEqualTo(before.ikeSas().getFirst().children());
                counted = ping.await();
            }
            assertThat(counted.transmitted()).as(counted.output()).isPositive();
            assertThat(counted.lost()).as("pings lost across the move: " + counted.output() + tunnel.logs())
                .isLessThanOrEqualTo(MOVE_LOSS_ALLOWED);
            final IkeSaStatus atStrongSwan = tunnel.strongSwan().listSas().ike(PskConnection.IKE).orElseThrow();
            assertThat(atStrongSwan.field("local-host")).isEqualTo(NEW_ADDRESS);
            final Commands.Result after = Commands.run(List.of("ip", "netns", "exec", net.hostA(), "ping", "-c", "5",
                "-i", "0.2", "-W", "2", "10.2.0.2"));
            assertThat(after.output()).as(after.output() + tunnel.logs()).contains("5 received");
        }
    }
}
