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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swanctl-like commands against two running daemons, each in its namespace, over their control sockets:
 * <pre>
 *  [hostA] 10.1.0.2 --- [gatewayA 192.0.2.1] === [gatewayB 192.0.2.2] --- 10.2.0.2 [hostB]
 *            torii --run-dir A ...                 torii --run-dir B ...
 * </pre>
 * Neither side starts the connection by itself: {@code initiate} on A does.
 */
@SystemTest
class ControlCommandsSystemTest
{
    private static final Pattern CHILD_SPIS = Pattern.compile(
        "in  ([0-9a-f]{8}),\\s+(\\d+) bytes,\\s+(\\d+) packets\\n\\s+out ([0-9a-f]{8}),\\s+(\\d+) bytes,\\s+(\\d+) packets");

    private record Run(int status, String out, String err)
    {
    }

    private static Run torii(final Path runDir, final String... command)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] args = new String[command.length + 2];
        args[0] = "--run-dir";
        args[1] = runDir.toString();
        System.arraycopy(command, 0, args, 2, command.length);
        final int status = new ToriiMain().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listInitiateListAndTerminateAgainstRunningDaemons(@TempDir final Path runRoot) throws Exception
    {
        assumeTrue(Commands.isRoot(), "network namespaces need root (CI runs as root)");
        final Path runA = runRoot.resolve("a");
        final Path runB = runRoot.resolve("b");
        final DemoGateways gateways = new DemoGateways();
        final String swanctlA = gateways.swanctlA().replace("start_action = start", "start_action = none");
        try (DemoNetwork network = new DemoNetwork("tc" + ProcessHandle.current().pid() % 100_000);
            ChildProcess gatewayB = DemoGateways.startIkeDaemon(network.gatewayB(), runB, gateways.swanctlB(),
                gateways.dataplaneB());
            ChildProcess gatewayA = DemoGateways.startIkeDaemon(network.gatewayA(), runA, swanctlA,
                gateways.dataplaneA()))
        {
            final Run conns = torii(runA, "list-conns");
            assertThat(conns.status()).as(conns.err()).isZero();
            assertThat(conns.out()).startsWith("site: IKEv2\n  local:  192.0.2.1\n  remote: 192.0.2.2\n")
                .contains("  local pre-shared key authentication:\n    id: gateway-a.demo.example\n")
                .contains("  site: TUNNEL\n    local:  10.1.0.0/24\n    remote: 10.2.0.0/24\n");
            assertThat(torii(runA, "list-sas").out()).isEmpty();

            final Run initiated = torii(runA, "initiate", "--child", "site", "--timeout", "30");
            assertThat(initiated.status()).as(initiated.out() + initiated.err() + gatewayA.output()).isZero();
            assertThat(initiated.out()).contains("[IKE] initiating IKE_SA site to 192.0.2.2")
                .contains("[IKE] CHILD_SA site established").endsWith("initiate completed successfully\n");

            final String ping = DemoNetwork.run("ip", "netns", "exec", network.hostA(), "ping", "-c", "3", "-i", "0.2",
                "-W", "2", DemoNetwork.HOST_B);
            assertThat(ping).contains("3 packets transmitted, 3 received");

            final Run sasA = torii(runA, "list-sas");
            final Run sasB = torii(runB, "list-sas");
            assertThat(sasA.out()).as(sasA.err()).startsWith("site: #1, ESTABLISHED, IKEv2, ")
                .contains("_i* ").contains("  local  'gateway-a.demo.example' @ 192.0.2.1[4500]")
                .contains("  remote 'gateway-b.demo.example' @ 192.0.2.2[4500]")
                .contains("  AES_GCM_16-256/PRF_HMAC_SHA2_384/CURVE_25519\n")
                .contains("  site: #1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-256/ESN\n")
                .contains("    local  10.1.0.0/24\n    remote 10.2.0.0/24\n");
            assertThat(sasB.out()).as(sasB.err() + gatewayB.output()).contains("_r*\n");
            final Matcher childA = CHILD_SPIS.matcher(sasA.out());
            final Matcher childB = CHILD_SPIS.matcher(sasB.out());
            assertThat(childA.find()).as(sasA.out()).isTrue();
            assertThat(childB.find()).as(sasB.out()).isTrue();
            assertThat(childA.group(1)).isEqualTo(childB.group(4));
            assertThat(childA.group(4)).isEqualTo(childB.group(1));
            for (final Matcher child : new Matcher[] {childA, childB})
            {
                assertThat(Long.parseLong(child.group(3))).as(child.group()).isGreaterThanOrEqualTo(3);
                assertThat(Long.parseLong(child.group(6))).as(child.group()).isGreaterThanOrEqualTo(3);
                assertThat(Long.parseLong(child.group(2))).as(child.group()).isPositive();
            }

            final Run again = torii(runA, "initiate", "--ike", "site");
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).isEqualTo("initiate failed: IKE_SA 'site' #1 is already established; " +
                "terminate it first\n");

            final Run rekeyedChild = torii(runA, "rekey", "--child", "site");
            assertThat(rekeyedChild.status()).as(rekeyedChild.err()).isZero();
            assertThat(rekeyedChild.out()).isEqualTo("rekeying CHILD_SA 'site'\nrekey completed successfully\n");
            final Run rekeyedIke = torii(runB, "rekey", "--ike", "site");
            assertThat(rekeyedIke.status()).as(rekeyedIke.err()).isZero();
            assertThat(rekeyedIke.out()).isEqualTo("rekeying the IKE_SA(s) of 'site'\nrekey completed successfully\n");
            final Run noSuchChild = torii(runA, "rekey", "--child", "nowhere");
            assertThat(noSuchChild.status()).isEqualTo(1);
            assertThat(noSuchChild.err()).isEqualTo("rekey failed: no CHILD_SA named nowhere\n");
            // Both rekeys take a round trip and the replaced pair drains for 5 s: poll, with a deadline, until
            // each side lists one IKE SA and one pair, neither of them the old ones.
            final long rekeyDeadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            String afterA = torii(runA, "list-sas").out();
            while (!rekeyed(afterA, childA.group(1), sasA.out()) && System.nanoTime() < rekeyDeadline)
            {
                Thread.sleep(200);
                afterA = torii(runA, "list-sas").out();
            }
            assertThat(rekeyed(afterA, childA.group(1), sasA.out())).as(afterA + gatewayA.output()).isTrue();
            final String pingAfter = DemoNetwork.run("ip", "netns", "exec", network.hostA(), "ping", "-c", "3",
                "-i", "0.2", "-W", "2", DemoNetwork.HOST_B);
            assertThat(pingAfter).contains("3 packets transmitted, 3 received");

            final Run terminated = torii(runA, "terminate", "--ike", "site");
            assertThat(terminated.status()).as(terminated.err()).isZero();
            assertThat(terminated.out()).isEqualTo("deleting the IKE_SA(s) of 'site' and their CHILD_SAs\n" +
                "terminate completed successfully\n");
            // The DELETE takes a round trip: poll, with a deadline, until both sides have forgotten the SA.
            final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while ((!torii(runA, "list-sas").out().isEmpty() || !torii(runB, "list-sas").out().isEmpty()) &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(100);
            }
            assertThat(torii(runA, "list-sas").out()).isEmpty();
            assertThat(torii(runB, "list-sas").out()).as("the peer deleted it too").isEmpty();

            final Run unknown = torii(runA, "initiate", "--ike", "nowhere");
            assertThat(unknown.status()).isEqualTo(1);
            assertThat(unknown.err()).isEqualTo("initiate failed: no connection named 'nowhere'\n");
            final Run unknownChild = torii(runA, "terminate", "--ike", "nowhere");
            assertThat(unknownChild.status()).isEqualTo(1);
            assertThat(unknownChild.err()).isEqualTo("terminate failed: no connection named 'nowhere'\n");

            final Run reloaded = torii(runA, "load-all");
            assertThat(reloaded.status()).as(reloaded.err()).isZero();
            assertThat(reloaded.out()).isEqualTo("loaded connection 'site'\n" +
                "successfully loaded 1 connection(s), replacing 1\n");

            gatewayA.terminate(30);
            assertThat(runA.resolve("torii.ctl")).doesNotExist();
        }
        final Path missing = Files.createDirectories(runRoot.resolve("none"));
        final Run noDaemon = torii(missing, "list-sas");
        assertThat(noDaemon.status()).isEqualTo(1);
        assertThat(noDaemon.err()).isEqualTo("torii list-sas: no daemon runs with run directory " + missing + " (no " +
            missing.resolve("torii.ctl") + ")\n");
    }

    /**
     * @return true when a listing shows one IKE SA and one installed pair, neither the one listed before:
     *         the pair's inbound SPI and the IKE SA's first line both changed.
     */
    private static boolean rekeyed(final String listing, final String oldInboundSpi, final String before)
    {
        final String oldIkeLine = before.lines().findFirst().orElse("");
        final String newIkeLine = listing.lines().findFirst().orElse("");
        return !listing.contains(oldInboundSpi) && listing.split("INSTALLED", -1).length == 2 &&
            listing.split("ESTABLISHED", -1).length == 2 && !newIkeLine.equals(oldIkeLine);
    }
}
