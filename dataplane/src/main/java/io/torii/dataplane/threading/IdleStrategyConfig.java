package io.torii.dataplane.threading;

import java.util.Locale;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * What a worker thread does after a cycle that found no work, as {@code idle = ...} says. The
 * parameters of the kinds not chosen keep their defaults and are ignored.
 *
 * @param kind the strategy.
 * @param maxSpins for {@link Kind#BACKOFF}: cycles spent spinning before yielding.
 * @param maxYields for {@link Kind#BACKOFF}: cycles spent yielding before parking.
 * @param minParkNs for {@link Kind#BACKOFF}: the first park, in nanoseconds; parks then double.
 * @param maxParkNs for {@link Kind#BACKOFF}: the longest park, in nanoseconds.
 * @param sleepNs for {@link Kind#SLEEP}: the park after every idle cycle, in nanoseconds.
 */
public record IdleStrategyConfig(Kind kind, long maxSpins, long maxYields, long minParkNs, long maxParkNs,
    long sleepNs)
{
    /** The idle strategies the configuration can name. */
    public enum Kind
    {
        /** Spin with a CPU pause hint: lowest latency, a whole core always busy (appliances). */
        BUSY_SPIN,
        /** Yield the core to the scheduler after each idle cycle. */
        YIELD,
        /** Spin, then yield, then park for growing periods: the default, kind to shared machines. */
        BACKOFF,
        /** Park for a fixed period after each idle cycle. */
        SLEEP,
        /** Do nothing at all between cycles: for tests that measure the loop itself. */
        NO_OP;

        /** @return the name the configuration uses, e.g. {@code busy_spin}. */
        public String configName()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Spins before yielding, when {@code idle_max_spins} does not say. */
    public static final long DEFAULT_MAX_SPINS = 100;
    /** Yields before parking, when {@code idle_max_yields} does not say. */
    public static final long DEFAULT_MAX_YIELDS = 10;
    /** The first park, when {@code idle_min_park} does not say: 1 microsecond. */
    public static final long DEFAULT_MIN_PARK_NS = 1_000;
    /** The longest park, when {@code idle_max_park} does not say: 1 millisecond, a bound on wake-up latency. */
    public static final long DEFAULT_MAX_PARK_NS = 1_000_000;
    /** The sleep period, when {@code idle_sleep} does not say: 100 microseconds. */
    public static final long DEFAULT_SLEEP_NS = 100_000;
    /** Back-off with the default parameters: what a daemon uses when {@code idle} is not set. */
    public static final IdleStrategyConfig DEFAULT = backoff(DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS,
        DEFAULT_MIN_PARK_NS, DEFAULT_MAX_PARK_NS);

    /**
     * Checks the parameters.
     *
     * @throws IllegalArgumentException for a negative count or period, a zero sleep, or a minimum
     *     park above the maximum.
     */
    public IdleStrategyConfig
    {
        if (kind == null)
        {
            throw new IllegalArgumentException("kind is required");
        }
        if (maxSpins < 0 || maxYields < 0 || minParkNs < 0 || maxParkNs < 0 || sleepNs <= 0)
        {
            throw new IllegalArgumentException("idle parameters must not be negative, and the sleep must be positive");
        }
        if (minParkNs > maxParkNs)
        {
            throw new IllegalArgumentException("min park " + minParkNs + " ns is above max park " + maxParkNs + " ns");
        }
    }

    /**
     * @param maxSpins cycles spent spinning before yielding.
     * @param maxYields cycles spent yielding before parking.
     * @param minParkNs the first park, in nanoseconds.
     * @param maxParkNs the longest park, in nanoseconds.
     * @return a back-off configuration.
     */
    public static IdleStrategyConfig backoff(final long maxSpins, final long maxYields, final long minParkNs,
        final long maxParkNs)
    {
        return new IdleStrategyConfig(Kind.BACKOFF, maxSpins, maxYields, minParkNs, maxParkNs, DEFAULT_SLEEP_NS);
    }

    /**
     * @param sleepNs the park after each idle cycle, in nanoseconds.
     * @return a sleeping configuration.
     */
    public static IdleStrategyConfig sleeping(final long sleepNs)
    {
        return new IdleStrategyConfig(Kind.SLEEP, DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_MIN_PARK_NS,
            DEFAULT_MAX_PARK_NS, sleepNs);
    }

    /**
     * @param kind a kind that takes no parameters: busy spin, yield or no-op (or back-off with defaults).
     * @return that kind with default parameters.
     */
    public static IdleStrategyConfig of(final Kind kind)
    {
        return new IdleStrategyConfig(kind, DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_MIN_PARK_NS,
            DEFAULT_MAX_PARK_NS, DEFAULT_SLEEP_NS);
    }

    /**
     * Builds a new strategy; call once per thread, since back-off keeps per-thread state.
     *
     * @return the Agrona idle strategy this configuration describes.
     */
    public IdleStrategy newIdleStrategy()
    {
        return switch (kind)
        {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELD -> new YieldingIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy(maxSpins, maxYields, minParkNs, maxParkNs);
            case SLEEP -> new SleepingIdleStrategy(sleepNs);
            case NO_OP -> new NoOpIdleStrategy();
        };
    }

    /** @return the kind and the parameters that matter for it, for the daemon's start-up line. */
    public String describe()
    {
        return switch (kind)
        {
            case BACKOFF -> "backoff (max_spins " + maxSpins + ", max_yields " + maxYields + ", min_park " +
                minParkNs + " ns, max_park " + maxParkNs + " ns)";
            case SLEEP -> "sleep (" + sleepNs + " ns)";
            default -> kind.configName();
        };
    }
}
