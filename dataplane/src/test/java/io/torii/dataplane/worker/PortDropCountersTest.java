package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.port.memory.MemoryPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.spd.SecurityPolicy;
import io.torii.dataplane.status.shm.CountersFile;
import io.torii.dataplane.status.shm.CountersSnapshot;
import io.torii.dataplane.status.shm.PortSide;
import io.torii.dataplane.status.shm.WorkerCounters;
import io.torii.dataplane.testing.Packets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loss inside a worker's ports reaches the shared counters file through the worker's own duty
 * cycle: a WAN port whose device holds one packet, fed three, and a LAN port handed a packet
 * longer than the worker's slots.
 * <pre>
 *   lan (memory) --bypass policy--> worker 2 --> wan (memory, room for 1 packet)
 * </pre>
 */
class PortDropCountersTest
{
    @TempDir
    Path runDir;

    @Test
    void theWorkersDutyCyclePublishesItsPortsDrops() throws IOException
    {
        final MemoryPort lan = new MemoryPort("lan");
        final MemoryPort wan = new MemoryPort("wan", 1);
        final PolicyTable policies = new PolicyTable();
        policies.add(1, SecurityPolicy.of("10.1.0.0/16", "0.0.0.0/0", PolicyDirection.OUTBOUND, PolicyAction.BYPASS,
            1, 0));
        try (SaTable table = new SaTable(4);
            CountersFile file = CountersFile.create(runDir, WorkerCounters.countersNeeded(table.capacity()));
            WorkerCounters shared = new WorkerCounters(file.manager(), 2, table.counters(), table.capacity()))
        {
            shared.ports(lan, "memory", wan, "memory");
            final GatewayWorker worker = new GatewayWorker(2, lan, wan, table, policies,
                new TunnelTable(policies, table.capacity()), SaEventListener.NONE, 32, shared,
                new ShardMap(3), new PacketHandoff[3], null);
            for (int i = 0; i < 3; i++)
            {
                lan.inject(Packets.udp("10.1.0.5", "10.9.0.7", 100, i));
            }
            lan.inject(new byte[70_000]);

            worker.doWork();

            assertThat(wan.drain()).as("the device took one").hasSize(1);
            try (CountersFile reader = CountersFile.openReadOnly(runDir))
            {
                assertThat(CountersSnapshot.read(reader).ports()).containsExactly(
                    new CountersSnapshot.Port(2, PortSide.LAN, "memory", 0, 1),
                    new CountersSnapshot.Port(2, PortSide.WAN, "memory", 2, 0));
            }
        }
    }
}
