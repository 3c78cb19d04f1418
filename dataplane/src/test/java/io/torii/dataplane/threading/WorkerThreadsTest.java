package io.torii.dataplane.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agrona.ErrorHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Threads as the threading configuration says: one per worker or one for all, each pinned where
 * CPUs are given, checked against the thread names the JVM reports and the CPU lists the kernel reports.
 */
class WorkerThreadsTest
{
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final ErrorHandler errorHandler = errors::add;
    private WorkerThreads threads;

    @AfterEach
    void stop()
    {
        if (threads != null)
        {
            threads.close();
        }
    }

    private static List<RecordingAgent> agents(final int count)
    {
        final List<RecordingAgent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            agents.add(new RecordingAgent("recording-" + i));
        }
        return agents;
    }

    private static List<String> liveThreadNames()
    {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
    }

    @Test
    void sharedRunsEveryWorkerOnOneThread()
    {
        final List<RecordingAgent> agents = agents(3);

        threads = WorkerThreads.start(agents, ThreadingConfig.shared(IdleStrategyConfig.DEFAULT), errorHandler);

        assertThat(threads.threads()).hasSize(1);
        final Thread shared = threads.threads().getFirst();
        assertThat(shared.getName()).isEqualTo(WorkerThreads.SHARED_THREAD_NAME);
        for (final RecordingAgent agent : agents)
        {
            assertThat(agent.awaitWork()).as(agent.roleName() + " ran").isTrue();
            assertThat(agent.threads()).containsExactly(shared);
        }
        assertThat(liveThreadNames()).noneMatch(name -> name.startsWith("recording-"));
        assertThat(errors).isEmpty();
    }

    @Test
    void dedicatedRunsEachWorkerOnAThreadNamedForIt()
    {
        final List<RecordingAgent> agents = agents(2);

        threads = WorkerThreads.start(agents, ThreadingConfig.DEFAULT, errorHandler);

        assertThat(threads.threads()).extracting(Thread::getName).containsExactly("recording-0", "recording-1");
        for (int i = 0; i < agents.size(); i++)
        {
            assertThat(agents.get(i).awaitWork()).isTrue();
            assertThat(agents.get(i).threads()).containsExactly(threads.threads().get(i));
        }
    }

    @Test
    void dedicatedPinsEachWorkerToItsCpu()
    {
        assumeTrue(CpuAffinity.unavailableReason().isEmpty(), "no libc affinity calls here");
        final BitSet allowed = CpuAffinity.allowedCpus();
        assumeTrue(allowed.cardinality() >= 2, "needs two CPUs, this process may use " + CpuSets.format(allowed));
        final int first = allowed.nextSetBit(0);
        final int second = allowed.nextSetBit(first + 1);
        final List<RecordingAgent> agents = agents(2);

        threads = WorkerThreads.start(agents, new ThreadingConfig(ThreadingMode.DEDICATED,
            IdleStrategyConfig.DEFAULT, List.of(second, first), "test.conf:4"), errorHandler);

        assertThat(threads.threadIds()).hasSize(2).doesNotHaveDuplicates();
        assertThat(ProcStatus.cpusAllowedList(threads.threadIds().get(0))).isEqualTo(String.valueOf(second));
        assertThat(ProcStatus.cpusAllowedList(threads.threadIds().get(1))).isEqualTo(String.valueOf(first));
        assertThat(CpuAffinity.allowedCpus()).as("the starting thread is not pinned").isEqualTo(allowed);
        agents.forEach(agent -> assertThat(agent.awaitWork()).isTrue());
        assertThat(errors).isEmpty();
    }

    @Test
    void sharedPinsItsOneThread()
    {
        assumeTrue(CpuAffinity.unavailableReason().isEmpty(), "no libc affinity calls here");
        final int last = CpuAffinity.allowedCpus().length() - 1;

        threads = WorkerThreads.start(agents(2), new ThreadingConfig(ThreadingMode.SHARED,
            IdleStrategyConfig.of(IdleStrategyConfig.Kind.YIELD), List.of(last), ""), errorHandler);

        assertThat(threads.threadIds()).hasSize(1);
        assertThat(ProcStatus.cpusAllowedList(threads.threadIds().getFirst())).isEqualTo(String.valueOf(last));
    }

    @Test
    void aCpuThatCannotBeUsedFailsTheStartAndStopsTheOtherThreads()
    {
        assumeTrue(CpuAffinity.unavailableReason().isEmpty(), "no libc affinity calls here");
        final BitSet allowed = CpuAffinity.allowedCpus();
        final int forbidden = allowed.nextClearBit(0);
        assumeTrue(forbidden < CpuAffinity.MAX_CPUS, "every CPU is allowed");
        final List<RecordingAgent> agents = agents(2);

        assertThatThrownBy(() -> WorkerThreads.start(agents, new ThreadingConfig(ThreadingMode.DEDICATED,
            IdleStrategyConfig.DEFAULT, List.of(allowed.nextSetBit(0), forbidden), "test.conf:4"), errorHandler))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("cannot pin recording-1 to CPU " + forbidden + " (cpus at test.conf:4)")
            .hasMessageContaining("EINVAL");

        assertThat(agents.get(1).hasWorked()).as("never ran unpinned").isFalse();
        assertThat(agents.get(0).closed()).as("the other worker was stopped").isTrue();
        assertThat(liveThreadNames()).noneMatch(name -> name.startsWith("recording-"));
    }

    @Test
    void theCpuCountMustMatchTheThreads()
    {
        final ThreadingConfig oneCpu = new ThreadingConfig(ThreadingMode.DEDICATED, IdleStrategyConfig.DEFAULT,
            List.of(0), "");
        assertThatThrownBy(() -> WorkerThreads.start(agents(2), oneCpu, errorHandler))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 workers need one CPU each");
        assertThatThrownBy(() -> new ThreadingConfig(ThreadingMode.SHARED, IdleStrategyConfig.DEFAULT,
            List.of(0, 1), "")).isInstanceOf(IllegalArgumentException.class);
    }
}
