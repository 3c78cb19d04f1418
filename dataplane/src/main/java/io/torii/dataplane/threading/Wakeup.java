package io.torii.dataplane.threading;

import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the thread that takes some work when another thread hands it more: that thread notes itself
 * ({@link #takenBy}), and {@link #wake} unparks it, so an idle strategy that parks it with
 * {@link LockSupport#parkNanos} returns at once instead of at the end of its back-off. An unpark of a
 * thread that is not parked only makes its next park return early: one idle loop more, never a lost wake.
 * Thread-safe.
 */
public final class Wakeup
{
    private volatile Thread taker;

    /**
     * @param thread the thread that takes the work from now on; cheap when it is the one noted already,
     *        so that a poll may call it every time.
     */
    public void takenBy(final Thread thread)
    {
        if (taker != thread)
        {
            taker = thread;
        }
    }

    /** Unparks the thread that takes the work, unless there is none yet or it is the caller itself. */
    public void wake()
    {
        final Thread thread = taker;
        if (thread != null && thread != Thread.currentThread())
        {
            LockSupport.unpark(thread);
        }
    }
}
