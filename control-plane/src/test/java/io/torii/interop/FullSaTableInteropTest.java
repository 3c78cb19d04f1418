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
 * A dataplane with room for one Child SA pair ({@code max_sas = 2} on one worker) against strongSwan 5.9: Torii
 * brings up the IKE SA with its first child, strongSwan adds a second with CREATE_CHILD_SA (PFS), Torii's answer
 * agrees, and its dataplane then refuses the pair's SAs. Torii deletes that pair with an INFORMATIONAL Delete,
 * so that strongSwan does not send into a pair Torii lacks, and the first child carries traffic throughout:
 * <pre>
 *  [hostA] --- [gwA torii daemon] 192.0.2.1 ==== 192.0.2.2 [gwB charon] --- [hostB]
 *   net:   10.1.0.0/24 === 10.2.0.0/24   (IKE_AUTH, fills the SA table)
 *   other: 10.1.1.0/24 === 10.2.1.0/24   (CREATE_CHILD_SA, x25519; refused by the dataplane, deleted)
 * </pre>
 */
@InteropTest
class FullSaTableInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aPairTheDataplaneHasNoRoomForIsDeletedAtStrongSwanToo() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network network = GatewayPlacement.DIRECT_V4.build(lab);
            final String gwA = network.toriiGateway();
            final String gwB = network.strongSwanGateway();
            lab.link(network.hostA(), "10.1.1.2/24", gwA, "10.1.1.1/24");
            lab.link(network.hostB(), "10.2.1.2/24", gwB, "10.2.1.1/24");
            final String dataplane = """
                dataplane {
                  workers = 1
                  max_sas = 2
                  wan {
                    port = udp
                    address = 192.0.2.1
                  }
                  lan {
                    port = tun
                    interface = %s
                    mtu = 1400
                  }
                }
                """.formatted(DemoGateways.TUN);
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(gwB,
                    Files.createDirectories(dir.resolve("b")),
                    TwoChildConnection.text("192.0.2.2", "192.0.2.1", "gwb.example", "gwa.example", "10.2", "10.1", "none")));
                ChildProcess torii = DemoGateways.startIkeDaemon(gwA, dir.resolve("a"), TwoChildConnection.text("192.0.2.1",
                    "192.0.2.2", "gwa.example", "gwb.example", "10.1", "10.2", "start"), dataplane))
            {
                final SaListing up = strongSwan.awaitChildInstalled("net", TIMEOUT);
                assertThat(up.isChildInstalled("net")).as(up.raw() + torii.output() + strongSwan.logTail(60)).isTrue();

                strongSwan.initiateChild("other", TIMEOUT);
                final SaListing after = Polling.until(strongSwan::listSas, listing ->
                    torii.output().contains("deleting it") && !listing.isChildInstalled("other"), TIMEOUT);

                assertThat(torii.output()).as(torii.output())
                    .contains("[KNL] the dataplane refused request")
                    .contains("[IKE] the dataplane refused CHILD_SA other with SPIs");
                assertThat(after.isChildInstalled("other")).as("strongSwan deleted it on Torii's Delete: " +
                    after.raw() + strongSwan.logTail(60) + torii.output()).isFalse();
                assertThat(after.isChildInstalled("net")).as(after.raw()).isTrue();
                assertThat(after.ikeSas()).as("the IKE SA stays").hasSize(1);
                final Commands.Result ping = lab.exec(network.hostA(), "ping", "-c", "3", "-i", "0.3", "-W", "2",
                    "10.2.0.2");
                assertThat(ping.output()).as("through the first child: " + ping.output() + torii.output())
                    .contains("3 received");
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
            }
        }
    }
}
