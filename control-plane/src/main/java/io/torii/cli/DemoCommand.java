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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code torii demo}: builds two hosts and two Torii gateways in network namespaces, has the gateways
 * negotiate an IKEv2 SA and a Child SA from the embedded swanctl.conf (PSK, AES-256-GCM, X25519),
 * sends ping and an iperf3 TCP transfer through the tunnel, shows the counters, and takes everything
 * down again.
 */
final class DemoCommand implements Subcommand
{
    private static final int IPERF_SECONDS = 3;
    private static final int CHILD_SA_TIMEOUT_SECONDS = 20;
    private static final long POLL_MILLIS = 50;

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
            Torii demo: two gateways negotiate an IKEv2 tunnel (PSK, AES-256-GCM, X25519; ESP in UDP on 4500)
              [hostA] 10.1.0.2 -- 10.1.0.1 [gatewayA] 192.0.2.1 ==== 192.0.2.2 [gatewayB] 10.2.0.1 -- 10.2.0.2 [hostB]
            """);
        final DemoGateways gateways = new DemoGateways();
        try (DemoNetwork network = new DemoNetwork(prefix);
            ChildProcess gatewayB = DemoGateways.startIkeDaemon(network.gatewayB(), runRoot.resolve("b"),
                gateways.swanctlB(), gateways.dataplaneB());
            ChildProcess gatewayA = DemoGateways.startIkeDaemon(network.gatewayA(), runRoot.resolve("a"),
                gateways.swanctlA(), gateways.dataplaneA()))
        {
            out.println("gateway A: " + firstLine(gatewayA.output()));
            out.println("gateway B: " + firstLine(gatewayB.output()));
            awaitChildSa(gatewayA);
            awaitChildSa(gatewayB);
            out.println("\ngateway A's IKE daemon (it initiates; each side routes 10.x.0.0/24 through torii0 itself):");
            gatewayA.output().lines().filter(line -> line.startsWith("[IKE]"))
                .forEach(line -> out.println("  " + line));

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
        out.println("""

            What to look at next:
              the configuration the gateways ran: control-plane/src/main/resources/io/torii/cli/demo/swanctl.conf
                (strongSwan's swanctl.conf syntax) and dataplane.conf (ports, threads, charon { } IKE settings)
              your own gateway:  sudo ./torii daemon --swanctl /etc/swanctl/swanctl.conf
              while it runs:     ./torii list-conns, ./torii list-sas, ./torii initiate --child NAME,
                                 ./torii terminate --ike NAME, ./torii stats (counters), ./torii --help
              against strongSwan: control-plane/src/test/java/io/torii/interop/ToriiStrongSwanInteropTest.java""");
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

    /** Waits, up to a deadline, for the daemon to log its Child SA; IKE takes a few round trips. */
    private static void awaitChildSa(final ChildProcess gateway) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_SA_TIMEOUT_SECONDS);
        while (!gateway.output().contains("[IKE] CHILD_SA site established"))
        {
            if (System.nanoTime() - deadline > 0 || gateway.output().contains(" failed: "))
            {
                throw new IllegalStateException("the gateways did not set up their Child SA; gateway said:\n" +
                    gateway.output());
            }
            Thread.sleep(POLL_MILLIS);
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
