package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.ike.control.ControlClient;
import io.torii.ike.control.ControlRequest;
import io.torii.ike.control.ReplyLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MOBIKE (RFC 4555) against strongSwan 5.9: strongSwan initiates with {@code mobike = yes} (the default), then
 * its gateway's address changes inside its namespace while hostA pings hostB ten times a second. charon's
 * kernel-netlink sees the old address go, and charon sends UPDATE_SA_ADDRESSES from the new one; Torii moves
 * the IKE SA and the Child SA's endpoints in its dataplane, without a rekey:
 * <pre>
 *  [hostA] --- [gwA torii daemon] 192.0.2.1 ==== 192.0.2.2 [gwB charon] --- [hostB]
 *                                 192.0.2.1 ==== 192.0.2.3 [gwB charon]      (after the move)
 *   net: 10.1.0.0/24 === 10.2.0.0/24
 * </pre>
 * libipsec fakes NAT detection, so ESP stays in UDP on port 4500 both ways, before and after the move.
 *
 * <p>strongSwan's kernel-libipsec cannot update an installed SA's addresses, so charon follows every MOBIKE
 * update with a rekey of its Child SAs (and, while Torii refuses Child SA rekeys, with a reauthentication).
 * The SPIs therefore stay the same only on Torii's side, up to that rekey: the test checks that Torii moved
 * the pair it had, and that traffic kept flowing through the move and what charon does after it.
 */
