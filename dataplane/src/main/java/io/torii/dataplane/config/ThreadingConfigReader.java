package io.torii.dataplane.config;

import io.torii.dataplane.threading.IdleStrategyConfig;
import io.torii.dataplane.threading.ThreadingConfig;
import io.torii.dataplane.threading.ThreadingMode;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the threading keys of the {@code dataplane { }} section (see {@link DaemonConfigReader}
 * for the whole syntax):
 * <pre>
 * threading = dedicated        # dedicated (default): a thread per worker | shared: one thread for all
 * idle = backoff               # busy_spin | yield | backoff (default) | sleep | no_op
 * idle_max_spins = 100         # backoff: spins before yielding
 * idle_max_yields = 10         # backoff: yields before parking
 * idle_min_park = 1us          # backoff: the first park; parks double up to idle_max_park
 * idle_max_park = 1ms          # backoff: the longest park
 * idle_sleep = 100us           # sleep: the park after each idle cycle
 * cpus = 2,3                   # pin: one CPU per worker (dedicated) or one CPU (shared); ranges as 4-7
 * </pre>
 * Durations are a whole number then {@code ns}, {@code us}, {@code ms} or {@code s}, at most 1 s.
 */
public final class ThreadingConfigReader
{
    /** The keys this reader owns in {@code dataplane { }}. */
    public static final Set<String> KEYS = Set.of("threading", "idle", "idle_max_spins", "idle_max_yields",
        "idle_min_park", "idle_max_park", "idle_sleep", "cpus");
    private static final Set<String> BACKOFF_KEYS = Set.of("idle_max_spins", "idle_max_yields", "idle_min_park",
        "idle_max_park");
    private static final long MAX_COUNT = 1L << 30;
    private static final long MAX_PERIOD_NS = 1_000_000_000L;
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,10})(ns|us|ms|s)");

    private ThreadingConfigReader()
    {
    }

    /**
     * @param dataplane the {@code dataplane { }} section.
     * @param workers how many workers it runs, to check the CPU count against.
     * @param allowedCpus the CPUs this process may run on.
     * @return the threading configuration; {@link ThreadingConfig#DEFAULT} when no key is set.
     * @throws SettingsException naming the file, line and what was expected.
     */
    public static ThreadingConfig read(final SettingsSection dataplane, final int workers, final BitSet allowedCpus)
    {
        final ThreadingMode mode = dataplane.value("threading").filter(v -> !v.isEmpty())
            .map(ThreadingConfigReader::mode).orElse(ThreadingMode.DEDICATED);
        final IdleStrategyConfig idle = idle(dataplane);
        final Optional<SettingsValue> cpusValue = dataplane.value("cpus").filter(v -> !v.isEmpty());
        if (cpusValue.isEmpty())
        {
            return new ThreadingConfig(mode, idle, List.of(), "");
        }
        final SettingsValue value = cpusValue.get();
        final List<Integer> cpus = CpuListValue.parse(value, allowedCpus);
        if (mode == ThreadingMode.SHARED && cpus.size() != 1)
        {
            throw value.error("threading = shared runs every worker on one thread: give one CPU, found " +
                cpus.size());
        }
        if (mode == ThreadingMode.DEDICATED && cpus.size() != workers)
        {
            throw value.error("workers = " + workers + " needs one CPU per worker, found " + cpus.size());
        }
        return new ThreadingConfig(mode, idle, cpus, value.location().toString());
    }

    private static ThreadingMode mode(final SettingsValue value)
    {
        for (final ThreadingMode mode : ThreadingMode.values())
        {
            if (mode.configName().equals(value.value()))
            {
                return mode;
            }
        }
        throw value.error("expected dedicated or shared, found '" + value.value() + "'");
    }

    private static IdleStrategyConfig idle(final SettingsSection dataplane)
    {
        final IdleStrategyConfig.Kind kind = dataplane.value("idle").filter(v -> !v.isEmpty())
            .map(ThreadingConfigReader::kind).orElse(IdleStrategyConfig.Kind.BACKOFF);
        for (final SettingsValue value : dataplane.values().values())
        {
            final boolean backoffKey = BACKOFF_KEYS.contains(value.key());
            if ((backoffKey && kind != IdleStrategyConfig.Kind.BACKOFF) ||
                (value.key().equals("idle_sleep") && kind != IdleStrategyConfig.Kind.SLEEP))
            {
                throw value.error("applies to idle = " + (backoffKey ? "backoff" : "sleep") + " only, but idle = " +
                    kind.configName());
            }
        }
        return switch (kind)
        {
            case BACKOFF -> backoff(dataplane);
            case SLEEP -> IdleStrategyConfig.sleeping(
                period(dataplane, "idle_sleep", IdleStrategyConfig.DEFAULT_SLEEP_NS));
            default -> IdleStrategyConfig.of(kind);
        };
    }

    private static IdleStrategyConfig backoff(final SettingsSection dataplane)
    {
        final long spins = dataplane.value("idle_max_spins").filter(v -> !v.isEmpty())
            .map(v -> v.asUnsigned(MAX_COUNT)).orElse(IdleStrategyConfig.DEFAULT_MAX_SPINS);
        final long yields = dataplane.value("idle_max_yields").filter(v -> !v.isEmpty())
            .map(v -> v.asUnsigned(MAX_COUNT)).orElse(IdleStrategyConfig.DEFAULT_MAX_YIELDS);
        final long minPark = period(dataplane, "idle_min_park", IdleStrategyConfig.DEFAULT_MIN_PARK_NS);
        final long maxPark = period(dataplane, "idle_max_park", IdleStrategyConfig.DEFAULT_MAX_PARK_NS);
        if (minPark > maxPark)
        {
            // Blame the key the file set: with one of them at its default, that is the one to change.
            final SettingsValue culprit = dataplane.value("idle_min_park").filter(v -> !v.isEmpty())
                .orElseGet(() -> dataplane.value("idle_max_park").orElseThrow());
            throw culprit.error("idle_min_park (" + minPark + " ns) must not be above idle_max_park (" + maxPark +
                " ns)");
        }
        return IdleStrategyConfig.backoff(spins, yields, minPark, maxPark);
    }

    private static IdleStrategyConfig.Kind kind(final SettingsValue value)
    {
        for (final IdleStrategyConfig.Kind kind : IdleStrategyConfig.Kind.values())
        {
            if (kind.configName().equals(value.value()))
            {
                return kind;
            }
        }
        throw value.error("expected busy_spin, yield, backoff, sleep or no_op, found '" + value.value() + "'");
    }

    private static long period(final SettingsSection section, final String key, final long defaultNs)
    {
        final Optional<SettingsValue> value = section.value(key).filter(v -> !v.isEmpty());
        if (value.isEmpty())
        {
            return defaultNs;
        }
        final Matcher matcher = DURATION.matcher(value.get().value());
        if (!matcher.matches())
        {
            throw value.get().error("expected a duration such as 50us: a whole number then ns, us, ms or s, found '" +
                value.get().value() + "'");
        }
        final long scale = switch (matcher.group(2))
        {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        final long number = Long.parseLong(matcher.group(1));
        if (number > MAX_PERIOD_NS / scale || number == 0)
        {
            throw value.get().error("expected a duration from 1 ns to 1 s, found '" +
                value.get().value() + "'");
        }
        return number * scale;
    }
}
