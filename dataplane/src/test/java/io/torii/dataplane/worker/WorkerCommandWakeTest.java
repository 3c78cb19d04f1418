package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.port.memory.MemoryPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;

/**
 * A change submitted to an idle worker runs at once: the worker's idle strategy here sleeps a minute between
 * empty duty cycles, far beyond the test's bound, so a submission that did not wake it would fail the test.
 */
class WorkerCommandWakeTest
{
    private static final long BOUND_SECONDS = 10;

    @Test
    void aCommandWakesTheIdleWorkerAndRunsOnItsThread() throws InterruptedException
    {
        final PolicyTable policies = new PolicyTable();
        try (SaTable table = new SaTable(4))
        {
            final GatewayWorker worker = new GatewayWorker(0, new MemoryPort("lan"), new MemoryPort("wan"), table,
                policies, new TunnelTable(policies, table.capacity()), SaEventListener.NONE, 32, null,
                new ShardMap(1), new PacketHandoff[1], null);
            final CountDownLatch cycled = new CountDownLatch(1);
            final AgentRunner runner = new AgentRunner(new SleepingIdleStrategy(TimeUnit.MINUTES.toNanos(1)),
                Throwable::printStackTrace, null, new Agent()
                {
                    @Override
                    public void onStart()
                    {
                        worker.onStart();
                    }

                    @Override
                    public int doWork()
                    {
                        final int work = worker.doWork();
                        cycled.countDown();
                        return work;
                    }

                    @Override
                    public String roleName()
                    {
                        return worker.roleName();
                    }
                });
            AgentRunner.startOnThread(runner);
            try
            {
                // After its first duty cycle, which found nothing to do, the worker sleeps.
                assertThat(cycled.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
                final CountDownLatch ran = new CountDownLatch(1);
                final AtomicReference<String> thread = new AtomicReference<>();

                assertThat(worker.submit(w ->
                {
                    thread.set(Thread.currentThread().getName());
                    ran.countDown();
                })).isTrue();

                assertThat(ran.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(thread.get()).isEqualTo(worker.roleName());
            }
            finally
            {
                // The worker may be asleep again: interrupt it rather than wait for the minute.
                runner.close(100, Thread::interrupt);
            }
        }
    }
}
