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
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Torii against strongSwan 5.9 over a matrix of PSK proposals, initiators and places (see
 * {@link GatewayPlacement} for the networks): each run brings the tunnel up, pings and runs iperf3 TCP for
 * two seconds between the hosts behind the gateways, and has tshark read the IKE it captured on Torii's WAN
 * device: IKE_SA_INIT and IKE_AUTH each way, and no packet tshark calls malformed. The rows, with the
 * throughput, are printed as a table when the class finishes.
 */
@InteropTest
class InteropMatrixTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int IPERF_SECONDS = 2;
    private static final Map<String, String> ROWS = new ConcurrentSkipListMap<>();

    @TempDir
    Path dir;

    static Stream<Arguments> matrix()
    {
        return Stream.of(
            Arguments.of(GatewayPlacement.DIRECT_V4, "aes256gcm16-prfsha384-ecp384", "aes128gcm16", false),
            Arguments.of(GatewayPlacement.DIRECT_V4, "aes128-sha256-modp3072", "aes256-sha256", true),
            Arguments.of(GatewayPlacement.DIRECT_V4, "aes128-sha256-modp3072", "aes256-sha256", false),
            Arguments.of(GatewayPlacement.DIRECT_V4, "chacha20poly1305-prfsha256-curve25519", "chacha20poly1305",
                false),
            Arguments.of(GatewayPlacement.DIRECT_V4, "chacha20poly1305-prfsha256-curve25519", "chacha20poly1305",
                true),
            Arguments.of(GatewayPlacement.DIRECT_V4, "aes256-sha512-x448", "aes128gcm16", true),
            Arguments.of(GatewayPlacement.DIRECT_V4, "aes256-sha512-x448", "aes256-sha256", false),
            Arguments.of(GatewayPlacement.DIRECT_V6, "aes256gcm16-prfsha384-ecp384", "aes128gcm16", true),
            Arguments.of(GatewayPlacement.DIRECT_V6, "aes256gcm16-prfsha384-ecp384", "aes128gcm16", false),
            Arguments.of(GatewayPlacement.TORII_BEHIND_NAT, "aes256gcm16-prfsha384-ecp384", "aes128gcm16", true),
            Arguments.of(GatewayPlacement.STRONGSWAN_BEHIND_NAT, "aes256gcm16-prfsha384-ecp384", "aes128gcm16",
                false));
    }

    @ParameterizedTest(name = "{0} {1} esp {2}, torii initiates: {3}")
    @MethodSource("matrix")
    void tunnelCarriesPingAndTcp(final GatewayPlacement placement, final String ike, final String esp,
        final boolean toriiInitiates) throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        assumeTrue(!placement.fixesInitiator() || GatewayPlacement.hasNft(),
            "nft is not installed (./torii bootstrap installs nftables)");
        final String row = "%-22s %-40s %-17s %-10s".formatted(placement, ike, esp,
            toriiInitiates ? "torii" : "strongswan");
        ROWS.put(row, "FAILED");
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network net = placement.build(lab);
            final Path pcap = dir.resolve("ike.pcapng");
            try (PacketCapture capture = PacketCapture.start(net.toriiGateway(), net.toriiWan(),
                    "udp port 500 or udp port 4500", pcap);
                StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(net.strongSwanGateway(),
                    Files.createDirectories(dir.resolve("b")), PskConnection.text(net.strongSwanLocal(),
                        net.strongSwanRemote(), false, ike, esp, "none"))))
            {
                assumeAlgorithms(strongSwan, ike, row);
                try (ChildProcess torii = DemoGateways.startIkeDaemon(net.toriiGateway(), dir.resolve("a"),
                    PskConnection.text(net.toriiLocal(), net.toriiRemote(), true, ike, esp,
                        toriiInitiates ? "start" : "none")))
                {
                    if (!toriiInitiates)
                    {
                        final Commands.Result initiated = strongSwan.initiateChild(PskConnection.CHILD, TIMEOUT);
                        assertThat(initiated.exitCode()).as(initiated.output() + torii.output() +
                            strongSwan.logTail(60)).isZero();
                    }
                    final SaListing listing = strongSwan.awaitChildInstalled(PskConnection.CHILD, TIMEOUT);
                    assertThat(listing.isChildInstalled(PskConnection.CHILD))
                        .as(listing.raw() + torii.output() + strongSwan.logTail(80)).isTrue();
                    if (placement.fixesInitiator())
                    {
                        // charon says which end it found behind a NAT (RFC 7296 §2.23).
                        final IkeSaStatus sa = listing.ike(PskConnection.IKE).orElseThrow();
                        assertThat(sa.field(placement.toriiInside() ? "nat-remote" : "nat-local"))
                            .as(listing.raw()).isEqualTo("yes");
                    }
                    assertThat(Polling.until(torii::output, out -> out.contains("[IKE] CHILD_SA net established"),
                        TIMEOUT)).contains("[IKE] CHILD_SA net established");

                    final Commands.Result ping = lab.exec(net.hostA(), "ping", "-c", "3", "-i", "0.2", "-W", "2",
                        "10.2.0.2");
                    assertThat(ping.output()).as(ping.output() + torii.output() + strongSwan.listSasPretty())
                        .contains("3 received");
                    final Commands.Result tcp = Iperf.run(net.hostA(), net.hostB(), "10.2.0.2", IPERF_SECONDS);
                    final OptionalDouble rate = Iperf.gigabitsPerSecond(tcp.output());
                    assertThat(rate).as(tcp.output() + torii.output()).isPresent();
                    assertThat(rate.getAsDouble()).as(tcp.output()).isPositive();

                    assertThat(capture.awaitPackets("isakmp.exchangetype == 35", 2, TIMEOUT)).as("IKE_AUTH captured")
                        .isTrue();
                    capture.stop();
                    assertThat(PacketCapture.read(pcap, "isakmp.exchangetype == 34", List.of(), "frame.number"))
                        .as("IKE_SA_INIT request and response").hasSizeGreaterThanOrEqualTo(2);
                    assertThat(PacketCapture.read(pcap, "_ws.malformed || _ws.expert.severity == \"Error\"",
                        List.of(), "frame.number", "_ws.col.Info")).as("malformed or erroneous packets").isEmpty();
                    assertThat(torii.output()).doesNotContain("error");
                    assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
                    ROWS.put(row, "passed   %6.2f Gbit/s".formatted(rate.getAsDouble()));
                }
            }
        }
    }

    /** Skips a row whose algorithms this charon lacks, saying which. */
    private static void assumeAlgorithms(final StrongSwanPeer strongSwan, final String ike, final String row)
    {
        final String algorithms = strongSwan.swanctl("--list-algs").output();
        for (final Map.Entry<String, String> needed : Map.of("chacha20poly1305", "CHACHA20_POLY1305",
            "x448", "CURVE_448").entrySet())
        {
            if (ike.contains(needed.getKey()) && !algorithms.contains(needed.getValue()))
            {
                ROWS.put(row, "skipped: charon has no " + needed.getValue());
                assumeTrue(false, "this charon has no " + needed.getValue() + " (swanctl --list-algs)");
            }
        }
    }

    @AfterAll
    static void printMatrix()
    {
        final StringBuilder table = new StringBuilder("\nTorii <-> strongSwan interop matrix (PSK):\n");
        table.append("%-22s %-40s %-17s %-10s %s%n".formatted("placement", "IKE proposal", "ESP proposal",
            "initiator", "result"));
        ROWS.forEach((row, result) -> table.append(row).append(' ').append(result).append('\n'));
        System.out.println(table);
    }
}
