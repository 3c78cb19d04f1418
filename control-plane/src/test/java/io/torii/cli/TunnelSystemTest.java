package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.SystemTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Torii daemons on the demo's configuration carry traffic between two hosts, each gateway in its
 * own network namespace, its LAN side a TUN device and its WAN side a UDP socket on port 4500:
 * <pre>
 *  [hostA] 10.1.0.2 --- 10.1.0.1 [gwA torii0] 192.0.2.1 === 192.0.2.2 [gwB torii0] 10.2.0.1 --- 10.2.0.2 [hostB]
 * </pre>
 * Checked from outside, with one worker per gateway and with two (a TUN queue and a UDP socket
 * each, packets of the other worker's SAs handed over): ping and a TCP transfer cross, another
 * process reads the counters while the daemons run (torii stats and Prometheus), and SIGTERM stops
 * them cleanly.
 */
@SystemTest
class TunnelSystemTest
{
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 2})
    void pingAndTcpCrossTheTunnelCountersAreReadableAndTheDaemonsStopCleanly(final int workers) throws Exception
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
        final DemoGateways gateways = new DemoGateways();
        final String workersLine = "dataplane {\n  workers = " + workers;
        try (DemoNetwork network = new DemoNetwork("tst" + ProcessHandle.current().pid() % 10_000 + "w" + workers);
            ChildProcess daemonA = DemoGateways.startDaemon(network.gatewayA(), dir.resolve("a"),
                gateways.configA().replace("dataplane {", workersLine));
            ChildProcess daemonB = DemoGateways.startDaemon(network.gatewayB(), dir.resolve("b"),
                gateways.configB().replace("dataplane {", workersLine)))
        {
            assertThat(daemonA.output()).contains(workers + " worker(s)");
            network.routeThroughTunnels(DemoGateways.TUN);

            final String ping = DemoNetwork.run("ip", "netns", "exec", network.hostA(), "ping", "-c", "5", "-i", "0.2",
                "-W", "2", DemoNetwork.HOST_B);
            assertThat(ping).contains("5 received");

            final String transfer = tcpTransfer(network);
            assertThat(transfer).isEqualTo("1048576");

            final ByteArrayOutputStream stats = new ByteArrayOutputStream();
            assertThat(new ToriiMain().run(new String[] {"stats", "--run-dir", dir.resolve("b").toString()},
                new PrintStream(stats, true, StandardCharsets.UTF_8), System.err)).isZero();
            assertThat(stats.toString(StandardCharsets.UTF_8)).contains("a-to-b").contains("b-to-a");
            final String metrics = DemoNetwork.run("ip", "netns", "exec", network.gatewayA(), "python3", "-c",
                "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:9720/metrics').read().decode())");
            assertThat(metrics).containsPattern("torii_packets_total\\{worker=\"0\",disposition=\"ok\"\\} [1-9]");

            for (final ChildProcess daemon : List.of(daemonA, daemonB))
            {
                assertThat(daemon.terminate(30)).as("128 + SIGTERM, after cleaning up: " + daemon.output())
                    .isEqualTo(143);
                assertThat(daemon.output()).contains("torii daemon: stopped").containsPattern("ok +\\d+");
            }
            assertThat(dir.resolve("a").resolve("torii.pid")).as("pid file removed").doesNotExist();
            assertThat(dir.resolve("a").resolve("counters.dat")).as("counters file removed").doesNotExist();
        }
    }

    /** One mebibyte over TCP from host A to host B: a Python listener counts what bash's /dev/tcp sends. */
    private String tcpTransfer(final DemoNetwork network) throws Exception
    {
        final Path received = dir.resolve("received.txt");
        try (ChildProcess listener = ChildProcess.start(List.of("ip", "netns", "exec", network.hostB(), "python3", "-c",
            "import socket,sys\n" +
            "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('10.2.0.2', 5001));" +
            " s.listen(1); print('listening', flush=True)\n" +
            "c,_=s.accept(); n=0\n" +
            "while True:\n    b=c.recv(65536)\n    if not b: break\n    n+=len(b)\n" +
            "open(sys.argv[1],'w').write(str(n))\n", received.toString())))
        {
            listener.awaitLine("listening", 30);
            DemoNetwork.run("ip", "netns", "exec", network.hostA(), "bash", "-c",
                "head -c 1048576 /dev/zero > /dev/tcp/10.2.0.2/5001");
            assertThat(listener.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        return Files.exists(received) ? Files.readString(received) : "nothing received";
    }
}
