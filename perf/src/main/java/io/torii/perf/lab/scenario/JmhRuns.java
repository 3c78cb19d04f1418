package io.torii.perf.lab.scenario;

import io.torii.perf.jmh.esp.BenchJvm;
import java.util.Collection;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * JMH runs as the lab makes them: one fork with Agrona's bounds checks off and the launcher's flags, short
 * iterations, and JMH's own output silenced so the lab's progress lines stay readable.
 */
final class JmhRuns
{
    /** Seconds one fork takes with the quick timings, JVM start included: for budgeting. */
    static final int QUICK_FORK_SECONDS = 6;
    /** Seconds one fork takes with the full timings. */
    static final int FULL_FORK_SECONDS = 10;

    /** Lets JMH use sun.misc.Unsafe without the JDK's warning. */
    static final String ALLOW_UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    private JmhRuns()
    {
    }

    /**
     * @param quick whether to use the quick timings (2 × 1 s warm-up, 3 × 0.5 s measured).
     * @param benchmark the benchmark method's full name, matched exactly.
     * @return options to add parameters to.
     */
    static ChainedOptionsBuilder options(final boolean quick, final String benchmark)
    {
        return new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark) + "$")
            .jvmArgsPrepend(BenchJvm.DISABLE_BOUNDS_CHECKS)
            .jvmArgsAppend(BenchJvm.launcherFlags().toArray(String[]::new))
            // JMH's own code still reads fields through sun.misc.Unsafe; JDK 25 would warn in every fork.
            .jvmArgsAppend(ALLOW_UNSAFE)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .forks(1)
            .warmupIterations(quick ? 2 : 3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1));
    }

    /**
     * @param options the run's options.
     * @return its results.
     * @throws RunnerException when a benchmark fails.
     */
    static Collection<RunResult> run(final ChainedOptionsBuilder options) throws RunnerException
    {
        return new Runner(options.build()).run();
    }

    /** @return seconds one fork takes, for checking a budget. */
    static int forkSeconds(final boolean quick)
    {
        return quick ? QUICK_FORK_SECONDS : FULL_FORK_SECONDS;
    }
}
