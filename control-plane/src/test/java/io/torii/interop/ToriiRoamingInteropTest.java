package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MOBIKE (RFC 4555 §3.5) with Torii as the mobile peer: Torii initiates to strongSwan 5.9 ({@code mobike = yes}
 * on both), then Torii's WAN address changes inside its namespace while hostA pings hostB ten times a second.
 * Torii's address monitor sees 192.0.2.1 go, and Torii sends UPDATE_SA_ADDRESSES from 192.0.2.9; charon
 * moves the IKE SA and its Child SA:
 * <pre>
 *  [hostA] --- [gwA torii daemon] 192.0.2.1 ==== 192.0.2.2 [gwB charon] --- [hostB]
 *              [gwA torii daemon] 192.0.2.9 ==== 192.0.2.2 [gwB charon]      (after the move)
 * </pre>
 * Torii's dataplane UDP port is bound to the wildcard address so that ESP in UDP leaves from, and arrives
 * at, whichever address the SAs use. kernel-libipsec cannot update an installed SA's addresses, so charon
 * may rekey or reauthenticate after the move: the test checks traffic and addresses, not SPIs.
 */
@InteropTest
class ToriiRoamingInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void toriisAddressChangesAndStrongSwanFollowsWhileTrafficFlows() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final MobikeLab.Gateways lan = MobikeLab.wire(lab);
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(lan.gwB(),
                    Files.createDirectories(dir.resolve("b")), MobikeLab.connection("%any", "%any", "gwb.example",
                        "gwa.example", "10.2", "10.1", "")));
                ToriiGateway torii = ToriiGateway.start(lan.gwA(), dir.resolve("a"), "0.0.0.0",
                    MobikeLab.connection("192.0.2.1", "192.0.2.2", "gwa.example", "gwb.example", "10.1", "10.2",
                        "start_action = start"), ""))
            {
                strongSwan.awaitChildInstalled(MobikeLab.CHILD, TIMEOUT);
                Polling.until(torii::output, output -> output.contains("CHILD_SA net established"), TIMEOUT);
                assertThat(strongSwan.logTail(400)).as("MOBIKE negotiated").contains("peer supports MOBIKE");

                final CountedPing.Result pinged;
                try (CountedPing ping = CountedPing.start(lan.hostA(), "10.2.0.2", Duration.ofMillis(100),
                    Duration.ofSeconds(12)))
                {
                    Thread.sleep(2_000);
                    MobikeLab.moveAddress(lan.gwA(), lan.wanA(), "192.0.2.1", "192.0.2.9");
                    final String moved = Polling.until(torii::output,
                        output -> output.contains("moved to 192.0.2.9[4500] - 192.0.2.2[4500]"), TIMEOUT);
                    assertThat(moved).as(moved + strongSwan.logTail(80))
                        .contains("requesting address change using MOBIKE: IKE_SA ab from 192.0.2.1 to 192.0.2.9")
                        .contains("moved to 192.0.2.9[4500] - 192.0.2.2[4500]");
                    pinged = ping.await();
                }
                // The monitor polls once a second, then one exchange: only the pings of that gap may go.
                assertThat(pinged.received()).as(pinged.output() + torii.output() + strongSwan.logTail(80))
                    .isGreaterThanOrEqualTo(pinged.transmitted() - 20);

                final Commands.Result after = lab.exec(lan.hostA(), "ping", "-c", "5", "-i", "0.2", "-W", "2",
                    "10.2.0.2");
                assertThat(after.output()).as("after the move: " + after.output() + torii.output() +
                    strongSwan.logTail(80)).contains("5 received");
                final Commands.Result back = lab.exec(lan.hostB(), "ping", "-c", "3", "-i", "0.2", "-W", "2",
                    "10.1.0.2");
                assertThat(back.output()).as(back.output() + torii.output()).contains("3 received");

                // charon answered from its side of the exchange and now knows Torii at the new address.
                final String charonLog = String.join("\n", strongSwan.logLines());
                assertThat(charonLog).as(charonLog)
                    .containsPattern("parsed INFORMATIONAL request \\d+ \\[ N\\(UPD_SA_ADDR\\)");
                final SaListing listing = Polling.until(strongSwan::listSas, sas -> sas.ike(MobikeLab.IKE)
                    .map(ike -> "192.0.2.9".equals(ike.field("remote-host"))).orElse(false), TIMEOUT);
                assertThat(listing.ike(MobikeLab.IKE).orElseThrow().field("remote-host")).as(listing.raw())
                    .isEqualTo("192.0.2.9");
                System.out.println("torii daemon at gwA:\n" + torii.output());
            }
        }
    }

    /**
     * Without MOBIKE (both sides {@code mobike = no}) the IKE SA cannot move: Torii reauthenticates from its new
     * address (a new port-500 socket there), the new SA's INITIAL_CONTACT has charon drop the old one, which
     * Torii ends without a Delete it could no longer send, and traffic flows again through the new SAs.
     */
    @Test
    void withoutMobikeToriiReauthenticatesFromItsNewAddress() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final MobikeLab.Gateways lan = MobikeLab.wire(lab);
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(lan.gwB(),
                    Files.createDirectories(dir.resolve("b")), MobikeLab.connection("%any", "%any", "gwb.example",
                        "gwa.example", "10.2", "10.1", "", false)));
                ToriiGateway torii = ToriiGateway.start(lan.gwA(), dir.resolve("a"), "0.0.0.0",
                    MobikeLab.connection("192.0.2.1", "192.0.2.2", "gwa.example", "gwb.example", "10.1", "10.2",
                        "start_action = start", false), ""))
            {
                strongSwan.awaitChildInstalled(MobikeLab.CHILD, TIMEOUT);
                Polling.until(torii::output, output -> output.contains("CHILD_SA net established"), TIMEOUT);

                MobikeLab.moveAddress(lan.gwA(), lan.wanA(), "192.0.2.1", "192.0.2.9");
                final String ended = Polling.until(torii::output, output -> output.contains("ending the old IKE_SA"),
                    TIMEOUT);
                assertThat(ended).as(ended + strongSwan.logTail(80))
                    .contains("cannot follow the address change from 192.0.2.1 with MOBIKE (MOBIKE not negotiated), " +
                        "reauthenticating from 192.0.2.9")
                    .contains("IKE_SA ab established between 192.0.2.9[gwa.example]...192.0.2.2[gwb.example]");

                final Commands.Result after = lab.exec(lan.hostA(), "ping", "-c", "5", "-i", "0.2", "-W", "2",
                    "10.2.0.2");
                assertThat(after.output()).as("after the reauthentication: " + after.output() + torii.output() +
                    strongSwan.logTail(80)).contains("5 received");
                final SaListing listing = Polling.until(strongSwan::listSas, sas -> sas.ikeSas().size() == 1 &&
                    sas.ike(MobikeLab.IKE).map(ike -> "192.0.2.9".equals(ike.field("remote-host"))).orElse(false),
                    TIMEOUT);
                assertThat(listing.ikeSas()).as("charon dropped the old SA: " + listing.raw()).hasSize(1);
                assertThat(listing.ike(MobikeLab.IKE).orElseThrow().field("remote-host")).as(listing.raw())
                    .isEqualTo("192.0.2.9");
                System.out.println("torii daemon at gwA:\n" + torii.output());
            }
        }
    }
}
