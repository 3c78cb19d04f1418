package io.torii.dataplane.threading;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

/**
 * Gives a set of worker agents threads as a {@link ThreadingConfig} says: an {@link AgentRunner}
 * each ({@link ThreadingMode#DEDICATED}) or one runner for a {@link CompositeAgent} of them all
 * ({@link ThreadingMode#SHARED}), each runner with its own idle strategy, pinned at start when CPUs
 * are configured.
 *
 * <p>{@link #start} returns only once every thread has started: a thread that could not be pinned
 * fails the start, so a dataplane asked to pin never runs unpinned.
 */
public final class WorkerThreads implements AutoCloseable
{
    /** The name of the one thread of {@link ThreadingMode#SHARED}. */
    public static final String SHARED_THREAD_NAME = "torii-workers";
    private static final long START_TIMEOUT_SECONDS = 30;

    private final List<AgentRunner> runners = new ArrayList<>();
    private final List<StartingAgent> agents = new ArrayList<>();

    private WorkerThreads()
    {
    }

    /**
     * Starts the workers' threads and waits until each has pinned itself and started its agents.
     *
     * @param workers the agents, in worker order; at least one.
     * @param config the mode, idle strategy and CPUs.
     * @param errors told of anything an agent throws; the agent carries on.
     * @return the running threads.
     * @throws IllegalArgumentException when the CPUs do not match the workers (one per worker, or
     *     one for shared threading).
     * @throws IllegalStateException when a thread cannot be pinned or does not start; the threads
     *     already started are stopped first.
     */
    public static WorkerThreads start(final List<? extends Agent> workers, final ThreadingConfig config,
        final ErrorHandler errors)
    {
        if (workers.isEmpty())
        {
            throw new IllegalArgumentException("no workers to start");
        }
        final boolean shared = config.mode() == ThreadingMode.SHARED;
        if (config.pinned() && config.cpus().size() != (shared ? 1 : workers.size()))
        {
            throw new IllegalArgumentException((shared ? "shared threading needs one CPU" :
                workers.size() + " workers need one CPU each") + ", got " + config.cpus());
        }
        final WorkerThreads threads = new WorkerThreads();
        final CountDownLatch started = new CountDownLatch(shared ? 1 : workers.size());
        if (shared)
        {
            threads.agents.add(new StartingAgent(new CompositeAgent(workers), SHARED_THREAD_NAME, cpu(config, 0),
                started));
        }
        else
        {
            for (int i = 0; i < workers.size(); i++)
            {
                threads.agents.add(new StartingAgent(workers.get(i), workers.get(i).roleName(), cpu(config, i),
                    started));
            }
        }
        for (final StartingAgent agent : threads.agents)
        {
            // A strategy per runner: back-off keeps per-thread state.
            final AgentRunner runner = new AgentRunner(config.idle().newIdleStrategy(), errors, null, agent);
            threads.runners.add(runner);
            AgentRunner.startOnThread(runner);
        }
        threads.awaitStart(started, config);
        return threads;
    }

    private static int cpu(final ThreadingConfig config, final int index)
    {
        return config.pinned() ? config.cpus().get(index) : StartingAgent.UNPINNED;
    }

    private void awaitStart(final CountDownLatch started, final ThreadingConfig config)
    {
        final boolean done;
        try
        {
            done = started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while the worker threads were starting", ex);
        }
        if (!done)
        {
            close();
            throw new IllegalStateException("the worker threads did not start within " + START_TIMEOUT_SECONDS + " s");
        }
        for (final StartingAgent agent : agents)
        {
            final RuntimeException failure = agent.failure();
            if (failure != null)
            {
                close();
                final String where = config.cpusOrigin().isEmpty() ? "" : " (cpus at " + config.cpusOrigin() + ")";
                throw new IllegalStateException(agent.cpu() == StartingAgent.UNPINNED ?
                    "worker thread " + agent.roleName() + " did not start: " + failure.getMessage() :
                    "cannot pin " + agent.roleName() + " to CPU " + agent.cpu() + where + ": " + failure.getMessage(),
                    failure);
            }
        }
    }

    /** @return the runner threads while they run: one per worker, or one in all for shared threading. */
    public List<Thread> threads()
    {
        final List<Thread> threads = new ArrayList<>();
        runners.forEach(runner -> threads.add(runner.thread()));
        return threads;
    }

    /** @return the kernel thread id of each runner thread, in the order of {@link #threads()}; -1 if unknown. */
    public List<Integer> threadIds()
    {
        return agents.stream().map(StartingAgent::threadId).toList();
    }

    /** Stops the threads, each after its current cycle, and waits for them. */
    @Override
    public void close()
    {
        runners.forEach(AgentRunner::close);
    }
}
