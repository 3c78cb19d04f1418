package io.torii.perf.lab.scenario;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoNetwork;
import io.torii.perf.lab.ScenarioContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The traffic every end-to-end path gets, host A to host B of a {@link DemoNetwork}: iperf3 TCP, iperf3
 * UDP with 64-byte datagrams as fast as it sends (rate delivered and loss), then ping every 5 ms while
 * iperf3 keeps half that UDP rate flowing, for round-trip percentiles at half the maximum load.
 */
final class TrafficMeasurement
{
    /** The UDP datagram payload, bytes: small packets, so the rate is in packets rather than bytes. */
    static final int UDP_PAYLOAD = 64;
    private static final String PING_INTERVAL = "0.005";
    /** iperf3's default port; each run takes the next one, so a server still closing never blocks the next. */
    private static final int FIRST_PORT = 5201;

    private final ScenarioContext context;
    private final DemoNetwork network;
    private int nextPort = FIRST_PORT;

    /**
     * @param context where figures go.
     * @param network the topology, with a path between host A and host B.
     */
    TrafficMeasurement(final ScenarioContext context, final DemoNetwork network)
    {
        this.context = context;
        this.network = network;
    }

    /** @return seconds per iperf3 run: 2 quick, 5 otherwise. */
    int seconds()
    {
        return context.quick() ? 2 : 5;
    }

    /**
     * Measures one path and records its figures.
     *
     * @param system the system carrying the traffic, such as {@code torii}.
     * @param port the path's port or mode, such as {@code udp}, for the figures' labels.
     * @throws Exception when iperf3 or ping fail; the message carries their output.
     */
    void measure(final String system, final String port) throws Exception
    {
        // The first packets teach ports that build Ethernet frames their next hop's address.
        DemoNetwork.run("bash", "-c", "ip netns exec " + network.hostA() + " ping -c 3 -i 0.2 -W 1 " +
            DemoNetwork.HOST_B + " >/dev/null || true");
        // One unrecorded second of TCP first, so the gateways' JVMs have compiled their hot paths.
        iperf3(List.of(), 1);
        final double tcp = Iperf3Report.tcpBitsPerSecond(iperf3(List.of())).orElseThrow(() ->
            new IllegalStateException("iperf3 TCP gave no receiver rate"));
        context.record(system, "e2e_tcp_gbps", "Gbit/s", tcp / 1e9, "port", port);
        context.progress("%s (%s): TCP %.2f Gbit/s", system, port, tcp / 1e9);
        final Iperf3Report.UdpSummary udp = Iperf3Report.udpSummary(iperf3(List.of("-u", "-b", "0", "-l",
            Integer.toString(UDP_PAYLOAD))));
        if (udp == null)
        {
            throw new IllegalStateException("iperf3 UDP gave no summary");
        }
        context.record(system, "e2e_udp_kpps", "kpps", udp.deliveredPerSecond() / 1e3, "port", port, "payload",
            Integer.toString(UDP_PAYLOAD));
        context.record(system, "e2e_udp_loss_pct", "%", udp.lossPercent(), "port", port, "payload",
            Integer.toString(UDP_PAYLOAD));
        context.progress("%s (%s): UDP %.1f kpps delivered, %.1f %% lost", system, port,
            udp.deliveredPerSecond() / 1e3, udp.lossPercent());
        latencyAtHalfLoad(system, port, udp.deliveredPerSecond() / 2);
    }

    private void latencyAtHalfLoad(final String system, final String port, final double packetsPerSecond)
        throws Exception
    {
        final int pings = context.quick() ? 300 : 2000;
        final int loadSeconds = (int)Math.ceil(pings * Double.parseDouble(PING_INTERVAL)) + 2;
        final long bitsPerSecond = Math.max(8_000L, (long)(packetsPerSecond * UDP_PAYLOAD * Byte.SIZE));
        final String pingOutput;
        final String iperfPort = Integer.toString(nextPort++);
        final ChildProcess server = startServer(iperfPort);
        try (ChildProcess load = ChildProcess.start(List.of("ip", "netns", "exec", network.hostA(), "iperf3", "-c",
            DemoNetwork.HOST_B, "-p", iperfPort, "-u", "-l", Integer.toString(UDP_PAYLOAD), "-b",
            Long.toString(bitsPerSecond), "-t", Integer.toString(loadSeconds))))
        {
            // ping exits non-zero when a reply is missing; the replies it got still count.
            pingOutput = DemoNetwork.run("bash", "-c", "ip netns exec " + network.hostA() + " ping -n -i " +
                PING_INTERVAL + " -W 1 -c " + pings + " " + DemoNetwork.HOST_B + " || true");
            load.process().waitFor();
        }
        finally
        {
            server.close();
        }
        final Histogram rtt = PingLatency.histogram(pingOutput);
        if (rtt.getTotalCount() == 0)
        {
            throw new IllegalStateException("ping got no replies through the path");
        }
        final String[] labels = {"port", port, "load_kpps", String.format(Locale.ROOT, "%.0f",
            packetsPerSecond / 1e3)};
        context.record(system, "e2e_latency_p50_us", "us", rtt.getValueAtPercentile(50), labels);
        context.record(system, "e2e_latency_p99_us", "us", rtt.getValueAtPercentile(99), labels);
        context.record(system, "e2e_latency_p999_us", "us", rtt.getValueAtPercentile(99.9), labels);
        context.progress("%s (%s): RTT p50 %d us, p99 %d us, p99.9 %d us at %.0f kpps (%d replies)", system, port,
            rtt.getValueAtPercentile(50), rtt.getValueAtPercentile(99), rtt.getValueAtPercentile(99.9),
            packetsPerSecond / 1e3, rtt.getTotalCount());
    }

    /** @return an iperf3 server for one test on that port in host B, once it listens. */
    private ChildProcess startServer(final String iperfPort) throws Exception
    {
        final ChildProcess server = ChildProcess.start(List.of("ip", "netns", "exec", network.hostB(), "iperf3",
            "-s", "-1", "--forceflush", "-B", DemoNetwork.HOST_B, "-p", iperfPort));
        try
        {
            server.awaitLine("Server listening", 30);
            return server;
        }
        catch (final IllegalStateException | InterruptedException ex)
        {
            server.close();
            throw ex;
        }
    }

    private String iperf3(final List<String> options) throws Exception
    {
        return iperf3(options, seconds());
    }

    private String iperf3(final List<String> options, final int seconds) throws Exception
    {
        final String iperfPort = Integer.toString(nextPort++);
        final ChildProcess server = startServer(iperfPort);
        try
        {
            final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", network.hostA(), "iperf3",
                "-c", DemoNetwork.HOST_B, "-p", iperfPort, "-t", Integer.toString(seconds), "-J"));
            command.addAll(options);
            return DemoNetwork.run(command.toArray(String[]::new));
        }
        finally
        {
            server.close();
        }
    }
}
