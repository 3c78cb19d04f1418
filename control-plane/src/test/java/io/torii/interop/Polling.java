package io.torii.interop;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition that another process makes true, by asking again until a deadline. Outside
 * programs (charon, dumpcap) give no callback, so a bounded poll is the only way to wait for them without
 * guessing a fixed delay.
 */
final class Polling
{
    private static final long INTERVAL_NANOS = Duration.ofMillis(20).toNanos();

    private Polling()
    {
    }

    /**
     * @param probe reads the current state.
     * @param done whether that state is the one waited for.
     * @param timeout how long to keep asking.
     * @param <T> what the probe returns.
     * @return the last state read: the one that satisfied {@code done}, or the last before the deadline.
     */
    static <T> T until(final Supplier<T> probe, final Predicate<T> done, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        T state = probe.get();
        while (!done.test(state) && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(INTERVAL_NANOS);
            if (Thread.currentThread().isInterrupted())
            {
                throw new IllegalStateException("interrupted while waiting");
            }
            state = probe.get();
        }
        return state;
    }
}
