package io.torii.dataplane.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The receive path's per-packet calls allocate nothing: measured with the JVM's per-thread
 * allocation counter over many calls, so that boxing or a hidden array (16 bytes or more a call)
 * shows, while the few bytes the measurement itself may cost do not. The send path's counter is
 * checked the same way in {@code sadb.OutboundSequencingTest}.
 */
class NoAllocationTest
{
    private static final int CALLS = 1_000_000;

    @Test
    void receivePathDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ReplayWindow window = new ReplayWindow(1024, 0);
        long sink = run(window, 0, CALLS / 10);

        final long before = threads.getCurrentThreadAllocatedBytes();
        sink += run(window, CALLS / 10, CALLS);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isNotZero();
        assertThat(allocated).as("bytes allocated over %d packets", CALLS).isLessThan(CALLS / 4);
    }

    private static long run(final ReplayWindow window, final long sentBefore, final int calls)
    {
        long sink = 0;
        for (int i = 0; i < calls; i++)
        {
            final long sent = sentBefore + i + 1;
            // Late, far-ahead and in-order arrivals, so every branch of the window runs.
            final long received = (i & 7) == 0 ? sent + 5000 : (i & 7) == 1 ? sent - 700 : sent;
            final long full = EsnReconstruction.infer((int)received, window.highest(), window.size());
            sink += window.checkAndCommit(full);
        }
        return sink + window.highest();
    }
}
