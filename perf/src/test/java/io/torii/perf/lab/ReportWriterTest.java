package io.torii.perf.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest
{
    private static final MachineInfo MACHINE = new MachineInfo("Test CPU 9000", Set.of("aes", "avx2", "fpu"), 2,
        "6.18.0-test", "Temurin 25", "labhost");

    @TempDir
    Path root;

    private static List<ScenarioOutcome> outcomes()
    {
        final List<Figure> loop = List.of(
            new Figure("loop", Figure.TORII, "loop_mpps", "Mpps", 3.0, Labels.of("size", "64", "workers", "1",
                "sas", "1")),
            new Figure("loop", Figure.TORII, "loop_mpps", "Mpps", 5.5, Labels.of("size", "64", "workers", "2",
                "sas", "1")),
            new Figure("loop", Figure.TORII, "loop_gbps_per_worker", "Gbit/s", 1.5, Labels.of("size", "64",
                "workers", "1", "sas", "1")));
        final List<Figure> crypto = List.of(new Figure("crypto", Figure.CRYPTO_LIMIT, "esp_encrypt_gbps", "Gbit/s",
            12.0, Labels.of("size", "64")));
        return List.of(
            new ScenarioOutcome("crypto", ScenarioOutcome.Status.RAN, "", 20, crypto),
            new ScenarioOutcome("loop", ScenarioOutcome.Status.RAN, "", 40, loop),
            new ScenarioOutcome("strongswan", ScenarioOutcome.Status.SKIPPED, "charon | not installed", 0, List.of()));
    }

    @Test
    void theDirectoryIsNamedByDateAndHostAndNeverReused() throws Exception
    {
        final Path first = ReportWriter.freshDirectory(root, LocalDate.of(2026, 11, 27), MACHINE);
        Files.createDirectories(first);
        final Path second = ReportWriter.freshDirectory(root, LocalDate.of(2026, 11, 27), MACHINE);

        assertThat(first.getFileName().toString()).isEqualTo("2026-11-27-labhost");
        assertThat(second.getFileName().toString()).isEqualTo("2026-11-27-labhost-2");
    }

    @Test
    void theReportHasTheSummaryTheRawFiguresAndFourDecodableCharts() throws Exception
    {
        final Path directory = root.resolve("report");
        final BenchOptions options = BenchOptions.parse("--quick").options();

        ReportWriter.write(directory, MACHINE, options, outcomes());

        final List<FigureParse> parsed = Files.readAllLines(directory.resolve(ReportWriter.RESULTS)).stream()
            .map(FigureJson::parse).toList();
        assertThat(parsed).hasSize(4).allMatch(FigureParse::ok);
        assertThat(parsed.get(0).figure().system()).isEqualTo(Figure.CRYPTO_LIMIT);
        for (final String chart : ReportCharts.FILES)
        {
            final BufferedImage image = ImageIO.read(directory.resolve(chart).toFile());
            assertThat(image).as(chart).isNotNull();
        }
        final String summary = Files.readString(directory.resolve(ReportWriter.SUMMARY));
        assertThat(summary.lines().findFirst()).contains("# Torii bench: report");
        assertThat(summary).contains("| CPU | Test CPU 9000 |", "| Cores | 2 |", "| Kernel | 6.18.0-test |",
            "| JDK | Temurin 25 |", "aes avx2 (lacks");
        // The loop's one-worker speed over the crypto limit at 64 bytes: 1.5 / 12.
        assertThat(summary).contains("| Torii ÷ crypto limit | loop_gbps_per_worker | torii | sas=1 size=64 " +
            "workers=1 | 1.50 Gbit/s | 12.00 Gbit/s | 0.13 | higher |");
        assertThat(summary).contains("| strongswan | skipped | 0 | 0 | charon \\| not installed |");
        assertThat(summary).contains("![throughput-by-size](throughput-by-size.png)", "![ike-rate](ike-rate.png)");
        assertThat(summary.indexOf("## Machine")).isLessThan(summary.indexOf("## Ratios"));
        assertThat(summary.indexOf("## Ratios")).isLessThan(summary.indexOf("## Scenarios"));
    }
}