@InteropTest
class ToriiMobikeInteropTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String IKE = MobikeLab.IKE;
    private static final String CHILD = MobikeLab.CHILD;
    private static final Pattern RECEIVED = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @TempDir
    Path dir;

    @Test
    void strongSwanChangesItsAddressAndToriiMovesTheTunnelWhileTrafficFlows() throws Exception
    {
        assumeTrue(Commands.isRoot(), "interop tests need root and network namespaces");
        assumeTrue(StrongSwanPeer.isInstalled(), "strongSwan is not installed (./torii bootstrap installs it)");
        try (NetworkLab lab = new NetworkLab())
        {
            final MobikeLab.Gateways lan = MobikeLab.wire(lab);
            final String gwA = lan.gwA();
            final String gwB = lan.gwB();
            final String hostA = lan.hostA();
            final String hostB = lan.hostB();
            final Path toriiRun = dir.resolve("a");
            try (StrongSwanPeer strongSwan = StrongSwanPeer.start(PeerSetup.of(gwB,
                    Files.createDirectories(dir.resolve("b")), MobikeLab.connection("%any", "192.0.2.1",
                        "gwb.example", "gwa.example", "10.2", "10.1", "")));
                ChildProcess torii = DemoGateways.startIkeDaemon(gwA, toriiRun,
                    MobikeLab.connection("192.0.2.1", "192.0.2.2", "gwa.example", "gwb.example", "10.1", "10.2",
                        "")))
            {
                final Commands.Result initiated = strongSwan.initiateChild(CHILD, TIMEOUT);
                assertThat(initiated.exitCode()).as(initiated.output() + torii.output() + strongSwan.logTail(60))
                    .isZero();
                final SaListing before = strongSwan.awaitChildInstalled(CHILD, TIMEOUT);
                final ChildSaStatus childBefore = before.ike(IKE).orElseThrow().children().getFirst();
                awaitOutput(torii, "[IKE] CHILD_SA net established");
                assertThat(strongSwan.logTail(400)).as("MOBIKE negotiated").contains("peer supports MOBIKE");

                final Process pings = startPings(hostA);
                try
                {
                    Thread.sleep(2_000);
                    MobikeLab.moveAddress(gwB, lan.wanB(), "192.0.2.2", "192.0.2.3");
                    awaitOutput(torii, "moved to 192.0.2.1[4500] - 192.0.2.3[4500]");
                }
                finally
                {
                    assertThat(pings.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    ProcessGuard.release(pings);
                }
                final String pingOutput = new String(pings.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                final Matcher counts = RECEIVED.matcher(pingOutput);
                assertThat(counts.find()).as(pingOutput).isTrue();
                // The roam itself takes charon a moment (its roam delay, then the exchange): a few pings may go.
                assertThat(Integer.parseInt(counts.group(2))).as(pingOutput + torii.output() + strongSwan.logTail(80))
                    .isGreaterThanOrEqualTo(Integer.parseInt(counts.group(1)) - 20);

                final Commands.Result after = lab.exec(hostA, "ping", "-c", "5", "-i", "0.2", "-W", "2", "10.2.0.2");
                assertThat(after.output()).as("from the new address: " + after.output() + torii.output() +
                    strongSwan.logTail(80)).contains("5 received");
                final Commands.Result back = lab.exec(hostB, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.1.0.2");
                assertThat(back.output()).as(back.output() + torii.output()).contains("3 received");

                // charon's side of the exchange: UPDATE_SA_ADDRESSES from the new address, answered with NAT
                // detection and its COOKIE2 echoed (a mismatch would have made charon close the IKE SA).
                final String charonLog = String.join("\n", strongSwan.logLines());
                assertThat(charonLog).as(charonLog)
                    .containsPattern("generating INFORMATIONAL request \\d+ \\[ N\\(UPD_SA_ADDR\\)")
                    .containsPattern("parsed INFORMATIONAL response \\d+ \\[ N\\(NATD_S_IP\\) N\\(NATD_D_IP\\) " +
                        "N\\(COOKIE2\\) \\]")
                    .doesNotContain("COOKIE2 mismatch");
                // Torii moved the pair it had: the move came before any second Child SA of that name.
                final String toriiLog = torii.output();
                final int established = toriiLog.indexOf("[IKE] CHILD_SA net established with SPIs " +
                    childBefore.field("spi-out") + "_i " + childBefore.field("spi-in") + "_o");
                final int moved = toriiLog.indexOf("moved to 192.0.2.1[4500] - 192.0.2.3[4500]");
                final int nextChild = toriiLog.indexOf("[IKE] CHILD_SA net established", established + 1);
                assertThat(established).as(toriiLog).isNotNegative();
                assertThat(moved).as(toriiLog).isGreaterThan(established);
                if (nextChild >= 0)
                {
                    assertThat(nextChild).as("no rekey before the move: " + toriiLog).isGreaterThan(moved);
                }
                final SaListing listing = strongSwan.listSas();
                assertThat(listing.ike(IKE).orElseThrow().field("local-host")).as(listing.raw())
                    .isEqualTo("192.0.2.3");
                final String toriiListing = toriiSas(toriiRun);
                assertThat(toriiListing).as(toriiListing).contains("remote-host=192.0.2.3");
                System.out.println("torii daemon at gwA:\n" + torii.output());
                assertThat(torii.terminate(10)).as(torii.output()).isIn(0, 143);
            }
        }
    }

    /** Ten pings a second for twelve seconds, from hostA to hostB, in the background. */
    private static Process startPings(final String hostA) throws IOException
    {
        final Process process = new ProcessBuilder("ip", "netns", "exec", hostA, "ping", "-n", "-i", "0.1", "-c",
            "120", "-W", "1", "10.2.0.2").redirectErrorStream(true).start();
        ProcessGuard.watch(process);
        return process;
    }

    /** @return Torii's {@code list-sas} answer, one line per record. */
    private static String toriiSas(final Path runDirectory)
    {
        final List<ReplyLine> lines = new ArrayList<>();
        try
        {
            final ReplyLine last = ControlClient.call(runDirectory, ControlRequest.listSas(), lines::add);
            lines.add(last);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return String.join("\n", lines.stream().map(ReplyLine::toWire).toList());
    }

    /** Polls the daemon's output for a line it logs once the exchange is done. */
    private static void awaitOutput(final ChildProcess daemon, final String text)
    {
        Polling.until(daemon::output, output -> output.contains(text), TIMEOUT);
        assertThat(daemon.output()).contains(text);
    }
}
