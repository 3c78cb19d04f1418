package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.dataplane.testing.SystemTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Torii daemons with static SAs carry traffic between two hosts, each gateway in its own
 * network namespace, its LAN side a TUN device and its WAN side a UDP socket on port 4500:
 * <pre>
 *  [hostA] 10.1.0.2 --- 10.1.0.1 [gwA torii0] 192.0.2.1 === 192.0.2.2 [gwB torii0] 10.2.0.1 --- 10.2.0.2 [hostB]
 *                                   ESP in UDP 4500 (RFC 3948), AES-GCM one way, AES-CBC/SHA-256 back
 * </pre>
 */
@SystemTest
class TunnelSystemTest
{
    private static final String SAS = """
        sas {
          a-to-b {
            spi = 0x00001000
            src = 192.0.2.1
            dst = 192.0.2.2
            encap = yes
            proposal = aes128gcm16
            enc_key = 0x000102030405060708090a0b0c0d0e0f10111213
          }
          b-to-a {
            spi = 0x00002000
            src = 192.0.2.2
            dst = 192.0.2.1
            encap = yes
            proposal = aes256-sha256
            enc_key = 0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f
            integ_key = 0x404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f
          }
        }
        """;

    @TempDir
    Path dir;

    private NetworkLab lab;
    private final List<Process> processes = new ArrayList<>();
    private String hostA;
    private String hostB;
    private String gwA;
    private String gwB;

    @BeforeEach
    void buildTheNetwork()
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
        lab = new NetworkLab();
        hostA = lab.namespace("ha");
        gwA = lab.namespace("ga");
        gwB = lab.namespace("gb");
        hostB = lab.namespace("hb");
        lab.link(hostA, "10.1.0.2/24", gwA, "10.1.0.1/24");
        lab.link(gwA, "192.0.2.1/24", gwB, "192.0.2.2/24");
        lab.link(gwB, "10.2.0.1/24", hostB, "10.2.0.2/24");
        Commands.check("ip", "-n", hostA, "route", "add", "default", "via", "10.1.0.1");
        Commands.check("ip", "-n", hostB, "route", "add", "default", "via", "10.2.0.1");
        for (final String gateway : List.of(gwA, gwB))
        {
            lab.exec(gateway, "sysctl", "-qw", "net.ipv4.ip_forward=1");
            lab.exec(gateway, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0");
        }
    }

    @AfterEach
    void tearDown()
    {
        processes.forEach(Process::destroyForcibly);
        if (lab != null)
        {
            lab.close();
        }
    }

