package io.torii.perf.lab;

import io.torii.perf.lab.chart.ChartData;
import io.torii.perf.lab.chart.ChartSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The report's four charts, made from the run's figures: throughput by packet size, scaling by workers,
 * the latency distribution and the IKE rate. Each chart is defined here by which figures it takes; one
 * with nothing to show carries a note instead.
 */
public final class ReportCharts
{
    /** The file names, in the order the summary shows them. */
    public static final List<String> FILES = List.of("throughput-by-size.png", "scaling-by-workers.png",
        "latency.png", "ike-rate.png");
    private static final List<String> SIZE_ORDER = List.of("64", "576", "1400", "imix");
    private static final List<String> PERCENTILES = List.of("p50", "p99", "p999");

    private ReportCharts()
    {
    }

    /**
     * @param figures every figure of the run.
     * @return the charts by file name, in {@link #FILES} order.
     */
    public static Map<String, ChartData> from(final List<Figure> figures)
    {
        final Map<String, ChartData> charts = new LinkedHashMap<>();
        charts.put(FILES.get(0), throughputBySize(figures));
        charts.put(FILES.get(1), scalingByWorkers(figures));
        charts.put(FILES.get(2), latency(figures));
        charts.put(FILES.get(3), ikeRate(figures));
        return charts;
    }

    /** Cleartext Gbit/s on one core by size: the crypto limit, Torii's ESP engines, one worker's loop. */
    static ChartData throughputBySize(final List<Figure> figures)
    {
        final List<String> sizes = ordered(figures.stream().filter(figure ->
            figure.metric().equals("esp_encrypt_gbps") || figure.metric().equals("loop_gbps_per_worker"))
            .map(figure -> figure.label("size")).distinct().toList(), SIZE_ORDER);
        final List<ChartSeries> series = new ArrayList<>();
        addSeries(series, "crypto limit (C)", sizes, "size", figures, figure ->
            figure.system().equals(Figure.CRYPTO_LIMIT) && figure.metric().equals("esp_encrypt_gbps"));
        for (final String engine : figures.stream().filter(figure -> figure.system().equals(Figure.TORII) &&
            figure.metric().equals("esp_encrypt_gbps")).map(figure -> figure.label("engine")).distinct().toList())
        {
            addSeries(series, "ESP, " + engine, sizes, "size", figures, figure ->
                figure.system().equals(Figure.TORII) && figure.metric().equals("esp_encrypt_gbps") &&
                figure.label("engine").equals(engine));
        }
        addSeries(series, "worker loop, 1 SA", sizes, "size", figures, figure ->
            figure.metric().equals("loop_gbps_per_worker") && figure.label("workers").equals("1") &&
            figure.label("sas").equals("1"));
        return new ChartData("Throughput by packet size (one core, encrypt)", "Gbit/s (cleartext)",
            "packet size (bytes)", sizes, series, "no figures: the crypto and loop scenarios did not run");
    }

    /** Total Mpps by workers, one series per size, one SA. */
    static ChartData scalingByWorkers(final List<Figure> figures)
    {
        final Predicate<Figure> loop = figure -> figure.metric().equals("loop_mpps") &&
            figure.label("sas").equals("1");
        final List<String> workers = figures.stream().filter(loop).map(figure -> figure.label("workers")).distinct()
            .sorted(Comparator.comparingInt(ReportCharts::number)).toList();
        final List<String> sizes = ordered(figures.stream().filter(loop).map(figure -> figure.label("size"))
            .distinct().toList(), SIZE_ORDER);
        final List<ChartSeries> series = new ArrayList<>();
        for (final String size : sizes)
        {
            addSeries(series, size + " B", workers, "workers", figures, loop.and(figure ->
                figure.label("size").equals(size)));
        }
        return new ChartData("Worker loop scaling (1 SA)", "Mpps (all workers)", "workers", workers, series,
            "no figures: the loop scenario did not run");
    }

    /** Round-trip latency percentiles at half load, one series per system and port. */
    static ChartData latency(final List<Figure> figures)
    {
        final List<ChartSeries> series = new ArrayList<>();
        final List<String> paths = figures.stream().filter(figure -> figure.metric().startsWith("e2e_latency_"))
            .map(ReportCharts::pathName).distinct().toList();
        for (final String path : paths)
        {
            final List<Double> values = new ArrayList<>();
            for (final String percentile : PERCENTILES)
            {
                values.add(figures.stream().filter(figure -> figure.metric().equals("e2e_latency_" + percentile +
                    "_us") && pathName(figure).equals(path)).findFirst().map(Figure::value).orElse(Double.NaN));
            }
            series.add(new ChartSeries(path, values));
        }
        return new ChartData("Round-trip latency at half the maximum load", "microseconds", "percentile",
            List.of("p50", "p99", "p99.9"), series, "no figures: the e2e and strongswan scenarios did not run");
    }

    /** IKE SAs with their Child SA set up per second, per responder. */
    static ChartData ikeRate(final List<Figure> figures)
    {
        final List<Figure> rates = figures.stream().filter(figure -> figure.metric().equals("ike_sas_per_s"))
            .toList();
        final List<String> responders = rates.stream().map(ReportCharts::pathName).distinct().toList();
        final List<Double> values = responders.stream().map(responder -> rates.stream()
            .filter(figure -> pathName(figure).equals(responder)).findFirst().map(Figure::value)
            .orElse(Double.NaN)).toList();
        return new ChartData("IKE SAs established per second (PSK, one Child SA each)", "IKE SAs per second",
            "responder", responders, List.of(new ChartSeries("IKE SAs/s", values)),
            "no figures: the ike scenario did not run");
    }

    /** @return the system and, when there is one, its port or mode: {@code torii (udp)}. */
    static String pathName(final Figure figure)
    {
        final String variant = figure.label("port");
        return variant.isEmpty() || variant.equals(figure.system()) ? figure.system() :
            figure.system() + " (" + variant + ")";
    }

    private static void addSeries(final List<ChartSeries> series, final String name, final List<String> categories,
        final String label, final List<Figure> figures, final Predicate<Figure> taken)
    {
        final List<Double> values = new ArrayList<>();
        boolean any = false;
        for (final String category : categories)
        {
            final double value = figures.stream().filter(taken.and(figure -> figure.label(label).equals(category)))
                .findFirst().map(Figure::value).orElse(Double.NaN);
            any |= Double.isFinite(value);
            values.add(value);
        }
        if (any)
        {
            series.add(new ChartSeries(name, values));
        }
    }

    private static List<String> ordered(final List<String> values, final List<String> order)
    {
        return values.stream().filter(Objects::nonNull).sorted(Comparator.comparingInt((String value) ->
        {
            final int known = order.indexOf(value);
            return known < 0 ? order.size() : known;
        }).thenComparing(Comparator.naturalOrder())).toList();
    }

    private static int number(final String text)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            return Integer.MAX_VALUE;
        }
    }
}
