package io.torii.interop;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last resort against leftover daemons: every process registered here and not yet released is killed,
 * with its descendants, when the JVM exits (a test run cut short, a fixture whose close() never ran).
 */
final class ProcessGuard
{
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessGuard::killAll, "torii-interop-process-guard"));
    }

    private ProcessGuard()
    {
    }

    /**
     * @param process a process to kill if the JVM exits before {@link #release} is called for it.
     */
    static void watch(final Process process)
    {
        LIVE.add(process);
    }

    /**
     * @param process a process that has been stopped and reaped.
     */
    static void release(final Process process)
    {
        LIVE.remove(process);
    }

    /**
     * Stops a watched process: SIGTERM, then SIGKILL when it has not exited within the grace time.
     *
     * @param process the process.
     * @param grace how long it may take to exit after SIGTERM.
     * @return its exit status.
     */
    static int stop(final Process process, final java.time.Duration grace)
    {
        try
        {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted stopping pid " + process.pid(), ex);
        }
        finally
        {
            if (!process.isAlive())
            {
                release(process);
            }
        }
    }

    private static void killAll()
    {
        for (final Process process : LIVE)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