    @Test
    void pingAndTcpCrossTheTunnelAndTheDaemonsStopCleanly() throws Exception
    {
        final Output daemonA = daemon(gwA, "192.0.2.1", "10.1.0.0/24", "10.2.0.0/24", "a-to-b", "b-to-a");
        final Output daemonB = daemon(gwB, "192.0.2.2", "10.2.0.0/24", "10.1.0.0/24", "b-to-a", "a-to-b");
        Commands.check("ip", "-n", gwA, "route", "add", "10.2.0.0/24", "dev", "torii0");
        Commands.check("ip", "-n", gwB, "route", "add", "10.1.0.0/24", "dev", "torii0");

        final Commands.Result ping = lab.exec(hostA, "ping", "-c", "5", "-i", "0.2", "-W", "2", "10.2.0.2");
        assertThat(ping.exitCode()).as(ping.output()).isZero();
        assertThat(ping.output()).contains("5 received");

        final Commands.Result tcp = tcpTransfer();
        assertThat(tcp.exitCode()).as(tcp.output()).isZero();
        assertThat(tcp.output()).contains("1048576 bytes");

        // Another process reads the running daemon's counters: torii stats and the Prometheus endpoint.
        final java.io.ByteArrayOutputStream stats = new java.io.ByteArrayOutputStream();
        assertThat(new ToriiMain().run(new String[] {"stats", "--run-dir", dir.resolve(gwB).toString()},
            new java.io.PrintStream(stats, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(stats.toString(StandardCharsets.UTF_8)).contains("a-to-b").contains("b-to-a");
        final Commands.Result metrics = lab.exec(gwA, "python3", "-c",
            "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:9720/metrics').read().decode())");
        assertThat(metrics.exitCode()).as(metrics.output()).isZero();
        assertThat(metrics.output()).containsPattern("torii_packets_total\\{worker=\"0\",disposition=\"ok\"\\} [1-9]");

        for (final Output daemon : List.of(daemonA, daemonB))
        {
            // ProcessHandle.destroy sends SIGTERM without closing our end of its output, unlike Process.destroy.
            daemon.process().toHandle().destroy();
            assertThat(daemon.process().waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            final String output = daemon.all();
            assertThat(daemon.process().exitValue()).as("128 + SIGTERM, after cleaning up: " + output).isEqualTo(143);
            assertThat(output).contains("torii daemon: stopped").containsPattern("ok +\\d+");
        }
        assertThat(dir.resolve(gwA).resolve("torii.pid")).as("pid file removed").doesNotExist();
    }

    /** One mebibyte over TCP from hostA to hostB, without iperf3: a listener and a sender with bash's /dev/tcp. */
    private Commands.Result tcpTransfer() throws Exception
    {
        final Path received = dir.resolve("received.bin");
        final Process listener = new ProcessBuilder("ip", "netns", "exec", hostB, "python3", "-c",
            "import socket,sys\n" +
            "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('10.2.0.2', 5001));" +
            " s.listen(1); print('listening', flush=True)\n" +
            "c,_=s.accept(); n=0\n" +
            "while True:\n    b=c.recv(65536)\n    if not b: break\n    n+=len(b)\n" +
            "open(sys.argv[1],'w').write(str(n))\n", received.toString())
            .redirectErrorStream(true).start();
        processes.add(listener);
        new Output(listener).await("listening");
        final Commands.Result sent = lab.exec(hostA, "bash", "-c",
            "head -c 1048576 /dev/zero > /dev/tcp/10.2.0.2/5001");
        assertThat(listener.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Commands.Result(sent.exitCode() | listener.exitValue(),
            sent.output() + (Files.exists(received) ? Files.readString(received) + " bytes" : "nothing received"));
    }

    private Output daemon(final String namespace, final String address, final String localTs, final String remoteTs,
        final String out, final String in) throws Exception
    {
        final Path config = Files.writeString(dir.resolve(namespace + ".conf"), """
            dataplane {
              prometheus = 127.0.0.1:9720
              wan {
                port = udp
                address = %s
              }
              lan {
                port = tun
                interface = torii0
                mtu = 1400
              }
            }
            %s
            tunnels {
              site {
                local_ts = %s
                remote_ts = %s
                out = %s
                in = %s
              }
            }
            """.formatted(address, SAS, localTs, remoteTs, out, in));
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process process = new ProcessBuilder("ip", "netns", "exec", namespace, java.toString(),
            "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            ToriiMain.class.getName(), "--run-dir", dir.resolve(namespace).toString(), "daemon", "--config",
            config.toString())
            .redirectErrorStream(true)
            .start();
        processes.add(process);
        final Output output = new Output(process);
        output.await("torii daemon: running");
        return output;
    }

    /** Everything a process prints, read as it comes, so that nothing is lost when it stops. */
    private static final class Output
    {
        private final Process process;
        private final StringBuffer text = new StringBuffer();
        private final Thread reader;
        private volatile CompletableFuture<Boolean> waiting = new CompletableFuture<>();
        private volatile String prefix = "";

        Output(final Process process)
        {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().start(this::read);
        }

        private void read()
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                for (String line = lines.readLine(); line != null; line = lines.readLine())
                {
                    text.append(line).append('\n');
                    if (!prefix.isEmpty() && line.startsWith(prefix))
                    {
                        waiting.complete(true);
                    }
                }
            }
            catch (final IOException ex)
            {
                text.append("(output closed: ").append(ex.getMessage()).append(")\n");
            }
            waiting.complete(false);
        }

        Process process()
        {
            return process;
        }

        /** Waits for a line that starts with {@code linePrefix}; fails with what the process said otherwise. */
        void await(final String linePrefix) throws Exception
        {
            prefix = linePrefix;
            if (text.toString().lines().anyMatch(line -> line.startsWith(linePrefix)))
            {
                return;
            }
            assertThat(waiting.get(60, TimeUnit.SECONDS)).as("waiting for '%s', got: %s", linePrefix, text).isTrue();
        }

        /** @return the whole output, once the process has ended. */
        String all() throws InterruptedException
        {
            reader.join(TimeUnit.SECONDS.toMillis(30));
            return text.toString();
        }
    }
}
