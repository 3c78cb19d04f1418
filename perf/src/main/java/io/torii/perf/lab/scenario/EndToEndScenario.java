package io.torii.perf.lab.scenario;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import io.torii.nativeshim.AfXdp;
import io.torii.perf.lab.Figure;
import io.torii.perf.lab.ProfileHook;
import io.torii.perf.lab.Scenario;
import io.torii.perf.lab.ScenarioContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two Torii gateways in network namespaces over veth, the demo's static tunnel (AES-256-GCM, ESP in UDP),
 * with the UDP socket port and, where it runs, the AF_XDP port on the WAN side; and the same four
 * namespaces routed over plain veth without IPsec as the baseline. Each path gets the same traffic
 * ({@link TrafficMeasurement}).
 * <pre>
 *  [hostA] 10.1.0.2 -- [gatewayA] 192.0.2.1 === 192.0.2.2 [gatewayB] -- 10.2.0.2 [hostB]
 * </pre>
 */
public final class EndToEndScenario implements Scenario
{
    @Override
    public String name()
    {
        return "e2e";
    }

    @Override
    public String description()
    {
        return "two gateways in namespaces over veth: plain veth, Torii UDP and AF_XDP ports (iperf3, ping)";
    }

    @Override
    public Optional<String> missingPrerequisite()
    {
        return Commands.missing("ip", "iperf3", "ping");
    }

    @Override
    public Duration budget(final boolean quick)
    {
        return Duration.ofSeconds(quick ? 75 : 200);
    }

    @Override
    public void run(final ScenarioContext context) throws Exception
    {
        final List<String> ports = new ArrayList<>(List.of("udp"));
        if (AfXdp.isAvailable())
        {
            ports.add("afxdp");
        }
        else
        {
            context.progress("AF_XDP port skipped: %s", AfXdp.status());
        }
        try (DemoNetwork network = new DemoNetwork(prefix('v')))
        {
            DemoNetwork.run("ip", "-n", network.gatewayA(), "route", "add", "10.2.0.0/24", "via", "192.0.2.2");
            DemoNetwork.run("ip", "-n", network.gatewayB(), "route", "add", "10.1.0.0/24", "via", "192.0.2.1");
            new TrafficMeasurement(context, network).measure(Figure.VETH, "veth");
        }
        for (final String port : ports)
        {
            if (Thread.currentThread().isInterrupted())
            {
                return;
            }
            measureTorii(context, port);
        }
    }

    private static void measureTorii(final ScenarioContext context, final String port) throws Exception
    {
        final DemoGateways gateways = new DemoGateways();
        final String profile = ProfileHook.dataplaneSettings(context.profile());
        final Path runRoot = Files.createTempDirectory("torii-bench-e2e");
        context.progress("starting two Torii gateways, WAN port %s", port);
        try (DemoNetwork network = new DemoNetwork(prefix(port.charAt(0)));
            ChildProcess gatewayA = DemoGateways.startDaemon(network.gatewayA(), runRoot.resolve("a"),
                configFor(gateways.configA(), port, "dv2a") + profile);
            ChildProcess gatewayB = DemoGateways.startDaemon(network.gatewayB(), runRoot.resolve("b"),
                configFor(gateways.configB(), port, "dv2b") + profile))
        {
            network.routeThroughTunnels(DemoGateways.TUN);
            new TrafficMeasurement(context, network).measure(Figure.TORII, port);
            gatewayA.terminate(30);
            gatewayB.terminate(30);
        }
        finally
        {
            DemoNetwork.run("rm", "-rf", runRoot.toString());
        }
    }

    /** @return a short namespace prefix unique to this process and path. */
    static String prefix(final char path)
    {
        return "tb" + ProcessHandle.current().pid() % 10_000 + path;
    }

    /** The demo's configuration with its WAN side on another kind of port, on the gateway's WAN veth. */
    static String configFor(final String config, final String port, final String wanInterface)
    {
        return "afxdp".equals(port) ? config.replace("    port = udp\n", "    port = afxdp\n    interface = " +
            wanInterface + "\n") : config;
    }
}
