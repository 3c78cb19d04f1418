package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.SystemTest;
import io.torii.nativeshim.AfXdp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Torii daemons with their WAN side on each kind of port this machine has, in one run: UDP
 * sockets, AF_XDP sockets (the XDP program on each gateway's WAN veth) and DPDK (a net_af_packet
 * virtual device on the WAN veth):
 * <pre>
 *  [hostA 10.1.0.2] -- [gwA torii0 | dv2a port] 192.0.2.1 === 192.0.2.2 [dv2b port | torii0 gwB] -- [hostB 10.2.0.2]
 * </pre>
 * Ping and an iperf3 TCP transfer cross each; the throughputs are printed side by side. The ESP
 * is UDP-encapsulated (the demo's SAs), so the XDP programs steer port 4500 to the sockets, and the
 * gateways' kernels still answer ARP for each other.
 */
@SystemTest
class WanPortTunnelSystemTest
{
    private static final Pattern RECEIVED = Pattern.compile(
        "\"sum_received\":\\s*\\{[^}]*?\"bits_per_second\":\\s*([0-9.eE+]+)");
    private static final int SECONDS = 4;

    @TempDir
    Path dir;

    @Test
    void pingAndIperf3CrossTheTunnelOnEveryWanPortKind() throws Exception
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/iperf3")), "needs iperf3 (Debian package iperf3)");
        final List<String> kinds = new java.util.ArrayList<>(List.of("udp"));
        if (AfXdp.isAvailable())
        {
            kinds.add("afxdp");
        }
        if (io.torii.nativeshim.Dpdk.isAvailable())
        {
            kinds.add("dpdk");
        }
        final StringBuilder table = new StringBuilder("iperf3 TCP through the tunnel, " + SECONDS +
            " s, one worker per gateway:\n");
        for (final String kind : kinds)
        {
            final double bits = throughput(kind);
            table.append(String.format(Locale.ROOT, "  wan port = %-6s %6.2f Gbit/s%n", kind, bits / 1e9));
            assertThat(bits).as(kind + " tunnel carries TCP").isPositive();
        }
        System.out.print(table);
        System.out.println("not on this machine: " + (AfXdp.isAvailable() ? "" : "afxdp (" + AfXdp.status() + ") ") +
            (io.torii.nativeshim.Dpdk.isAvailable() ? "" : "dpdk (" + io.torii.nativeshim.Dpdk.status() + ")"));
    }

    /** Brings up both gateways with this WAN port kind; returns iperf3's received bits per second. */
    private double throughput(final String kind) throws Exception
    {
        final DemoGateways gateways = new DemoGateways();
        final String configA = wanPort(gateways.configA(), kind, "dv2a");
        final String configB = wanPort(gateways.configB(), kind, "dv2b");
        try (DemoNetwork network = new DemoNetwork("tx" + ProcessHandle.current().pid() % 10_000 + kind.charAt(0));
            ChildProcess daemonA = DemoGateways.startDaemon(network.gatewayA(), dir.resolve(kind + "a"), configA);
            ChildProcess daemonB = DemoGateways.startDaemon(network.gatewayB(), dir.resolve(kind + "b"), configB))
        {
            assertThat(daemonA.output()).contains("wan " + kind);
            network.routeThroughTunnels(DemoGateways.TUN);
            // The first packets teach each AF_XDP port its next hop's MAC (dropped and counted until then).
            DemoNetwork.run("bash", "-c", "ip netns exec " + network.hostA() + " ping -c 3 -i 0.2 -W 1 " +
                DemoNetwork.HOST_B + " || true");

            final String ping = DemoNetwork.run("ip", "netns", "exec", network.hostA(), "ping", "-c", "5", "-i", "0.2",
                "-W", "2", DemoNetwork.HOST_B);
            assertThat(ping).contains("5 received");

            final double bits = iperf3(network);
            for (final ChildProcess daemon : List.of(daemonA, daemonB))
            {
                assertThat(daemon.terminate(30)).as("SIGTERM: " + daemon.output()).isEqualTo(143);
            }
            return bits;
        }
    }

    /** The demo's configuration with its WAN side on another kind of port, on the gateway's WAN veth. */
    static String wanPort(final String config, final String kind, final String veth)
    {
        return switch (kind)
        {
            case "udp" -> config;
            case "afxdp" -> config.replace("    port = udp\n", "    port = afxdp\n    interface = " + veth + "\n");
            case "dpdk" -> config.replace("    port = udp\n", "    port = dpdk\n    interface = " + veth +
                "\n    vdev = net_af_packet0,iface=" + veth + "\n");
            default -> throw new IllegalArgumentException("no WAN port kind " + kind);
        };
    }

    private static double iperf3(final DemoNetwork network) throws Exception
    {
        try (ChildProcess server = ChildProcess.start(List.of("ip", "netns", "exec", network.hostB(), "iperf3", "-s",
            "-1", "--forceflush", "-B", DemoNetwork.HOST_B)))
        {
            server.awaitLine("Server listening", 30);
            final String report = DemoNetwork.run("ip", "netns", "exec", network.hostA(), "iperf3", "-c",
                DemoNetwork.HOST_B, "-t", Integer.toString(SECONDS), "-J");
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            final Matcher matcher = RECEIVED.matcher(report);
            assertThat(matcher.find()).as(report).isTrue();
            return Double.parseDouble(matcher.group(1));
        }
    }
}
