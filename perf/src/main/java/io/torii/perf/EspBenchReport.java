package io.torii.perf;

import io.torii.dataplane.crypto.Proposal;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.perf.jmh.esp.BatchRefillBenchmark;
import io.torii.perf.jmh.esp.BenchJvm;
import io.torii.perf.jmh.esp.EspDecryptBenchmark;
import io.torii.perf.jmh.esp.EspEncryptBenchmark;
import io.torii.perf.jmh.esp.PacketSizes;
import io.torii.perf.report.EspRow;
import io.torii.perf.report.EspTable;
import io.torii.perf.report.ReportArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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
 * Runs the ESP benchmarks through JMH's Runner API, with the GC profiler, and prints per suite, size and
 * direction the time per packet, Mpps, cleartext Gbit/s and bytes allocated per packet; with
 * {@code --json FILE} it also writes the results as JSON lines. Forked JVMs get Agrona's bounds checks off
 * and the {@code torii} launcher's flags.
 *
 * <p>Run from the repository root after a build:
 * {@code java -cp perf/target/benchmarks.jar io.torii.perf.EspBenchReport --quick --sizes 64,imix}.
 * {@code --help} lists the options. The numbers are for one thread on the machine at hand; compare runs
 * only from the same machine.
 */
public final class EspBenchReport
{
    private static final String SCENARIO = "esp-tunnel-ipv4";
    private static final String REFILL_SCENARIO = "batch-refill";
    private static final String NO_ENGINE = "none";
    private static final String NO_SUITE = "-";
    private static final String GC_ALLOC_NORM = "gc.alloc.rate.norm";
    private static final String ENCRYPT = benchmark(EspEncryptBenchmark.class, "encrypt");
    private static final String DECRYPT = benchmark(EspDecryptBenchmark.class, "decrypt");
    private static final String REFILL = benchmark(BatchRefillBenchmark.class, "refill");
    /** Two 1-second warm-ups left decryption still speeding up in the measured iterations on a 2-core machine. */
    private static final int QUICK_WARMUPS = 3;
    private static final int QUICK_ITERATIONS = 3;

    private EspBenchReport()
    {
    }

    /**
     * @param args see {@link ReportArgs#USAGE}.
     * @throws RunnerException when a benchmark fails.
     * @throws IOException when the JSON file cannot be written.
     */
    public static void main(final String[] args) throws RunnerException, IOException
    {
        final ReportArgs options;
        final List<String> suites;
        final List<String> sizes;
        try
        {
            options = ReportArgs.parse(args);
            suites = options.suites().isEmpty() ? declared("suite") : options.suites();
            sizes = options.sizes().isEmpty() ? declared("size") : options.sizes();
            // Fail here, in one line, rather than in every forked JVM.
            suites.forEach(suite -> Proposal.parse(suite, false));
            sizes.forEach(PacketSizes::meanBytes);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        if (options.help())
        {
            System.out.print(ReportArgs.USAGE);
            return;
        }

        final Collection<RunResult> results = new Runner(jmhOptions(options, suites, sizes).build()).run();
        final List<EspRow> rows = rows(results);
        rows.sort(order(suites, sizes));
        System.out.println();
        System.out.print(EspTable.format(rows));
        if (options.json().isPresent())
        {
            Files.write(options.json().get(), rows.stream().map(EspRow::toJsonLine).toList());
            System.out.println("wrote " + rows.size() + " JSON lines to " + options.json().get());
        }
    }

    private static ChainedOptionsBuilder jmhOptions(final ReportArgs options, final List<String> suites,
        final List<String> sizes)
    {
        final ChainedOptionsBuilder builder = new OptionsBuilder()
            .mode(Mode.AverageTime)
            .timeUnit(TimeUnit.NANOSECONDS)
            .addProfiler(GCProfiler.class)
            .jvmArgsPrepend(BenchJvm.DISABLE_BOUNDS_CHECKS)
            .jvmArgsAppend(BenchJvm.launcherFlags().toArray(String[]::new))
            .param("suite", suites.toArray(String[]::new))
            .param("size", sizes.toArray(String[]::new))
            .shouldFailOnError(true);
        if (options.directions().contains(EspRow.ENCRYPT))
        {
            builder.include(exactly(ENCRYPT));
        }
        if (options.directions().contains(EspRow.DECRYPT))
        {
            builder.include(exactly(DECRYPT));
        }
        if (options.refill())
        {
            builder.include(exactly(REFILL));
        }
        if (options.quick())
        {
            builder.forks(1)
                .warmupIterations(QUICK_WARMUPS)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(QUICK_ITERATIONS)
                .measurementTime(TimeValue.seconds(1));
        }
        return builder;
    }

    private static List<EspRow> rows(final Collection<RunResult> results)
    {
        final List<EspRow> rows = new ArrayList<>();
        for (final RunResult result : results)
        {
            final BenchmarkParams params = result.getParams();
            final Result<?> time = result.getPrimaryResult();
            if (!"ns/op".equals(time.getScoreUnit()))
            {
                throw new IllegalStateException(params.getBenchmark() + " scored in " + time.getScoreUnit() +
                    ", expected ns/op");
            }
            final Result<?> alloc = result.getSecondaryResults().get(GC_ALLOC_NORM);
            final String size = params.getParam("size");
            final String direction = direction(params.getBenchmark());
            final boolean refill = EspRow.REFILL.equals(direction);
            rows.add(new EspRow(
                refill ? REFILL_SCENARIO : SCENARIO,
                refill ? NO_SUITE : params.getParam("suite"),
                size,
                PacketSizes.meanBytes(size),
                refill ? NO_ENGINE : JdkCryptoEngine.NAME,
                direction,
                time.getScore(),
                time.getScoreError(),
                alloc == null ? Double.NaN : alloc.getScore()));
        }
        return rows;
    }

    private static String direction(final String benchmark)
    {
        if (benchmark.equals(ENCRYPT))
        {
            return EspRow.ENCRYPT;
        }
        if (benchmark.equals(DECRYPT))
        {
            return EspRow.DECRYPT;
        }
        if (benchmark.equals(REFILL))
        {
            return EspRow.REFILL;
        }
        throw new IllegalStateException("unexpected benchmark " + benchmark);
    }

    /** Refill baselines last; otherwise in the order the suites and sizes were given, encrypt first. */
    private static Comparator<EspRow> order(final List<String> suites, final List<String> sizes)
    {
        final List<String> directions = List.of(EspRow.ENCRYPT, EspRow.DECRYPT, EspRow.REFILL);
        return Comparator.comparing(EspRow::isRefill)
            .thenComparingInt((EspRow row) -> suites.indexOf(row.suite()))
            .thenComparingInt(row -> sizes.indexOf(row.size()))
            .thenComparingInt(row -> directions.indexOf(row.direction()));
    }

    /** @return the values of the ESP benchmarks' {@code @Param} field of that name: the default matrix. */
    private static List<String> declared(final String field)
    {
        try
        {
            return List.of(EspEncryptBenchmark.class.getField(field).getAnnotation(Param.class).value());
        }
        catch (final NoSuchFieldException ex)
        {
            throw new IllegalStateException("EspEncryptBenchmark has no @Param field '" + field + "'", ex);
        }
    }

    private static String benchmark(final Class<?> type, final String method)
    {
        return type.getName() + "." + method;
    }

    private static String exactly(final String benchmark)
    {
        return "^" + Pattern.quote(benchmark) + "$";
    }
}
