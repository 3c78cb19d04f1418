package io.torii.perf.lab.scenario;

import io.torii.nativeshim.IpsecMb;
import io.torii.perf.jmh.esp.BenchEngines;
import io.torii.perf.jmh.esp.PacketSizes;
import io.torii.perf.jmh.worker.WorkerLoopBenchmark;
import io.torii.perf.lab.Figure;
import io.torii.perf.lab.Scenario;
import io.torii.perf.lab.ScenarioContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;

/**
 * The in-process dataplane loop ({@link WorkerLoopBenchmark}: workers encrypting from an in-memory port to
 * an in-memory port) by packet size × workers × SA count, outbound, with the fastest engine here: Mpps and
 * cleartext Gbit/s in total and per worker.
 */
public final class LoopScenario implements Scenario
{
    private static final String LOOP = WorkerLoopBenchmark.class.getName() + ".loop";
    private static final List<String> QUICK_SIZES = List.of("64", "1400");
    private static final List<String> SIZES = List.of("64", "576", "1400", "imix");
    private static final List<String> QUICK_SAS = List.of("1", "1000");
    private static final List<String> SAS = List.of("1", "1000", "100000");

    @Override
    public String name()
    {
        return "loop";
    }

    @Override
    public String description()
    {
        return "in-process worker loop by packet size, workers and SA count (JMH)";
    }

    @Override
    public Optional<String> missingPrerequisite()
    {
        return Optional.empty();
    }

    @Override
    public Duration budget(final boolean quick)
    {
        return Duration.ofSeconds(quick ? 80 : 360);
    }

    /**
     * @param cores the processors available.
     * @param quick whether the quick subset runs.
     * @return 1, then doublings up to the cores, then the cores themselves; 1 and 2 at most when quick.
     */
    static List<Integer> workerCounts(final int cores, final boolean quick)
    {
        final int most = quick ? Math.min(2, cores) : cores;
        final List<Integer> counts = new ArrayList<>();
        for (int count = 1; count <= most; count *= 2)
        {
            counts.add(count);
        }
        if (counts.getLast() != most)
        {
            counts.add(most);
        }
        return counts;
    }

    @Override
    public void run(final ScenarioContext context) throws Exception
    {
        final String engine = IpsecMb.isAvailable() ? BenchEngines.IPSEC_MB : BenchEngines.JDK;
        final List<String> sizes = context.quick() ? QUICK_SIZES : SIZES;
        final List<String> sas = context.quick() ? QUICK_SAS : SAS;
        for (final int workers : workerCounts(context.cores(), context.quick()))
        {
            final int forks = sizes.size() * sas.size();
            if (context.secondsLeft() < (long)forks * JmhRuns.forkSeconds(context.quick()))
            {
                context.progress("budget spent: stopping before %d workers", workers);
                return;
            }
            context.progress("%d worker(s): sizes %s × SAs %s, engine %s", workers, String.join(",", sizes),
                String.join(",", sas), engine);
            for (final RunResult result : JmhRuns.run(JmhRuns.options(context.quick(), LOOP)
                .mode(Mode.Throughput).timeUnit(TimeUnit.MICROSECONDS)
                .threads(workers)
                .param("workers", Integer.toString(workers))
                .param("tunnels", sas.toArray(String[]::new))
                .param("size", sizes.toArray(String[]::new))
                .param("engine", engine)
                .param("direction", WorkerLoopBenchmark.OUTBOUND)))
            {
                final String size = result.getParams().getParam("size");
                final String tunnels = result.getParams().getParam("tunnels");
                final double mpps = result.getPrimaryResult().getScore();
                final double gbps = mpps * PacketSizes.meanBytes(size) * Byte.SIZE / 1_000.0;
                final String[] labels = {"size", size, "workers", Integer.toString(workers), "sas", tunnels,
                    "engine", engine};
                context.record(Figure.TORII, "loop_mpps", "Mpps", mpps, labels);
                context.record(Figure.TORII, "loop_gbps", "Gbit/s", gbps, labels);
                context.record(Figure.TORII, "loop_gbps_per_worker", "Gbit/s", gbps / workers, labels);
            }
        }
    }
}
