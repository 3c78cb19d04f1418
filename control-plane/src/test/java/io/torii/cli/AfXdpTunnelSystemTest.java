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
 * Two Torii daemons with their WAN side on AF_XDP sockets (the XDP program on each gateway's WAN
 * veth), and the same two with UDP sockets, in one run:
 * <pre>
 *  [hostA 10.1.0.2] -- [gwA torii0 | dv2a xsk] 192.0.2.1 === 192.0.2.2 [dv2b xsk | torii0 gwB] -- [hostB 10.2.0.2]
 * </pre>
 * Ping and an iperf3 TCP transfer cross both; the throughputs are printed side by side. The ESP
 * is UDP-encapsulated (the demo's SAs), so the XDP programs steer port 4500 to the sockets, and the
 * gateways' kernels still answer ARP for each other.
 */
@SystemTest
class AfXdpTunnelSystemTest
{
    private static final Pattern RECEIVED = Pattern.compile(
        "\"sum_received\":\\s*\\{[^}]*?\"bits_per_second\":\\s*([0-9.eE+]+)");
    private static final int SECONDS = 4;

    @TempDir
    Path dir;

    @Test
    void pingAndIperf3CrossTheTunnelWithAfXdpWanPortsAsWithUdpOnes() throws Exception
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
        assumeTrue(AfXdp.isAvailable(), AfXdp::status);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/iperf3")), "needs iperf3 (Debian package iperf3)");

        final double afxdp = throughput("afxdp");
        final double udp = throughput("udp");

        System.out.printf(Locale.ROOT, "iperf3 TCP through the tunnel, %d s, one worker per gateway:%n" +
            "  wan port = afxdp  %6.2f Gbit/s%n  wan port = udp    %6.2f Gbit/s%n", SECONDS, afxdp / 1e9, udp / 1e9);
        assertThat(afxdp).as("AF_XDP tunnel carries TCP").isPositive();
        assertThat(udp).as("UDP tunnel carries TCP").isPositive();
    }

    /** Brings up both gateways with this WAN port kind; returns iperf3's received bits per second. */
    private double throughput(final String kind) throws Exception
    {
        final DemoGateways gateways = new DemoGateways();
        final String configA = kind.equals("udp") ? gateways.configA() :
            gateways.configA().replace("    port = udp\n", "    port = afxdp\n    interface = dv2a\n");
        final String configB = kind.equals("udp") ? gateways.configB() :
            gateways.configB().replace("    port = udp\n", "    port = afxdp\n    interface = dv2b\n");
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
