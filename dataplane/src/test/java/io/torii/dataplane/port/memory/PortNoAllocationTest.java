package io.torii.dataplane.port.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.packet.PacketBatch;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * In steady state a pair and a faulty port over it allocate nothing per packet: measured with the
 * JVM's per-thread allocation counter over many bursts, where an object per packet would cost at
 * least 16 bytes each.
 */
class PortNoAllocationTest
{
    private static final int BURSTS = 50_000;
    private static final int BURST = 8;

    @Test
    void pairAndFaultyPortDoNotAllocatePerPacket()
    {
        final MemoryPortPair pair = new MemoryPortPair("a", "b", 64, 256);
        final FaultyPort faulty = new FaultyPort(pair.a(), 11, new FaultProfile(0.1, 0.1, 0.1, 0.1),
            FaultProfile.NONE, BURST, 256);
        final PacketBatch out = new PacketBatch(BURST, 256);
        final PacketBatch in = new PacketBatch(4 * BURST, 256);
        for (int i = 0; i < BURST; i++)
        {
            final byte[] packet = NumberedPackets.packet(i);
            out.add(packet, 0, packet.length);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long received = run(faulty, pair.b(), out, in, BURSTS / 10);

        final long before = threads.getCurrentThreadAllocatedBytes();
        received += run(faulty, pair.b(), out, in, BURSTS);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(received).isGreaterThan((long)BURSTS * BURST / 2);
        assertThat(pair.a().transmitDrops()).isZero();
        assertThat(allocated).as("bytes allocated over %d packets", BURSTS * BURST).isLessThan(BURSTS * BURST / 4);
    }

    private static long run(
        final FaultyPort faulty, final PairedMemoryPort receiver, final PacketBatch out, final PacketBatch in,
        final int bursts)
    {
        long received = 0;
        for (int i = 0; i < bursts; i++)
        {
            faulty.transmit(out);
            in.clear();
            received += receiver.receive(in);
        }
        return received;
    }
}
