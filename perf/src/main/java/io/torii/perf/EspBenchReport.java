package io.torii.perf;

import io.torii.dataplane.crypto.CryptoEngines;
import io.torii.dataplane.crypto.Proposal;
import io.torii.dataplane.crypto.ipsecmb.IpsecMbCryptoEngine;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.nativeshim.IpsecMb;
import io.torii.perf.jmh.esp.BatchRefillBenchmark;
import io.torii.perf.jmh.esp.BenchJvm;
import io.torii.perf.jmh.esp.EspDecryptBenchmark;
import io.torii.perf.jmh.esp.EspEncryptBenchmark;
import io.torii.perf.jmh.esp.PacketSizes;
import io.torii.perf.jmh.esp.RawGcmBenchmark;
import io.torii.perf.report.CLimitRatios;
import io.torii.perf.report.EspRow;
import io.torii.perf.report.EspTable;
import io.torii.perf.report.EspTargets;
import io.torii.perf.report.ReportArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
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
 * Runs the ESP benchmarks through JMH's Runner API, with the GC profiler, and prints per suite, size,
 * engine and direction the time per packet, Mpps, cleartext Gbit/s, bytes allocated per packet and, for
 * AES-GCM encryption, the share of the C limit reached; then the native engine's targets
 * ({@link EspTargets}) and the wall time. With {@code --json FILE} it also writes the rows as JSON lines.
 * Forked JVMs get Agrona's bounds checks off and the {@code torii} launcher's flags.
 *
 * <p>The C limit ({@link RawGcmBenchmark}, engine {@value EspRow#RAW_C_ENGINE}) runs when ipsec-mb is
 * among the engines, encryption among the directions and an AES-GCM suite among the suites. It is a
 * second JMH run because its benchmark takes only the AES-GCM suites.
 *
 * <p>Run from the repository root after a build:
 * {@code ./torii bench esp --quick --sizes 64,imix}, which runs
 * {@code java -cp perf/target/benchmarks.jar io.torii.perf.EspBenchReport} with the launcher's flags.
 * {@code --help} lists the options. The numbers are for one thread on the machine at hand; compare runs
 * only from the same machine.
 */
public final class EspBenchReport
{
    private static final String SCENARIO = "esp-tunnel-ipv4";
    private static final String RAW_SCENARIO = "raw-gcm";
    private static final String REFILL_SCENARIO = "batch-refill";
    private static final String NO_ENGINE = "none";
    private static final String NO_SUITE = "-";
    private static final String GC_ALLOC_NORM = "gc.alloc.rate.norm";
    private static final String ENCRYPT = benchmark(EspEncryptBenchmark.class, "encrypt");
    private static final String DECRYPT = benchmark(EspDecryptBenchmark.class, "decrypt");
    private static final String RAW = benchmark(RawGcmBenchmark.class, "seal");
    private static final String REFILL = benchmark(BatchRefillBenchmark.class, "refill");
    /**
     * Three 1-second warm-ups: two left JDK decryption still speeding up in the measured iterations on a
     * 2-core machine. Half-second measured iterations keep the default quick matrix (24 forks) near two
     * minutes there.
     */
    private static final int QUICK_WARMUPS = 3;
    private static final TimeValue QUICK_WARMUP_TIME = TimeValue.seconds(1);
    private static final int QUICK_ITERATIONS = 3;
    private static final TimeValue QUICK_ITERATION_TIME = TimeValue.milliseconds(500);
    private static final List<String> QUICK_SUITES = List.of(EspTargets.SUITE);

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
        final long started = System.nanoTime();
        final ReportArgs options;
        final List<String> suites;
        final List<String> sizes;
        final List<String> engines;
        try
        {
            options = ReportArgs.parse(args);
            suites = !options.suites().isEmpty() ? options.suites() :
                options.quick() ? QUICK_SUITES : declared(EspEncryptBenchmark.class, "suite");
            sizes = options.sizes().isEmpty() ? declared(EspEncryptBenchmark.class, "size") : options.sizes();
            // Fail here, in one line, rather than in every forked JVM.
            suites.forEach(suite -> Proposal.parse(suite, false));
            sizes.forEach(PacketSizes::meanBytes);
            engines = engines(options.engines());
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

        final List<RunResult> results = new ArrayList<>(new Runner(espOptions(options, suites, sizes, engines)
            .build()).run());
        final List<String> rawSuites = rawSuites(options, suites, engines);
        if (!rawSuites.isEmpty())
        {
            results.addAll(new Runner(common(options)
                .include(exactly(RAW))
                .param("suite", rawSuites.toArray(String[]::new))
                .param("size", sizes.toArray(String[]::new))
                .build()).run());
        }
        final List<EspRow> sorted = rows(results);
        sorted.sort(order(suites, sizes, engines));
        final List<EspRow> rows = CLimitRatios.apply(sorted);
        System.out.println();
        System.out.print(EspTable.format(rows));
        if (suites.contains(EspTargets.SUITE))
        {
            System.out.println();
            System.out.print(EspTargets.format(rows));
        }
        if (options.json().isPresent())
        {
            Files.write(options.json().get(), rows.stream().map(EspRow::toJsonLine).toList());
            System.out.println("wrote " + rows.size() + " JSON lines to " + options.json().get());
        }
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf(Locale.ROOT, "total wall time: %d min %02d s%n", seconds / 60, seconds % 60);
    }

    /** @return the engines asked for, by their canonical names; by default the JDK and ipsec-mb if it runs. */
    private static List<String> engines(final List<String> requested)
    {
        if (requested.isEmpty())
        {
            return IpsecMb.isAvailable() ? List.of(JdkCryptoEngine.NAME, IpsecMbCryptoEngine.NAME) :
                List.of(JdkCryptoEngine.NAME);
        }
        final List<String> engines = new ArrayList<>();
        for (final String engine : requested)
        {
            // Throws, naming the engines there are, for an unknown one or one that cannot run here.
            final String name = CryptoEngines.selector().select(engine).provider().name();
            if (!engines.contains(name))
            {
                engines.add(name);
            }
        }
        return List.copyOf(engines);
    }

    /** @return the AES-GCM suites to measure the C limit for; none unless ipsec-mb encrypts. */
    private static List<String> rawSuites(final ReportArgs options, final List<String> suites,
        final List<String> engines)
    {
        if (!engines.contains(IpsecMbCryptoEngine.NAME) || !options.directions().contains(EspRow.ENCRYPT))
        {
            return List.of();
        }
        final List<String> gcm = declared(RawGcmBenchmark.class, "suite");
        return suites.stream().filter(gcm::contains).toList();
    }

    private static ChainedOptionsBuilder espOptions(final ReportArgs options, final List<String> suites,
        final List<String> sizes, final List<String> engines)
    {
        final ChainedOptionsBuilder builder = common(options)
            .param("suite", suites.toArray(String[]::new))
            .param("size", sizes.toArray(String[]::new))
            .param("engine", engines.toArray(String[]::new));
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
        return builder;
    }

    /** @return what every run shares: time per operation, the GC profiler, the JVM flags, quick timings. */
    private static ChainedOptionsBuilder common(final ReportArgs options)
    {
        final ChainedOptionsBuilder builder = new OptionsBuilder()
            .mode(Mode.AverageTime)
            .timeUnit(TimeUnit.NANOSECONDS)
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
            final String benchmark = params.getBenchmark();
            final boolean refill = benchmark.equals(REFILL);
            final boolean raw = benchmark.equals(RAW);
            rows.add(new EspRow(
                refill ? REFILL_SCENARIO : raw ? RAW_SCENARIO : SCENARIO,
                refill ? NO_SUITE : params.getParam("suite"),
                size,
                PacketSizes.meanBytes(size),
                refill ? NO_ENGINE : raw ? EspRow.RAW_C_ENGINE : params.getParam("engine"),
                direction(benchmark),
                time.getScore(),
                time.getScoreError(),
                alloc == null ? Double.NaN : alloc.getScore()));
        }
        return rows;
    }

    private static String direction(final String benchmark)
    {
        if (benchmark.equals(ENCRYPT) || benchmark.equals(RAW))
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

    /**
     * Refill baselines last; otherwise in the order the suites, sizes and engines were given, encrypt
     * first, each C limit right after the encrypt rows it is compared with.
     */
    private static Comparator<EspRow> order(final List<String> suites, final List<String> sizes,
        final List<String> engines)
    {
        final List<String> directions = List.of(EspRow.ENCRYPT, EspRow.DECRYPT, EspRow.REFILL);
        return Comparator.comparing(EspRow::isRefill)
            .thenComparingInt((EspRow row) -> suites.indexOf(row.suite()))
            .thenComparingInt(row -> sizes.indexOf(row.size()))
            .thenComparingInt(row -> directions.indexOf(row.direction()))
            .thenComparing(EspRow::isRawC)
            .thenComparingInt(row -> engines.indexOf(row.engine()));
    }

    /** @return the values of a benchmark's {@code @Param} field of that name: the default matrix. */
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

    private static String benchmark(final Class<?> type, final String method)
    {
        return type.getName() + "." + method;
    }

    private static String exactly(final String benchmark)
    {
        return "^" + Pattern.quote(benchmark) + "$";
    }
}
