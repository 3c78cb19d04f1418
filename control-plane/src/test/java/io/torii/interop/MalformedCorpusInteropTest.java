package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running Torii daemon with an established tunnel to strongSwan takes a corpus of malformed IKE messages
 * ({@code src/test/python/ike_malformed_corpus.py}: truncated, oversized, wrong-length and wrongly nested
 * payloads, bad SPIs and message IDs, garbage on 500 and 4500 with and without the non-ESP marker, a replayed
 * IKE_SA_INIT, and seeded fuzz) from a second address beside strongSwan's:
 * <pre>
 *  [hostA] --- [torii] 192.0.2.1 ==== 192.0.2.2 [charon], 192.0.2.3 [corpus sender] --- [hostB]
 * </pre>
 * The daemon must keep running without an error, keep the tunnel (ping still crosses), and count every
 * message it dropped: its drop summary on shutdown adds up to at least every message that reached the SA
 * manager and was not answered.
 */
@InteropTest
class MalformedCorpusInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Path CORPUS = Path.of("src/test/python/ike_malformed_corpus.py").toAbsolutePath();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SENDER = "192.0.2.3";
    private static final int SEED = 20_250_607;
    private static final Pattern SUMMARY = Pattern.compile("\\[NET] dropped (\\d+) malformed messages:[^\n]*");

    @TempDir
    Path dir;

    @Test
    void daemonCountsEveryDropAndKeepsTheTunnel() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        assumeTrue(Files.isExecutable(PYTHON) && Files.exists(CORPUS), "needs /usr/bin/python3 and " + CORPUS);
        final String ike = "aes256gcm16-prfsha256-x25519";
        final String esp = "aes128gcm16";
        try (NetworkLab lab = new NetworkLab())
        {
            final GatewayPlacement.Network net = GatewayPlacement.DIRECT_V4.build(lab);
            final String wan = Commands.check("ip", "-n", net.strongSwanGateway(), "-o", "route", "get", "192.0.2.1")
                .replaceAll("(?s).* dev (\\S+).*", "$1");
            Commands.check("ip", "-n", net.strongSwanGateway(), "addr", "add", SENDER + "/24", "dev", wan);
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(net.strongSwanGateway(),
                    Files.createDirectories(dir.resolve("b")), PskConnection.text(net.strongSwanLocal(),
                        net.strongSwanRemote(), false, ike, esp, "none")));
                ChildProcess torii = DemoGateways.startIkeDaemon(net.toriiGateway(), dir.resolve("a"),
                    PskConnection.text(net.toriiLocal(), net.toriiRemote(), true, ike, esp, "none")))
            {
                final Commands.Result initiated = strongSwan.initiateChild(PskConnection.CHILD, TIMEOUT);
                assertThat(initiated.exitCode()).as(initiated.output() + torii.output()).isZero();
                final IkeSaStatus sa = strongSwan.awaitChildInstalled(PskConnection.CHILD, TIMEOUT)
                    .ike(PskConnection.IKE).orElseThrow();

                final Commands.Result corpus = lab.exec(net.strongSwanGateway(), PYTHON.toString(), CORPUS.toString(),
                    "192.0.2.1", sa.field("initiator-spi"), sa.field("responder-spi"), Integer.toString(SEED),
                    SENDER);
                assertThat(corpus.exitCode()).as(corpus.output()).isZero();

                final Commands.Result ping = lab.exec(net.hostA(), "ping", "-c", "3", "-i", "0.2", "-W", "2",
                    "10.2.0.2");
                assertThat(ping.output()).as(ping.output() + torii.output()).contains("3 received");
                assertThat(strongSwan.listSas().isChildInstalled(PskConnection.CHILD)).isTrue();
                assertThat(torii.process().isAlive()).isTrue();

                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
                final String output = torii.output();
                System.out.println("corpus sender:\n" + corpus.output() + "torii daemon:\n" + output);
                assertThat(output).doesNotContainIgnoringCase("error").doesNotContain("Exception");
                final Matcher summary = SUMMARY.matcher(output);
                assertThat(summary.find()).as(output).isTrue();
                final long reaching = number(corpus.output(), "reaching");
                final long answered = number(corpus.output(), "answered");
                assertThat(Long.parseLong(summary.group(1))).as(summary.group())
                    .isGreaterThanOrEqualTo(reaching - answered);
                assertThat(summary.group()).contains("integrity_failed=", "length_mismatch=", "unknown_spi=");
            }
        }
    }

    private static long number(final String output, final String key)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + key + " (\\d+)$").matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
