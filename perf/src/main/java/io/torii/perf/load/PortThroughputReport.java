package io.torii.perf.load;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import io.torii.nativeshim.AfXdp;
import io.torii.nativeshim.Dpdk;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two Torii gateways in network namespaces, the same static tunnel (the demo's: AES-256-GCM, ESP in UDP)
 * with each kind of WAN port in turn (UDP sockets, AF_XDP, DPDK over a net_af_packet device), and iperf3 between the hosts behind them: TCP throughput, and UDP
 * with 64-byte datagrams at full rate (packets per second delivered to host B). Prints one row per port
 * kind and the ratios against the UDP socket port measured in the same run.
 * <pre>
 *  [hostA] -- [gatewayA torii0 | WAN port] 192.0.2.1 === 192.0.2.2 [WAN port | torii0 gatewayB] -- [hostB]
 * </pre>
 * Run as root: {@code java --enable-native-access=ALL-UNNAMED -cp perf/target/benchmarks.jar
 * io.torii.perf.load.PortThroughputReport [SECONDS]}; both gateways share this machine's CPUs with the
 * hosts and iperf3, so the figures are for comparing port kinds, not for sizing an appliance.
 */
public final class PortThroughputReport
{
    private static final Pattern TCP_RECEIVED = Pattern.compile(
        "\"sum_received\":\\s*\\{[^}]*?\"bits_per_second\":\\s*([0-9.eE+]+)");
    private static final Pattern UDP_SUM = Pattern.compile("\"sum\":\\s*\\{([^}]*)\\}");
    private static final int UDP_PAYLOAD = 64;

    private PortThroughputReport()
    {
    }

    /** One port kind's results. */
    private record Row(String kind, double tcpBitsPerSecond, double udpPacketsPerSecond, double udpLossPercent)
    {
    }

    /**
     * @param args optional: seconds per iperf3 run (default 4).
     * @throws Exception when a gateway or iperf3 fails; the message carries their output.
     */
    public static void main(final String[] args) throws Exception
    {
        if (!"root".equals(System.getProperty("user.name")))
        {
            System.err.println("PortThroughputReport builds network namespaces: run it as root");
            System.exit(1);
        }
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        final List<String> kinds = new ArrayList<>(List.of("udp"));
        if (AfXdp.isAvailable())
        {
            kinds.add("afxdp");
        }
        else
        {
            System.out.println("AF_XDP unavailable: " + AfXdp.status());
        }
        if (Dpdk.isAvailable())
        {
            kinds.add("dpdk");
        }
        else
        {
            System.out.println("DPDK unavailable: " + Dpdk.status());
        }
        final long start = System.nanoTime();
        final List<Row> rows = new ArrayList<>();
        for (final String kind : kinds)
        {
            rows.add(measure(kind, seconds));
        }
        final Row udp = rows.getFirst();
        System.out.printf(Locale.ROOT, "%nWAN port   TCP Gbit/s  vs udp   UDP %d B kpps  vs udp   UDP loss%n",
            UDP_PAYLOAD);
        for (final Row row : rows)
        {
            System.out.printf(Locale.ROOT, "%-9s  %10.2f  %6.2fx  %13.1f  %6.2fx  %7.1f %%%n", row.kind,
                row.tcpBitsPerSecond / 1e9, row.tcpBitsPerSecond / udp.tcpBitsPerSecond,
                row.udpPacketsPerSecond / 1e3, row.udpPacketsPerSecond / udp.udpPacketsPerSecond, row.udpLossPercent);
        }
        System.out.printf(Locale.ROOT, "total wall time: %d s%n",
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    private static Row measure(final String kind, final int seconds) throws Exception
    {
        final DemoGateways gateways = new DemoGateways();
        final String configA = configFor(gateways.configA(), kind, "dv2a");
        final String configB = configFor(gateways.configB(), kind, "dv2b");
        final java.nio.file.Path runRoot = java.nio.file.Files.createTempDirectory("torii-ports");
        try (DemoNetwork network = new DemoNetwork("tp" + ProcessHandle.current().pid() % 10_000 + kind.charAt(0));
            ChildProcess gatewayA = DemoGateways.startDaemon(network.gatewayA(), runRoot.resolve("a"), configA);
            ChildProcess gatewayB = DemoGateways.startDaemon(network.gatewayB(), runRoot.resolve("b"), configB))
        {
            network.routeThroughTunnels(DemoGateways.TUN);
            // The first packets teach ports that build Ethernet frames their next hop's address.
            DemoNetwork.run("bash", "-c", "ip netns exec " + network.hostA() + " ping -c 3 -i 0.2 -W 1 " +
                DemoNetwork.HOST_B + " || true");
            final double tcp = number(TCP_RECEIVED, iperf3(network, seconds, List.of()), 1);
            final String udpReport = iperf3(network, seconds, List.of("-u", "-b", "0", "-l",
                Integer.toString(UDP_PAYLOAD)));
            // The summary is the last "sum" object that counts lost packets: the intervals' sums come first.
            final Matcher udp = UDP_SUM.matcher(udpReport);
            String sum = null;
            while (udp.find())
            {
                sum = udp.group(1).contains("lost_packets") ? udp.group(1) : sum;
            }
            if (sum == null)
            {
                throw new IllegalStateException("no UDP summary in iperf3's report:\n" + udpReport);
            }
            final double elapsed = field(sum, "seconds");
            final long packets = (long)field(sum, "packets");
            final long lost = (long)field(sum, "lost_packets");
            System.out.printf(Locale.ROOT, "%s: TCP %.2f Gbit/s, UDP %d packets sent, %d lost%n", kind, tcp / 1e9,
                packets, lost);
            gatewayA.terminate(30);
            gatewayB.terminate(30);
            return new Row(kind, tcp, (packets - lost) / elapsed, packets == 0 ? 0 : 100.0 * lost / packets);
        }
        finally
        {
            DemoNetwork.run("rm", "-rf", runRoot.toString());
        }
    }

    /** The demo's configuration with its WAN side on another kind of port, on the gateway's WAN veth. */
    private static String configFor(final String config, final String kind, final String wanInterface)
    {
        final String port = switch (kind)
        {
            case "afxdp" -> "    port = afxdp\n    interface = " + wanInterface + "\n";
            case "dpdk" -> "    port = dpdk\n    interface = " + wanInterface + "\n    vdev = net_af_packet0,iface=" +
                wanInterface + "\n";
            default -> "    port = udp\n";
        };
        return config.replace("    port = udp\n", port);
    }

    private static String iperf3(final DemoNetwork network, final int seconds, final List<String> options)
        throws Exception
    {
        try (ChildProcess server = ChildProcess.start(List.of("ip", "netns", "exec", network.hostB(), "iperf3", "-s",
            "-1", "--forceflush", "-B", DemoNetwork.HOST_B)))
        {
            server.awaitLine("Server listening", 30);
            final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", network.hostA(), "iperf3",
                "-c", DemoNetwork.HOST_B, "-t", Integer.toString(seconds), "-J"));
            command.addAll(options);
            return DemoNetwork.run(command.toArray(String[]::new));
        }
    }

    private static double field(final String object, final String name)
    {
        return number(Pattern.compile("\"" + name + "\":\\s*([0-9.eE+]+)"), object, 1);
    }

    private static double number(final Pattern pattern, final String report, final int group)
    {
        final Matcher matcher = pattern.matcher(report);
        if (!matcher.find())
        {
            throw new IllegalStateException("no result in iperf3's report:\n" + report);
        }
        return Double.parseDouble(matcher.group(group));
    }
}
