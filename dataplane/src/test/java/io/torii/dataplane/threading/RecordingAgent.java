package io.torii.dataplane.threading;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.Agent;

/**
 * An agent that notes the threads it runs on and whether it ran and closed.
 */
final class RecordingAgent implements Agent
{
    private final String roleName;
    private final CountDownLatch worked = new CountDownLatch(1);
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RecordingAgent(final String roleName)
    {
        this.roleName = roleName;
    }

    @Override
    public int doWork()
    {
        threads.add(Thread.currentThread());
        worked.countDown();
        return 0;
    }

    @Override
    public void onClose()
    {
        closed = true;
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    /** @return true once a cycle ran, waiting up to ten seconds for it. */
    boolean awaitWork()
    {
        try
        {
            return worked.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return true if a cycle has run. */
    boolean hasWorked()
    {
        return worked.getCount() == 0;
    }

    /** @return the threads its cycles ran on. */
    Set<Thread> threads()
    {
        return threads;
    }

    /** @return true once its runner closed it. */
    boolean closed()
    {
        return closed;
    }
}
