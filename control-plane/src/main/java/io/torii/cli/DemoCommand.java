package io.torii.cli;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code torii demo}: builds two hosts and two Torii gateways in network namespaces, brings up an
 * ESP tunnel between the gateways on the embedded configuration, sends ping and an iperf3 TCP
 * transfer through it, shows the counters, and takes everything down again.
 */
final class DemoCommand implements Subcommand
{
    private static final int IPERF_SECONDS = 3;

    @Override
    public String name()
    {
        return "demo";
    }

    @Override
    public String summary()
    {
        return "bring up a tunnel between two gateways in network namespaces and send traffic through it (root)";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        if (!args.isEmpty())
        {
            err.println("torii demo: takes no arguments");
            return 2;
        }
        if (!"root".equals(System.getProperty("user.name")))
        {
            err.println("torii demo: builds network namespaces and TUN devices, which needs root: sudo ./torii demo");
            return 1;
        }
        final String prefix = "td" + ProcessHandle.current().pid() % 100_000;
        Path runRoot = null;
        try
        {
            runRoot = Files.createTempDirectory("torii-demo");
            return demo(prefix, runRoot, out);
        }
        catch (final IOException | IllegalStateException ex)
        {
            err.println("torii demo: " + ex.getMessage());
            return 1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            err.println("torii demo: interrupted");
            return 1;
        }
        finally
        {
            deleteTree(runRoot);
        }
    }

    private static int demo(final String prefix, final Path runRoot, final PrintStream out)
        throws IOException, InterruptedException
    {
        out.println("""
            Torii demo: an ESP tunnel (AES-256-GCM, UDP port 4500, static keys drawn now) between two gateways
              [hostA] 10.1.0.2 -- 10.1.0.1 [gatewayA] 192.0.2.1 ==== 192.0.2.2 [gatewayB] 10.2.0.1 -- 10.2.0.2 [hostB]
            """);
        final DemoGateways gateways = new DemoGateways();
        try (DemoNetwork network = new DemoNetwork(prefix);
            ChildProcess gatewayA = DemoGateways.startDaemon(network.gatewayA(), runRoot.resolve("a"), gateways.configA());
            ChildProcess gatewayB = DemoGateways.startDaemon(network.gatewayB(), runRoot.resolve("b"), gateways.configB()))
        {
            network.routeThroughTunnels(DemoGateways.TUN);
            out.println("gateway A: " + firstLine(gatewayA.output()));
            out.println("gateway B: " + firstLine(gatewayB.output()));

            out.println("\n$ ping -c 5 " + DemoNetwork.HOST_B + "      (from hostA, through the tunnel)");
            final String ping = DemoNetwork.run("ip", "netns", "exec", network.hostA(), "ping", "-c", "5", "-i", "0.2",
                "-W", "2", DemoNetwork.HOST_B);
            out.print(ping);

            out.println("\n$ iperf3 -c " + DemoNetwork.HOST_B + " -t " + IPERF_SECONDS + "      (TCP, hostA to hostB)");
            out.print(iperf(network));

            out.println("\n$ torii stats      (gateway B, read from its counters file while it runs)");
            new ToriiMain().run(new String[] {"stats", "--run-dir", runRoot.resolve("b").toString()}, out, out);

            out.println("\nstopping the gateways");
            for (final ChildProcess gateway : List.of(gatewayA, gatewayB))
            {
                gateway.terminate(30);
                out.print(gateway.output().lines().dropWhile(line -> !line.startsWith("torii daemon: stopped"))
                    .map(line -> line + "\n").reduce("", String::concat));
            }
        }
        out.println("done: namespaces removed");
        return 0;
    }

    private static String iperf(final DemoNetwork network) throws IOException, InterruptedException
    {
        try (ChildProcess server = ChildProcess.start(List.of("ip", "netns", "exec", network.hostB(), "iperf3", "-s",
            "-1", "--forceflush", "-B", DemoNetwork.HOST_B)))
        {
            server.awaitLine("Server listening", 30);
            return DemoNetwork.run("ip", "netns", "exec", network.hostA(), "iperf3", "-c", DemoNetwork.HOST_B, "-t",
                Integer.toString(IPERF_SECONDS), "-f", "m");
        }
    }

    private static String firstLine(final String text)
    {
        return text.lines().findFirst().orElse("");
    }

    private static void deleteTree(final Path root)
    {
        if (root == null)
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ignored)
        {
            // A temporary directory left behind is harmless.
        }
    }
}
