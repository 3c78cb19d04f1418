package io.torii.dataplane.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The libc bindings, checked against the kernel's own account in {@code /proc}. Each pin happens
 * on a thread of its own, so that the test runner's threads keep their affinity.
 */
class CpuAffinityTest
{
    @BeforeAll
    static void linuxOnly()
    {
        assumeTrue(CpuAffinity.unavailableReason().isEmpty(), () -> CpuAffinity.unavailableReason().orElseThrow());
    }

    @Test
    void allowedCpusAgreesWithProc()
    {
        assertThat(CpuSets.format(CpuAffinity.allowedCpus()))
            .isEqualTo(ProcStatus.cpusAllowedList(CpuAffinity.currentThreadId()));
    }

    @Test
    void gettidNamesTheCallingThread()
    {
        final int mine = CpuAffinity.currentThreadId();
        final AtomicReference<Integer> other = new AtomicReference<>();
        runOnNewThread(() -> other.set(CpuAffinity.currentThreadId()));

        assertThat(mine).isPositive();
        assertThat(other.get()).isPositive().isNotEqualTo(mine);
    }

    @Test
    void pinsTheCallingThreadOnlyToEachAllowedCpu()
    {
        final BitSet allowed = CpuAffinity.allowedCpus();
        for (int cpu = allowed.nextSetBit(0); cpu >= 0; cpu = allowed.nextSetBit(cpu + 1))
        {
            final int target = cpu;
            final AtomicReference<String> proc = new AtomicReference<>();
            final AtomicReference<BitSet> readBack = new AtomicReference<>();
            runOnNewThread(() ->
            {
                CpuAffinity.pinCurrentThread(target);
                proc.set(ProcStatus.cpusAllowedList(CpuAffinity.currentThreadId()));
                readBack.set(CpuAffinity.allowedCpus());
            });

            assertThat(proc.get()).isEqualTo(String.valueOf(target));
            assertThat(readBack.get().stream().toArray()).containsExactly(target);
        }
        assertThat(CpuAffinity.allowedCpus()).as("the test thread keeps its mask").isEqualTo(allowed);
    }

    @Test
    void aCpuThisProcessMayNotUseFailsWithEinvalAndLeavesTheMask()
    {
        final BitSet allowed = CpuAffinity.allowedCpus();
        final int forbidden = allowed.nextClearBit(0);
        assumeTrue(forbidden < CpuAffinity.MAX_CPUS, "every CPU is allowed");
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicReference<BitSet> after = new AtomicReference<>();
        runOnNewThread(() ->
        {
            try
            {
                CpuAffinity.pinCurrentThread(forbidden);
            }
            catch (final IllegalStateException ex)
            {
                failure.set(ex);
            }
            after.set(CpuAffinity.allowedCpus());
        });

        assertThat(failure.get()).hasMessageContaining("sched_setaffinity to CPU " + forbidden)
            .hasMessageContaining("EINVAL");
        assertThat(after.get()).isEqualTo(allowed);
    }

    @Test
    void aCpuOutsideACpuSetIsRefusedBeforeTheCall()
    {
        assertThatThrownBy(() -> CpuAffinity.pinCurrentThread(CpuAffinity.MAX_CPUS))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuAffinity.pinCurrentThread(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsCpuListsAsTheKernelDoes()
    {
        final BitSet cpus = new BitSet();
        cpus.set(0, 4);
        cpus.set(6);
        cpus.set(8, 10);
        assertThat(CpuSets.format(cpus)).isEqualTo("0-3,6,8-9");
        assertThat(CpuSets.format(new BitSet())).isEqualTo("none");
    }

    private static void runOnNewThread(final Runnable body)
    {
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread thread = Thread.ofPlatform().name("affinity-test").start(() ->
        {
            try
            {
                body.run();
            }
            catch (final Throwable t)
            {
                thrown.set(t);
            }
        });
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        assertThat(thrown.get()).as("thrown on the pinned thread").isNull();
    }
}
