package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two strongSwan gateways build an IKEv2 PSK tunnel between two hosts, each in its own network namespace:
 * <pre>
 *  [hostA] 10.1.0.2 --- 10.1.0.1 [gwA charon] 192.0.2.1 === 192.0.2.2 [gwB charon] 10.2.0.1 --- 10.2.0.2 [hostB]
 *                                              dumpcap here
 * </pre>
 * IKE aes256gcm16-prfsha256-x25519, ESP aes256gcm16, selectors 10.1.0.0/24 === 10.2.0.0/24. gwA initiates.
 * Proves that {@link StrongSwanPeer} starts two charons side by side, loads their configuration, brings a
 * Child SA to INSTALLED on both, that traffic crosses it, that the capture holds a well-formed IKE_SA_INIT
 * and IKE_AUTH, that the keys read from charon's log let tshark decrypt IKE_AUTH, and that closing leaves no
 * charon behind.
 */
@InteropTest
class StrongSwanPeerInteropTest
{
    private static final String IKE = "ab";
    private static final String CHILD = "net";
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void pskTunnelComesUpCarriesPingAndItsIkeAuthDecryptsWithTheLoggedKeys() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            // Charon runs on both gateways here, the "Torii" one of the placement included.
            final GatewayPlacement.Network network = GatewayPlacement.DIRECT_V4.build(lab);
            final String gwA = network.toriiGateway();
            final String gwB = network.strongSwanGateway();
            final String hostA = network.hostA();

            final Path pcap = dir.resolve("ike.pcapng");
            final long startNanos = System.nanoTime();
            try (PacketCapture capture =
                    PacketCapture.start(gwA, network.toriiWan(), "udp port 500 or udp port 4500", pcap);
                StrongSwanPeer a = StrongSwanPeer.start(PeerSetup.of(gwA, folder("a"),
                    connection("192.0.2.1", "192.0.2.2", "gwa.example", "gwb.example", "10.1.0.0/24", "10.2.0.0/24"))
                    .withIkeKeysLogged());
                StrongSwanPeer b = StrongSwanPeer.start(PeerSetup.of(gwB, folder("b"),
                    connection("192.0.2.2", "192.0.2.1", "gwb.example", "gwa.example", "10.2.0.0/24", "10.1.0.0/24"))))
            {
                final long startedNanos = System.nanoTime();
                final Commands.Result initiated = a.initiateChild(CHILD, EXCHANGE_TIMEOUT);
                assertThat(initiated.exitCode()).as(initiated.output() + a.logTail(60) + b.logTail(60)).isZero();
                final SaListing atA = a.awaitChildInstalled(CHILD, EXCHANGE_TIMEOUT);
                final SaListing atB = b.awaitChildInstalled(CHILD, EXCHANGE_TIMEOUT);
                final long installedNanos = System.nanoTime();
                assertThat(atA.isChildInstalled(CHILD)).as(atA.raw() + a.logTail(60)).isTrue();
                assertThat(atB.isChildInstalled(CHILD)).as(atB.raw() + b.logTail(60)).isTrue();
                System.out.printf("strongSwan: two charons up in %d ms, IKE + Child SA installed on both in %d ms%n",
                    (startedNanos - startNanos) / 1_000_000, (installedNanos - startedNanos) / 1_000_000);

                // libipsec fakes NAT detection, so even on this direct link both ends float to 4500 and
                // encapsulate ESP in UDP: a Torii peer of this strongSwan must do NAT-T.
                final IkeSaStatus ikeAtB = atB.ike(IKE).orElseThrow();
                assertThat(ikeAtB.field("local-port")).as(ikeAtB.toString()).isEqualTo("4500");
                assertThat(ikeAtB.children().getFirst().field("encap")).isEqualTo("yes");

                final Commands.Result ping = lab.exec(hostA, "ping", "-c", "3", "-W", "2", "10.2.0.2");
                assertThat(ping.exitCode()).as(ping.output() + a.listSasPretty() + a.logTail(40)).isZero();
                assertThat(ping.output()).contains("3 received");

                assertThat(capture.awaitPackets("isakmp.exchangetype == 35", 2, EXCHANGE_TIMEOUT))
                    .as("IKE_AUTH request and response captured").isTrue();
                capture.stop();
                checkIkeCapture(pcap, a);

                final List<Long> pids = List.of(a.pid(), b.pid());
                a.stop();
                b.stop();
                for (final long pid : pids)
                {
                    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("charon " + pid).isEmpty();
                }
                assertThat(folder("a").resolve("run")).doesNotExist();
            }
        }
    }

    private static void checkIkeCapture(final Path pcap, final StrongSwanPeer initiator)
    {
        assertThat(PacketCapture.read(pcap, "isakmp.exchangetype == 34", List.of(), "frame.number"))
            .as("IKE_SA_INIT request and response").hasSize(2);
        assertThat(PacketCapture.read(pcap, "isakmp.exchangetype == 35", List.of(), "frame.number"))
            .as("IKE_AUTH request and response").hasSize(2);
        assertThat(PacketCapture.read(pcap, "_ws.malformed", List.of(), "frame.number")).as("malformed").isEmpty();
        assertThat(PacketCapture.dissect(pcap, "isakmp.exchangetype == 35", List.of()))
            .as("IDi is encrypted").doesNotContain("gwa.example");

        final IkeDecryptionKeys.Result keys = initiator.ikeDecryptionKeys(IKE);
        assertThat(keys.keys()).as(keys.reason()).isPresent();
        final List<String> decrypt = List.of("-o", keys.keys().orElseThrow().tsharkOption());
        final String decrypted = PacketCapture.dissect(pcap, "isakmp.exchangetype == 35", decrypt);
        assertThat(decrypted).as("IDi and IDr readable once decrypted").contains("gwa.example").contains("gwb.example");
        assertThat(PacketCapture.read(pcap, "_ws.malformed", decrypt, "frame.number")).as("malformed").isEmpty();
    }

    private Path folder(final String name) throws java.io.IOException
    {
        return Files.createDirectories(dir.resolve(name));
    }

    private static String connection(final String local, final String remote, final String localId,
        final String remoteId, final String localTs, final String remoteTs)
    {
        return """
            connections {
              %s {
                version = 2
                local_addrs = %s
                remote_addrs = %s
                proposals = aes256gcm16-prfsha256-x25519
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
                    esp_proposals = aes256gcm16
                  }
                }
              }
            }
            secrets {
              ike-gateways {
                id-a = gwa.example
                id-b = gwb.example
                secret = "interop smoke test only"
              }
            }
            """.formatted(IKE, local, remote, localId, remoteId, CHILD, localTs, remoteTs);
    }
}
