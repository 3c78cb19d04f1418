package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.handoff.ControlAdapter;
import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.RingDataplaneControl;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.memory.MemoryPortPair;
import io.torii.dataplane.port.memory.PairedMemoryPort;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.testing.Packets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.BufferUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The outbound SA of a tunnel is swapped while the worker, on its own thread, encrypts a stream
 * fed from another thread, and the swap is requested from a third (the control agent's): every
 * packet leaves exactly once, the old SA's sequence numbers run 1..k without a gap, the new SA's
 * 1..n-k, and no packet of the old SA follows one of the new.
 */
class ConcurrentSwapStressTest
{
    private static final int PACKETS = 20_000;
    private static final int TUNNEL = 1;

    private static SaConfig sa(final int spi, final int key)
    {
        final byte[] keyBytes = new byte[EncryptionAlgorithm.AES_GCM_16_128.keyMaterialLength()];
        java.util.Arrays.fill(keyBytes, (byte)key);
        return new SaConfig("sa-" + spi, spi, Packets.address("192.0.2.1"), Packets.address("192.0.2.2"),
            IpsecProtocol.ESP, IpsecMode.TUNNEL, false, 4500, 4500, EncryptionAlgorithm.AES_GCM_16_128,
            IntegrityAlgorithm.NONE, keyBytes, new byte[0], true, 0, 64, 0);
    }

    @Test
    void swappingTheOutboundSaUnderLoadLosesAndReordersNothing() throws Exception
    {
        final MemoryPortPair lan = new MemoryPortPair(4096);
        final MemoryPortPair wan = new MemoryPortPair(4096);
        final SaTable table = new SaTable(8);
        final PolicyTable policies = new PolicyTable();
        final GatewayWorker worker = new GatewayWorker(0, lan.a(), wan.a(), table, policies,
            new TunnelTable(policies, 8), SaEventListener.NONE, 32);
        worker.engine(new JdkCryptoEngine());
        final ManyToOneRingBuffer controlRing = ring();
        final RingDataplaneControl control = new RingDataplaneControl(controlRing);
        final ManyToOneRingBuffer eventsRing = ring();
        final ControlAdapter adapter = new ControlAdapter(controlRing, new WorkerProgrammer(List.of(worker),
            new ShardMap(1), new EventsProxy(eventsRing), 1500));
        final int[] completed = new int[1];
        control.addPolicy(1, 1, "10.0.0.0/8", "172.16.0.0/12", PolicyDirection.OUTBOUND, PolicyAction.PROTECT, 1, TUNNEL);
        control.addSa(2, sa(0x1000, 1), Direction.OUTBOUND, TUNNEL, SaLifetimes.NONE);

        final List<int[]> wire = new ArrayList<>();
        try (AgentRunner workerRunner = new AgentRunner(new YieldingIdleStrategy(), Throwable::printStackTrace, null,
                worker);
            AgentRunner controlRunner = new AgentRunner(new YieldingIdleStrategy(), Throwable::printStackTrace, null,
                agent("control", () -> adapter.poll(16))))
        {
            AgentRunner.startOnThread(workerRunner);
            AgentRunner.startOnThread(controlRunner);
            // Traffic starts once the policy and the first SA are in: the answers come back on the events ring.
            final long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (completed[0] < 2 && System.nanoTime() < ready)
            {
                eventsRing.read((type, buffer, offset, length) -> completed[0]++, 8);
                Thread.onSpinWait();
            }
            assertThat(completed[0]).as("policy and SA installed").isEqualTo(2);
            final PacketBatch out = new PacketBatch(16, 256);
            final PacketBatch in = new PacketBatch(64, 512);
            final PairedMemoryPort feed = lan.b();
            final PairedMemoryPort tap = wan.b();
            int sent = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean added = false;
            boolean switchRequested = false;
            while ((sent < PACKETS || wire.size() < PACKETS) && System.nanoTime() < deadline)
            {
                eventsRing.read((type, buffer, offset, length) -> completed[0]++, 8);
                // The last quarter waits for the switch's answer, so the swap surely lands mid-stream.
                // In flight stays below half the WAN queue, so a slow reader here cannot make the worker drop.
                final boolean mayFeed = (sent < 3 * PACKETS / 4 || completed[0] >= 4) && sent - wire.size() < 2048;
                if (sent < PACKETS && mayFeed && feed.transmitRoom() >= out.capacity())
                {
                    out.clear();
                    for (int i = 0; i < out.capacity() && sent < PACKETS; i++, sent++)
                    {
                        final byte[] packet = Packets.udp("10.1.0.1", "172.16.0.1", 8, sent);
                        out.add(packet, 0, packet.length);
                    }
                    feed.transmit(out);
                    if (!added && sent >= PACKETS / 4)
                    {
                        added = control.addSa(3, sa(0x2000, 2), Direction.OUTBOUND, TUNNEL, SaLifetimes.NONE);
                    }
                    if (!switchRequested && sent >= PACKETS / 2)
                    {
                        switchRequested = control.switchOutbound(4, TUNNEL, 0x2000, IpsecProtocol.ESP);
                    }
                }
                in.clear();
                tap.receive(in);
                for (int i = 0; i < in.size(); i++)
                {
                    final UnsafeBuffer bytes = in.buffer(i);
                    final int esp = in.offset(i) + 20;
                    wire.add(new int[] {bytes.getInt(esp, java.nio.ByteOrder.BIG_ENDIAN),
                        bytes.getInt(esp + 4, java.nio.ByteOrder.BIG_ENDIAN)});
                }
            }
        }
        finally
        {
            table.close();
        }

        assertThat(lan.a().receiveDrops() + wan.a().transmitDrops()).as("no port overflowed").isZero();
        assertThat(table.counters().total(io.torii.dataplane.status.Disposition.OK)).isEqualTo(PACKETS);
        assertThat(wire).as("every packet left exactly once").hasSize(PACKETS);
        int expectedOld = 1;
        int expectedNew = 1;
        boolean switched = false;
        for (final int[] packet : wire)
        {
            if (packet[0] == 0x1000)
            {
                assertThat(switched).as("no old-SA packet after the switch").isFalse();
                assertThat(packet[1]).isEqualTo(expectedOld++);
            }
            else
            {
                assertThat(packet[0]).isEqualTo(0x2000);
                switched = true;
                assertThat(packet[1]).isEqualTo(expectedNew++);
            }
        }
        assertThat(switched).isTrue();
        assertThat(completed[0]).as("policy, two SAs and the switch answered").isEqualTo(4);
        // The switch lands wherever the worker is in its backlog; the last quarter was sent after its answer.
        assertThat(expectedOld - 1).as("the old SA carried the first part").isPositive();
        assertThat(expectedNew - 1).as("the new SA carried at least the last quarter").isGreaterThanOrEqualTo(PACKETS / 4);
    }

    private static Agent agent(final String name, final java.util.function.IntSupplier work)
    {
        return new Agent()
        {
            @Override
            public int doWork()
            {
                return work.getAsInt();
            }

            @Override
            public String roleName()
            {
                return name;
            }
        };
    }

    private static ManyToOneRingBuffer ring()
    {
        final ByteBuffer memory = BufferUtil.allocateDirectAligned((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH,
            64);
        return new ManyToOneRingBuffer(new UnsafeBuffer(memory));
    }
}
