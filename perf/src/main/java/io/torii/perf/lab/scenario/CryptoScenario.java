package io.torii.perf.lab.scenario;

import io.torii.nativeshim.IpsecMb;
import io.torii.perf.jmh.esp.BenchEngines;
import io.torii.perf.jmh.esp.EspEncryptBenchmark;
import io.torii.perf.jmh.esp.PacketSizes;
import io.torii.perf.jmh.esp.RawGcmBenchmark;
import io.torii.perf.jmh.worker.BenchTunnels;
import io.torii.perf.lab.Figure;
import io.torii.perf.lab.Scenario;
import io.torii.perf.lab.ScenarioContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;

/**
 * ESP encryption of one tunnel-mode packet at a time by Torii's crypto engines (the figures of
 * {@code bench esp}), and ipsec-mb's AES-GCM called directly as the crypto limit, size by size, with the
 * suite the worker loop uses so the two scenarios compare.
 */
public final class CryptoScenario implements Scenario
{
    private static final List<String> QUICK_SIZES = List.of("64", "1400");
    private static final List<String> SIZES = List.of("64", "576", "1400", "imix");
    private static final String ENCRYPT = EspEncryptBenchmark.class.getName() + ".encrypt";
    private static final String RAW = RawGcmBenchmark.class.getName() + ".seal";

    @Override
    public String name()
    {
        return "crypto";
    }

    @Override
    public String description()
    {
        return "ESP encryption per engine and the C crypto limit, by packet size (JMH)";
    }

    @Override
    public Optional<String> missingPrerequisite()
    {
        return Optional.empty();
    }

    @Override
    public Duration budget(final boolean quick)
    {
        return Duration.ofSeconds(quick ? 45 : 240);
    }

    @Override
    public void run(final ScenarioContext context) throws Exception
    {
        final boolean nativeEngine = IpsecMb.isAvailable();
        if (!nativeEngine)
        {
            context.progress("ipsec-mb unavailable (%s): JDK engine only, no crypto limit", IpsecMb.status());
        }
        final List<String> engines = !nativeEngine ? List.of(BenchEngines.JDK) :
            context.quick() ? List.of(BenchEngines.IPSEC_MB) : List.of(BenchEngines.IPSEC_MB, BenchEngines.JDK);
        for (final String size : context.quick() ? QUICK_SIZES : SIZES)
        {
            final int forks = engines.size() + (nativeEngine ? 1 : 0);
            if (context.secondsLeft() < (long)forks * JmhRuns.forkSeconds(context.quick()))
            {
                context.progress("budget spent: stopping before size %s", size);
                return;
            }
            context.progress("size %s: %s%s", size, String.join(", ", engines), nativeEngine ? ", crypto limit" : "");
            final double bytes = PacketSizes.meanBytes(size);
            for (final RunResult result : JmhRuns.run(JmhRuns.options(context.quick(), ENCRYPT)
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
                .param("suite", BenchTunnels.SUITE).param("size", size)
                .param("engine", engines.toArray(String[]::new))))
            {
                record(context, Figure.TORII, result, bytes, size, result.getParams().getParam("engine"));
            }
            if (nativeEngine)
            {
                for (final RunResult result : JmhRuns.run(JmhRuns.options(context.quick(), RAW)
                    .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
                    .param("suite", BenchTunnels.SUITE).param("size", size)))
                {
                    record(context, Figure.CRYPTO_LIMIT, result, bytes, size, "ipsec-mb-raw-c");
                }
            }
        }
    }

    private static void record(final ScenarioContext context, final String system, final RunResult result,
        final double bytes, final String size, final String engine)
    {
        final double nanos = result.getPrimaryResult().getScore();
        context.record(system, "esp_encrypt_gbps", "Gbit/s", bytes * Byte.SIZE / nanos, "size", size, "engine",
            engine, "suite", BenchTunnels.SUITE);
        context.record(system, "esp_encrypt_mpps", "Mpps", 1_000.0 / nanos, "size", size, "engine", engine, "suite",
            BenchTunnels.SUITE);
    }
}
