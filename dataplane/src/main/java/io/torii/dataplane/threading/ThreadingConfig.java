package io.torii.dataplane.threading;

import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the dataplane's workers get threads: the mode, the idle strategy, and the CPUs to pin to.
 *
 * @param mode a thread per worker, or one for all.
 * @param idle what a thread does when a cycle finds no work.
 * @param cpus the CPU each thread is pinned to, in worker order (one per worker for
 *     {@link ThreadingMode#DEDICATED}, one for {@link ThreadingMode#SHARED}); empty: not pinned.
 * @param cpusOrigin where {@code cpus} was set ({@code file:line}), for errors found at start; empty when unset.
 */
public record ThreadingConfig(ThreadingMode mode, IdleStrategyConfig idle, List<Integer> cpus, String cpusOrigin)
{
    /** A thread per worker, not pinned, backing off when idle: what a daemon does by default. */
    public static final ThreadingConfig DEFAULT = new ThreadingConfig(ThreadingMode.DEDICATED,
        IdleStrategyConfig.DEFAULT, List.of(), "");

    /**
     * Copies the CPU list and checks it.
     *
     * @throws IllegalArgumentException for a missing part, a CPU outside 0 to
     *     {@link CpuAffinity#MAX_CPUS} - 1, a CPU given twice, or more than one CPU for shared threading.
     */
    public ThreadingConfig
    {
        if (mode == null || idle == null || cpus == null || cpusOrigin == null)
        {
            throw new IllegalArgumentException("mode, idle, cpus and cpusOrigin are required");
        }
        cpus = List.copyOf(cpus);
        for (final int cpu : cpus)
        {
            if (cpu < 0 || cpu >= CpuAffinity.MAX_CPUS)
            {
                throw new IllegalArgumentException("CPU " + cpu + " is outside 0-" + (CpuAffinity.MAX_CPUS - 1));
            }
        }
        if (new HashSet<>(cpus).size() != cpus.size())
        {
            throw new IllegalArgumentException("a CPU is listed twice in " + cpus);
        }
        if (mode == ThreadingMode.SHARED && cpus.size() > 1)
        {
            throw new IllegalArgumentException("shared threading runs one thread: one CPU at most, got " + cpus);
        }
    }

    /**
     * @param idleStrategy the idle strategy.
     * @return shared threading, not pinned: for tests and small machines.
     */
    public static ThreadingConfig shared(final IdleStrategyConfig idleStrategy)
    {
        return new ThreadingConfig(ThreadingMode.SHARED, idleStrategy, List.of(), "");
    }

    /** @return true when the threads are to be pinned. */
    public boolean pinned()
    {
        return !cpus.isEmpty();
    }

    /**
     * @return a line for the daemon's start-up message, e.g.
     *     {@code dedicated threads pinned to CPUs 2,3, idle busy_spin}.
     */
    public String describe()
    {
        return mode.configName() + (mode == ThreadingMode.SHARED ? " thread" : " threads") +
            (pinned() ? " pinned to CPU" + (cpus.size() == 1 ? " " : "s ") +
            cpus.stream().map(String::valueOf).collect(Collectors.joining(",")) : "") + ", idle " + idle.describe();
    }
}
