package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.status.prometheus.PrometheusTextParser;
import io.torii.dataplane.status.shm.CountersFile;
import io.torii.dataplane.status.shm.CountersFileHeader;
import io.torii.dataplane.status.shm.DropCountsPort;
import io.torii.dataplane.status.shm.WorkerCounters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code torii stats} against a counters file this test writes, as the daemon would: the tables,
 * the Prometheus text, {@code --watch}, the run directory's sources, and what it says when there
 * is no daemon or only a dead one's file.
 */
class StatsCommandTest
{
    private static final int SPI = 0x0000_1000;

    @TempDir
    Path runDir;
    private CountersFile file;
    private DispositionCounters source;
    private WorkerCounters worker;
    private final DropCountsPort lan = new DropCountsPort("tun:torii0");
    private final DropCountsPort wan = new DropCountsPort("udp:192.0.2.1:4500");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Long> sleeps = new ArrayList<>();

    @BeforeEach
    void startDaemonCounters() throws IOException
    {
        file = CountersFile.create(runDir, 256);
        source = new DispositionCounters(4);
        worker = new WorkerCounters(file.manager(), 0, source, 4);
        worker.saInstalled(1, "sa-out", SPI, IpsecProtocol.ESP, Direction.OUTBOUND);
        worker.saInstalled(2, "sa-in", SPI + 1, IpsecProtocol.ESP, Direction.INBOUND);
        increment(1, Disposition.OK, 5);
        increment(2, Disposition.OK, 3);
        increment(2, Disposition.ICV_FAILURE, 2);
        worker.addSaBytes(1, 5 * 1400);
        worker.ports(lan, "tun", wan, "udp");
        wan.drops(12, 0);
        worker.publish();
    }

    @AfterEach
    void stopDaemonCounters()
    {
        worker.close();
        file.close();
        System.clearProperty(StatsCommand.RUN_DIR_PROPERTY);
    }

    private void increment(final int slot, final Disposition disposition, final int times)
    {
        for (int i = 0; i < times; i++)
        {
            source.increment(slot, disposition);
        }
    }

