package io.torii.perf;

import io.torii.dataplane.crypto.CryptoEngines;
import io.torii.dataplane.crypto.ipsecmb.IpsecMbCryptoEngine;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.nativeshim.IpsecMb;
import io.torii.perf.jmh.esp.BenchJvm;
import io.torii.perf.jmh.esp.PacketSizes;
import io.torii.perf.jmh.esp.RawGcmBenchmark;
import io.torii.perf.jmh.worker.BenchTunnels;
import io.torii.perf.jmh.worker.WorkerLoopBenchmark;
import io.torii.perf.report.EspRow;
import io.torii.perf.report.WorkerArgs;
import io.torii.perf.report.WorkerComparisons;
import io.torii.perf.report.WorkerRow;
import io.torii.perf.report.WorkerTable;
import io.torii.perf.report.WorkerTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link WorkerLoopBenchmark} through JMH's Runner API, one run per worker count with one thread
 * per worker, and, when ipsec-mb is among the engines, {@link RawGcmBenchmark} for the C limit in the
 * same run; then prints Mpps and cleartext Gbit/s in total and per worker, the share of the C limit per
 * worker, the loss against one tunnel and the bytes allocated per packet, then the targets
 * ({@link WorkerTargets}) and the wall time. With {@code --json FILE} it also writes JSON lines.
 *
 * <p>Run from the repository root after a build: {@code java --enable-native-access=ALL-UNNAMED -cp
 * perf/target/benchmarks.jar io.torii.perf.WorkerBenchReport --quick}. {@code --help} lists the options.
 * The numbers are for the machine at hand; two workers share its cores with whatever else runs.
 */
public final class WorkerBenchReport
{
    private static final String LOOP = WorkerLoopBenchmark.class.getName() + ".loop";
    private static final String RAW = RawGcmBenchmark.class.getName() + ".seal";
    private static final String GC_ALLOC_NORM = "gc.alloc.rate.norm";
    /** Two warm-ups are enough for the loop's code; the set-up of 100,000 tunnels dominates a quick fork. */
    private static final int QUICK_WARMUPS = 2;
    private static final TimeValue QUICK_WARMUP_TIME = TimeValue.seconds(1);
    private static final int QUICK_ITERATIONS = 3;
    private static final TimeValue QUICK_ITERATION_TIME = TimeValue.milliseconds(500);
    private static final List<String> QUICK_SIZES = List.of("64", "1400");
    private static final List<String> QUICK_TUNNELS = List.of("1", String.valueOf(WorkerTargets.MANY_TUNNELS));
    private static final List<String> ALL_WORKERS = List.of("1", "2");

    private WorkerBenchReport()
    {
    }

