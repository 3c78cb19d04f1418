package io.torii.dataplane.config;

import static io.torii.dataplane.config.SettingsErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.threading.CpuAffinity;
import io.torii.dataplane.threading.IdleStrategyConfig;
import io.torii.dataplane.threading.ThreadingConfig;
import io.torii.dataplane.threading.ThreadingMode;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The threading keys of {@code dataplane { }}: defaults, every key, and every error at its line,
 * read against a made-up set of allowed CPUs (0-3 and 6) so that the checks do not depend on the machine.
 */
class ThreadingConfigReaderTest
{
    private static final String FILE = "threads.conf";

    private static BitSet allowed()
    {
        final BitSet cpus = new BitSet();
        cpus.set(0, 4);
        cpus.set(6);
        return cpus;
    }

    /** The settings go on lines 2 onwards, one per line, so that the n-th setting is on line n + 1. */
    private static ThreadingConfig read(final int workers, final String... settings)
    {
        final String text = "dataplane {\n" + String.join("\n", settings) + "\n}\n";
        final SettingsSection dataplane = SettingsParser.parse(text, FILE).section("dataplane").orElseThrow();
        return ThreadingConfigReader.read(dataplane, workers, allowed());
    }

    @Test
    void withNoKeysAThreadPerWorkerUnpinnedBackingOffWithAgronasUsualParameters()
    {
        final ThreadingConfig config = read(2);

        assertThat(config).isEqualTo(ThreadingConfig.DEFAULT);
        assertThat(config.mode()).isEqualTo(ThreadingMode.DEDICATED);
        assertThat(config.cpus()).isEmpty();
        assertThat(config.idle()).isEqualTo(IdleStrategyConfig.backoff(100, 10, 1_000, 1_000_000));
    }

    @Test
    void readsSharedThreadingPinnedToOneCpu()
    {
        final ThreadingConfig config = read(3, "threading = shared", "cpus = 6");

        assertThat(config.mode()).isEqualTo(ThreadingMode.SHARED);
        assertThat(config.cpus()).containsExactly(6);
        assertThat(config.cpusOrigin()).isEqualTo(FILE + ":3");
    }

    @Test
    void readsCpuNumbersAndRangesInTheOrderWritten()
    {
        assertThat(read(5, "threading = dedicated", "cpus = 6, 1-3,0").cpus()).containsExactly(6, 1, 2, 3, 0);
    }

    @Test
    void readsEveryBackoffParameterWithItsUnit()
    {
        final ThreadingConfig config = read(1, "idle = backoff", "idle_max_spins = 0x20", "idle_max_yields = 5",
            "idle_min_park = 750ns", "idle_max_park = 2ms");

        assertThat(config.idle()).isEqualTo(IdleStrategyConfig.backoff(32, 5, 750, 2_000_000));
    }

    @ParameterizedTest(name = "idle = {0}")
    @CsvSource({"busy_spin, BUSY_SPIN", "yield, YIELD", "no_op, NO_OP", "backoff, BACKOFF", "sleep, SLEEP"})
    void readsEachIdleKind(final String name, final IdleStrategyConfig.Kind kind)
    {
        assertThat(read(1, "idle = " + name).idle().kind()).isEqualTo(kind);
    }

    @Test
    void readsTheSleepPeriod()
    {
        assertThat(read(1, "idle = sleep", "idle_sleep = 1s").idle()).isEqualTo(IdleStrategyConfig.sleeping(
            1_000_000_000L));
        assertThat(read(1, "idle = sleep").idle().sleepNs()).isEqualTo(IdleStrategyConfig.DEFAULT_SLEEP_NS);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        threading = pooled        | expected dedicated or shared, found 'pooled'
        idle = spin               | expected busy_spin, yield, backoff, sleep or no_op, found 'spin'
        idle_min_park = 10        | expected a duration such as 50us
        idle_min_park = 1.5us     | expected a duration such as 50us
        idle_min_park = -1us      | expected a duration such as 50us
        idle_min_park = 0ns       | expected a duration from 1 ns to 1 s, found '0ns'
        idle_max_park = 2s        | expected a duration from 1 ns to 1 s, found '2s'
        idle_max_park = 9999999999s | expected a duration from 1 ns to 1 s
        idle_min_park = 2ms       | idle_min_park (2000000 ns) must not be above idle_max_park (1000000 ns)
        idle_max_spins = many     | expected a decimal number
        idle_max_yields = 2000000000 | is above 1073741824
        idle_sleep = 1ms          | applies to idle = sleep only, but idle = backoff
        cpus = 1-                 | expected CPU numbers and ranges such as 2,3,4-7, found '1-'
        cpus = 0,,1               | expected CPU numbers and ranges such as 2,3,4-7, found ''
        cpus = x                  | expected CPU numbers and ranges such as 2,3,4-7, found 'x'
        cpus = 3-1                | range 3-1 runs backwards; write 1-3
        cpus = 4                  | CPU 4 is not one this process may run on; allowed: 0-3,6
        cpus = 1,1                | CPU 1 is listed twice
        cpus = 0-1,1              | CPU 1 is listed twice
        cpus = 1024               | CPU 1024 is above 1023
        cpus = 0                  | workers = 2 needs one CPU per worker, found 1
        cpus = 0-2                | workers = 2 needs one CPU per worker, found 3
        """)
    void eachBadValueIsAnErrorAtItsLine(final String setting, final String message)
    {
        assertError(() -> read(2, "workers = 2", setting), FILE, 3, message);
    }

    @Test
    void backoffParametersWithAnotherIdleKindAreAnErrorAtTheirLine()
    {
        assertError(() -> read(1, "idle = busy_spin", "idle_max_spins = 10"), FILE, 3,
            "idle_max_spins: applies to idle = backoff only, but idle = busy_spin");
        assertError(() -> read(1, "idle = sleep", "idle_max_park = 1ms"), FILE, 3,
            "applies to idle = backoff only, but idle = sleep");
    }

    @Test
    void aMaximumParkBelowTheDefaultMinimumBlamesTheMaximum()
    {
        assertError(() -> read(1, "idle_max_park = 500ns"), FILE, 2, "idle_min_park (1000 ns) must not be above");
    }

    @Test
    void sharedThreadingTakesOneCpu()
    {
        assertError(() -> read(2, "threading = shared", "cpus = 0,1"), FILE, 3,
            "threading = shared runs every worker on one thread: give one CPU, found 2");
    }

    @Test
    void theDaemonReaderTakesTheThreadingKeysAndChecksCpusAgainstThisProcess()
    {
        final String good = DaemonConfigReaderTest.GOOD.replace("workers = 2",
            "workers = 1\n  threading = shared\n  idle = busy_spin");
        final DaemonConfig config = DaemonConfigReader.read(good, "torii.conf");
        assertThat(config.threading()).isEqualTo(new ThreadingConfig(ThreadingMode.SHARED,
            IdleStrategyConfig.of(IdleStrategyConfig.Kind.BUSY_SPIN), List.of(), ""));

        final int forbidden = CpuAffinity.allowedCpus().nextClearBit(0);
        assumeTrue(forbidden < CpuAffinity.MAX_CPUS, "this process may run on every CPU a cpu_set_t holds");
        assertError(() -> DaemonConfigReader.read(DaemonConfigReaderTest.GOOD.replace("workers = 2",
            "workers = 1\n  cpus = " + forbidden), "torii.conf"), "torii.conf", 3,
            "CPU " + forbidden + " is not one this process may run on");
    }
}