    private int stats(final String... args)
    {
        final StatsCommand command = new StatsCommand(millis ->
        {
            sleeps.add(millis);
            // The daemon counts on while the command waits.
            increment(1, Disposition.OK, 1);
            worker.publish();
        });
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tablesShowEachWorkersNonZeroDispositionsAndEachSa()
    {
        assertThat(stats("--run-dir", runDir.toString())).isZero();

        final List<String> lines = stdout().lines().toList();
        assertThat(lines.getFirst()).startsWith("torii daemon pid " + ProcessHandle.current().pid() + ", started ")
            .contains("(up ");
        assertThat(lines).contains("worker 0");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("  ok +8"));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("  ICV failure +2"));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("  wan udp transmit dropped +12"));
        assertThat(stdout()).doesNotContain("replay").doesNotContain("no SA").doesNotContain("lan tun")
            .doesNotContain("receive dropped");
        assertThat(lines).anySatisfy(line -> assertThat(line.split(" +")).containsExactly(
            "sa-out", "0x00001000", "outbound", "esp", "0", "5", "7000", "0"));
        assertThat(lines).anySatisfy(line -> assertThat(line.split(" +")).containsExactly(
            "sa-in", "0x00001001", "inbound", "esp", "0", "3", "0", "2"));
        assertThat(stderr()).isEmpty();
    }

    @Test
    void toriiMainRunsItInProcess()
    {
        final int status = new ToriiMain().run(new String[] {"stats", "--run-dir", runDir.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(stderr()).isZero();
        assertThat(stdout()).contains("worker 0").contains("sa-out");
    }

    @Test
    void allShowsZeroDispositionsToo()
    {
        assertThat(stats("-a", "--run-dir=" + runDir)).isZero();

        for (final Disposition disposition : Disposition.values())
        {
            assertThat(stdout()).contains("  " + disposition.label() + " ");
        }
        assertThat(stdout().lines().filter(line -> line.matches("  replay +0"))).hasSize(1);
        assertThat(stdout().lines().filter(line -> line.contains(" dropped "))
            .map(line -> line.strip().replaceAll(" +", " "))).as("every port's drops, zeros too").containsExactly(
            "lan tun transmit dropped 0", "lan tun receive dropped 0", "wan udp transmit dropped 12",
            "wan udp receive dropped 0");
    }

    @Test
    void prometheusPrintsTheExpositionText()
    {
        assertThat(stats("--prometheus", "--run-dir", runDir.toString())).isZero();

        final PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(stdout());
        assertThat(parsed.value("torii_packets_total", Map.of("worker", "0", "disposition", "icv_failure")))
            .isEqualTo(2);
        assertThat(parsed.value("torii_sa_bytes_total", Map.of("sa", "sa-out", "spi", "0x00001000",
            "direction", "outbound", "protocol", "esp", "worker", "0"))).isEqualTo(7000);
        assertThat(parsed.types()).containsEntry("torii_packets_total", "counter");
        assertThat(parsed.value("torii_port_dropped_packets_total", Map.of("worker", "0", "port", "wan",
            "kind", "udp", "direction", "transmit"))).isEqualTo(12);
        assertThat(parsed.samples("torii_port_dropped_packets_total")).hasSize(4);
    }

    @Test
    void theRunDirectoryComesFromTheOptionThenThePropertyThenTheDefault()
    {
        System.setProperty(StatsCommand.RUN_DIR_PROPERTY, runDir.toString());
        assertThat(stats()).isZero();
        assertThat(stdout()).contains("worker 0");

        assertThat(stats("--run-dir", runDir.resolve("elsewhere").toString())).isEqualTo(1);
        assertThat(stderr()).contains("no daemon runs with run directory " + runDir.resolve("elsewhere"));
        assertThat(StatsCommand.DEFAULT_RUN_DIR).isEqualTo("/run/torii");
    }

    @Test
    void noFileSaysInOneLineThatNoDaemonRunsThere()
    {
        final Path empty = runDir.resolve("none");

        assertThat(stats("--run-dir", empty.toString())).isEqualTo(1);

        assertThat(stdout()).isEmpty();
        assertThat(stderr().lines().toList()).singleElement().isEqualTo("torii stats: no daemon runs with run " +
            "directory " + empty + " (no " + empty.resolve("counters.dat") + ")");
    }

    @Test
    void watchRepeatsAfterEachWaitAndCountStopsIt()
    {
        assertThat(stats("--run-dir", runDir.toString(), "--watch", "1.5", "--count", "3")).isZero();

        assertThat(sleeps).containsExactly(1500L, 1500L);
        final List<String> okLines = stdout().lines().filter(line -> line.startsWith("  ok ")).toList();
        assertThat(okLines).hasSize(3);
        assertThat(okLines.get(0)).endsWith(" 8");
        assertThat(okLines.get(2)).as("counts the daemon made while the command waited").endsWith(" 10");
    }

    @Test
    void fileOfADeadDaemonIsShownWithAWarning() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        final ByteBuffer pid = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, gone.pid());
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.WRITE))
        {
            channel.write(pid, CountersFileHeader.PID_OFFSET);
        }

        assertThat(stats("--run-dir", runDir.toString())).isZero();

        assertThat(stderr()).contains("(pid " + gone.pid() + ") is not running; these are its last counts");
        assertThat(stdout()).contains("worker 0").doesNotContain("(up ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--watch              | --watch needs a value",
        "--watch 0            | --watch '0': expected seconds",
        "--watch abc          | --watch 'abc': expected seconds",
        "--watch 0.0001       | --watch '0.0001': expected seconds",
        "--watch 1 --count 0  | --count '0': expected a number of rounds",
        "--count 2            | --count needs --watch",
        "--run-dir            | --run-dir needs a value",
        "--bogus              | unknown argument '--bogus'"})
    void badArgumentsAreUsageErrors(final String args, final String message)
    {
        assertThat(stats(args.split(" "))).isEqualTo(2);

        assertThat(stderr()).contains("torii stats: " + message).contains("usage: torii stats");
    }

    @Test
    void theCommandInAnotherProcessReadsThisProcesssCounters() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + StatsCommand.RUN_DIR_PROPERTY + "=" + runDir);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ToriiMain.class.getName(), "stats",
            "--prometheus"));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        final PrometheusTextParser.Exposition parsed = PrometheusTextParser.parse(output);
        assertThat(parsed.value("torii_packets_total", Map.of("worker", "0", "disposition", "ok"))).isEqualTo(8);
        assertThat(parsed.value("torii_sa_packets_total", Map.of("sa", "sa-in", "spi", "0x00001001",
            "direction", "inbound", "protocol", "esp", "worker", "0"))).isEqualTo(3);
        assertThat(parsed.value("torii_port_dropped_packets_total", Map.of("worker", "0", "port", "wan",
            "kind", "udp", "direction", "transmit"))).isEqualTo(12);
    }
}