    /**
     * @param args see {@link WorkerArgs#USAGE}.
     * @throws RunnerException when a benchmark fails.
     * @throws IOException when the JSON file cannot be written.
     */
    public static void main(final String[] args) throws RunnerException, IOException
    {
        final long started = System.nanoTime();
        final WorkerArgs options;
        final List<String> sizes;
        final List<String> engines;
        final List<String> tunnels;
        final List<String> workers;
        final List<String> directions;
        try
        {
            options = WorkerArgs.parse(args);
            sizes = or(options.sizes(), options.quick() ? QUICK_SIZES : declared(WorkerLoopBenchmark.class, "size"));
            tunnels = or(options.tunnels(),
                options.quick() ? QUICK_TUNNELS : declared(WorkerLoopBenchmark.class, "tunnels"));
            workers = or(options.workers(), ALL_WORKERS);
            directions = or(options.directions(), declared(WorkerLoopBenchmark.class, "direction"));
            engines = engines(options.engines(), options.quick());
            // Fail here, in one line, rather than in every forked JVM.
            sizes.forEach(PacketSizes::meanBytes);
            tunnels.forEach(count -> BenchTunnels.check(Integer.parseInt(count)));
            workers.forEach(count -> positive(Integer.parseInt(count)));
            directions.forEach(WorkerBenchReport::direction);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        if (options.help())
        {
            System.out.print(WorkerArgs.USAGE);
            return;
        }

        final List<WorkerRow> rows = new ArrayList<>();
        for (final String count : workers)
        {
            final int threads = Integer.parseInt(count);
            rows.addAll(loopRows(new Runner(common(options)
                .include(exactly(LOOP))
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(threads)
                .param("workers", count)
                .param("tunnels", tunnels.toArray(String[]::new))
                .param("size", sizes.toArray(String[]::new))
                .param("engine", engines.toArray(String[]::new))
                .param("direction", directions.toArray(String[]::new))
                .build()).run()));
        }
        final List<String> rawSizes = sizes.stream().filter(declared(RawGcmBenchmark.class, "size")::contains)
            .toList();
        if (engines.contains(IpsecMbCryptoEngine.NAME) && !rawSizes.isEmpty())
        {
            rows.addAll(rawRows(new Runner(common(options)
                .include(exactly(RAW))
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .param("suite", BenchTunnels.SUITE)
                .param("size", rawSizes.toArray(String[]::new))
                .param("keys", tunnels.toArray(String[]::new))
                .build()).run()));
        }
        rows.sort(Comparator.comparingInt((WorkerRow row) -> row.isRawC() ? engines.size() :
                engines.indexOf(row.engine()))
            .thenComparingInt(row -> directions.indexOf(row.direction()))
            .thenComparingInt(row -> sizes.indexOf(row.size()))
            .thenComparingInt(WorkerRow::workers)
            .thenComparingInt(WorkerRow::tunnels));
        System.out.println();
        System.out.print(WorkerTable.format(rows));
        System.out.println();
        System.out.print(WorkerTargets.format(rows));
        if (options.json().isPresent())
        {
            Files.write(options.json().get(), rows.stream().map(row -> row.toJsonLine(
                WorkerComparisons.ratioToCLimit(row, rows), WorkerComparisons.lossVsOneTunnel(row, rows))).toList());
            System.out.println("wrote " + rows.size() + " JSON lines to " + options.json().get());
        }
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf(Locale.ROOT, "total wall time: %d min %02d s%n", seconds / 60, seconds % 60);
    }

    private static List<WorkerRow> loopRows(final Iterable<RunResult> results)
    {
        final List<WorkerRow> rows = new ArrayList<>();
        for (final RunResult result : results)
        {
            final BenchmarkParams params = result.getParams();
            final Result<?> rate = result.getPrimaryResult();
            requireUnit(params, rate, "ops/us");
            final String size = params.getParam("size");
            rows.add(new WorkerRow(params.getParam("engine"), params.getParam("direction"), size,
                PacketSizes.meanBytes(size), Integer.parseInt(params.getParam("tunnels")),
                Integer.parseInt(params.getParam("workers")), rate.getScore(), rate.getScoreError(), alloc(result)));
        }
        return rows;
    }

    private static List<WorkerRow> rawRows(final Iterable<RunResult> results)
    {
        final List<WorkerRow> rows = new ArrayList<>();
        for (final RunResult result : results)
        {
            final BenchmarkParams params = result.getParams();
            final Result<?> time = result.getPrimaryResult();
            requireUnit(params, time, "ns/op");
            final String size = params.getParam("size");
            final double mpps = 1_000.0 / time.getScore();
            // The error of a rate from a time: the interval's half-width scaled by the rate over the time.
            final double error = mpps * time.getScoreError() / time.getScore();
            // Its keys stand for tunnels: with as many keys as the loop has tunnels, the C limit's own loss.
            rows.add(new WorkerRow(EspRow.RAW_C_ENGINE, WorkerLoopBenchmark.OUTBOUND, size,
                PacketSizes.meanBytes(size), Integer.parseInt(params.getParam("keys")), 1, mpps, error, alloc(result)));
        }
        return rows;
    }

    private static double alloc(final RunResult result)
    {
        final Result<?> alloc = result.getSecondaryResults().get(GC_ALLOC_NORM);
        return alloc == null ? Double.NaN : alloc.getScore();
    }

    private static void requireUnit(final BenchmarkParams params, final Result<?> result, final String unit)
    {
        if (!unit.equals(result.getScoreUnit()))
        {
            throw new IllegalStateException(params.getBenchmark() + " scored in " + result.getScoreUnit() +
                ", expected " + unit);
        }
    }

    /** @return what every run shares: the GC profiler, the JVM flags, quick timings. */
    private static ChainedOptionsBuilder common(final WorkerArgs options)
    {
        final ChainedOptionsBuilder builder = new OptionsBuilder()
            .addProfiler(GCProfiler.class)
            .jvmArgsPrepend(BenchJvm.DISABLE_BOUNDS_CHECKS)
            .jvmArgsAppend(BenchJvm.launcherFlags().toArray(String[]::new))
            .shouldFailOnError(true);
        if (options.quick())
        {
            builder.forks(1)
                .warmupIterations(QUICK_WARMUPS)
                .warmupTime(QUICK_WARMUP_TIME)
                .measurementIterations(QUICK_ITERATIONS)
                .measurementTime(QUICK_ITERATION_TIME);
        }
        return builder;
    }

    /** @return the engines asked for by canonical name; by default ipsec-mb if it runs, and the JDK unless quick. */
    private static List<String> engines(final List<String> requested, final boolean quick)
    {
        if (requested.isEmpty())
        {
            if (!IpsecMb.isAvailable())
            {
                return List.of(JdkCryptoEngine.NAME);
            }
            return quick ? List.of(IpsecMbCryptoEngine.NAME) : List.of(IpsecMbCryptoEngine.NAME, JdkCryptoEngine.NAME);
        }
        final List<String> engines = new ArrayList<>();
        for (final String engine : requested)
        {
            final String name = CryptoEngines.selector().select(engine).provider().name();
            if (!engines.contains(name))
            {
                engines.add(name);
            }
        }
        return List.copyOf(engines);
    }

    private static void direction(final String direction)
    {
        if (!WorkerLoopBenchmark.OUTBOUND.equals(direction) && !WorkerLoopBenchmark.INBOUND.equals(direction))
        {
            throw new IllegalArgumentException("direction '" + direction + "': expected " +
                WorkerLoopBenchmark.OUTBOUND + " or " + WorkerLoopBenchmark.INBOUND);
        }
    }

    private static void positive(final int workers)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("workers " + workers + ": expected at least 1");
        }
    }

    private static List<String> or(final List<String> given, final List<String> otherwise)
    {
        return given.isEmpty() ? otherwise : given;
    }

    /** @return the values of a benchmark's {@code @Param} field of that name. */
    private static List<String> declared(final Class<?> benchmark, final String field)
    {
        try
        {
            return List.of(benchmark.getField(field).getAnnotation(Param.class).value());
        }
        catch (final NoSuchFieldException ex)
        {
            throw new IllegalStateException(benchmark.getSimpleName() + " has no @Param field '" + field + "'", ex);
        }
    }

    private static String exactly(final String benchmark)
    {
        return "^" + Pattern.quote(benchmark) + "$";
    }
}
