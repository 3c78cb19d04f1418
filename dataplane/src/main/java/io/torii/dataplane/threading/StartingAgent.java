package io.torii.dataplane.threading;

import java.util.concurrent.CountDownLatch;
import org.agrona.concurrent.Agent;

/**
 * Wraps the agent a runner thread runs: at start it pins the thread (when a CPU is given), records
 * the thread's kernel id, starts the wrapped agent, and counts down a latch, so that whoever started
 * the threads can wait for them and learn whether each one started where it was asked to.
 */
final class StartingAgent implements Agent
{
    /** No CPU: the thread is not pinned. */
    static final int UNPINNED = -1;

    private final Agent delegate;
    private final String roleName;
    private final int cpu;
    private final CountDownLatch started;
    private volatile RuntimeException failure;
    private volatile int threadId = -1;

    /**
     * @param delegate the agent to run.
     * @param roleName the thread's name.
     * @param cpu the CPU to pin to, or {@link #UNPINNED}.
     * @param started counted down once the start is over, whether it worked or not.
     */
    StartingAgent(final Agent delegate, final String roleName, final int cpu, final CountDownLatch started)
    {
        this.delegate = delegate;
        this.roleName = roleName;
        this.cpu = cpu;
        this.started = started;
    }

    @Override
    public void onStart()
    {
        try
        {
            if (cpu != UNPINNED)
            {
                CpuAffinity.pinCurrentThread(cpu);
            }
            if (CpuAffinity.unavailableReason().isEmpty())
            {
                threadId = CpuAffinity.currentThreadId();
            }
            delegate.onStart();
        }
        catch (final RuntimeException ex)
        {
            // Rethrown too, so that the runner never enters its work loop on an unpinned thread.
            failure = ex;
            throw ex;
        }
        finally
        {
            started.countDown();
        }
    }

    @Override
    public int doWork() throws Exception
    {
        return delegate.doWork();
    }

    @Override
    public void onClose()
    {
        delegate.onClose();
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    /** @return the CPU asked for, or {@link #UNPINNED}. */
    int cpu()
    {
        return cpu;
    }

    /** @return what went wrong at start, or null; read after the latch opened. */
    RuntimeException failure()
    {
        return failure;
    }

    /** @return the thread's kernel id, or -1 before start or where libc cannot be called. */
    int threadId()
    {
        return threadId;
    }
}
