package io.torii.perf.lab;

import io.torii.perf.lab.chart.BarChartPainter;
import io.torii.perf.lab.chart.ChartData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one run's report directory, {@code <date>-<host>/} under the results root (with {@code -2},
 * {@code -3}... when that exists already): summary.md, results.jsonl and the charts.
 */
public final class ReportWriter
{
    /** The Markdown summary's file name. */
    public static final String SUMMARY = "summary.md";
    /** The raw figures' file name. */
    public static final String RESULTS = "results.jsonl";

    private ReportWriter()
    {
    }

    /**
     * @param root the results root.
     * @param date the run's date.
     * @param machine the machine, for its host name.
     * @return a directory under the root that does not exist yet.
     */
    public static Path freshDirectory(final Path root, final LocalDate date, final MachineInfo machine)
    {
        final String base = date + "-" + machine.safeHost();
        Path directory = root.resolve(base);
        for (int attempt = 2; Files.exists(directory); attempt++)
        {
            directory = root.resolve(base + "-" + attempt);
        }
        return directory;
    }

    /**
     * Writes the report.
     *
     * @param directory the report directory; made when missing.
     * @param machine the machine.
     * @param options the run's options.
     * @param outcomes how each scenario went.
     * @return the files written.
     * @throws IOException when a file cannot be written.
     */
    public static List<Path> write(final Path directory, final MachineInfo machine, final BenchOptions options,
        final List<ScenarioOutcome> outcomes) throws IOException
    {
        Files.createDirectories(directory);
        final List<Figure> figures = outcomes.stream().flatMap(outcome -> outcome.figures().stream()).toList();
        final List<Path> written = new ArrayList<>();
        written.add(Files.write(directory.resolve(RESULTS), figures.stream().map(FigureJson::toJsonLine).toList()));
        final Map<String, ChartData> charts = ReportCharts.from(figures);
        for (final Map.Entry<String, ChartData> chart : charts.entrySet())
        {
            final Path file = directory.resolve(chart.getKey());
            BarChartPainter.write(chart.getValue(), file);
            written.add(file);
        }
        final String summary = SummaryMarkdown.format(directory.getFileName().toString(), machine, options,
            outcomes, RatioTable.compute(figures), List.copyOf(charts.keySet()));
        written.add(Files.writeString(directory.resolve(SUMMARY), summary));
        return written;
    }
}
