package io.torii.dataplane.status.shm;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker calls per packet and per duty cycle allocates nothing: measured with the JVM's
 * per-thread allocation counter over many calls, so that boxing or a hidden array (16 bytes or
 * more a call) shows, while the few bytes the measurement itself may cost do not.
 */
class WorkerCountersNoAllocationTest
{
    private static final int CALLS = 200_000;
    private static final int SLOTS = 8;
    private static final Disposition[] DISPOSITIONS = Disposition.values();

    @Test
    void hotPathCallsDoNotAllocate(@TempDir final Path runDir) throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final DispositionCounters source = new DispositionCounters(SLOTS);
        final PacketBatch batch = new PacketBatch(4, 2048);
        final int[] slots = {0, 1, 1, -1};
        for (int i = 0; i < slots.length; i++)
        {
            batch.add(new byte[100 + i], 0, 100 + i);
        }
        try (CountersFile file = CountersFile.create(runDir, WorkerCounters.countersNeeded(SLOTS));
            WorkerCounters worker = new WorkerCounters(file.manager(), 0, source, SLOTS, 3))
        {
            for (int slot = 0; slot < SLOTS; slot++)
            {
                worker.saInstalled(slot, "sa" + slot, 0x1000 + slot, IpsecProtocol.ESP, Direction.OUTBOUND);
            }
            run(worker, source, batch, slots, CALLS / 10);

            final long before = threads.getCurrentThreadAllocatedBytes();
            run(worker, source, batch, slots, CALLS);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            worker.publishAll();
            final long total = CountersSnapshot.read(file).workers().getFirst().counts()[0];
            assertThat(total).as("the calls did count").isGreaterThan(CALLS);
            assertThat(allocated).as("bytes allocated over %d calls", CALLS).isLessThan(CALLS / 4);
        }
    }

    @Test
    void publishingPortDropsDoesNotAllocate(@TempDir final Path runDir) throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final DropCountsPort lan = new DropCountsPort("lan");
        final DropCountsPort wan = new DropCountsPort("wan");
        try (CountersFile file = CountersFile.create(runDir, WorkerCounters.countersNeeded(SLOTS));
            WorkerCounters worker = new WorkerCounters(file.manager(), 0, new DispositionCounters(SLOTS), SLOTS))
        {
            worker.ports(lan, "memory", wan, "memory");
            publishPorts(worker, lan, wan, 0, CALLS / 10);

            final long before = threads.getCurrentThreadAllocatedBytes();
            publishPorts(worker, lan, wan, CALLS / 10, CALLS);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            final CountersSnapshot.Port published = CountersSnapshot.read(file).ports().getLast();
            assertThat(published.transmitDropped()).as("the calls did publish").isEqualTo(CALLS - 1);
            assertThat(published.receiveDropped()).isEqualTo((CALLS - 1) / 2);
            assertThat(allocated).as("bytes allocated over %d calls", CALLS).isLessThan(CALLS / 4);
        }
    }

    private static void publishPorts(
        final WorkerCounters worker, final DropCountsPort lan, final DropCountsPort wan, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            lan.drops(i / 3, i / 5);
            wan.drops(i, i / 2);
            worker.publish();
        }
    }

    private static void run(
        final WorkerCounters worker,
        final DispositionCounters source,
        final PacketBatch batch,
        final int[] slots,
        final int calls)
    {
        for (int i = 0; i < calls; i++)
        {
            final int slot = i & (SLOTS - 1);
            final Disposition disposition = DISPOSITIONS[i % DISPOSITIONS.length];
            source.increment(slot, disposition);
            worker.count(slot, disposition, 64 + slot);
            worker.count(Disposition.NOT_IPSEC);
            worker.addSaBytes(slot, 10);
            worker.total(Disposition.OK).incrementRelease();
            if ((i & 15) == 0)
            {
                worker.addOkBytes(batch, slots);
                worker.addOkBytes(batch, 1);
                worker.publish();
            }
        }
    }
}
