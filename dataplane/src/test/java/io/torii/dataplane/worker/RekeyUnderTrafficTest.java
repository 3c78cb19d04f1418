package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.handoff.ControlAdapter;
import io.torii.dataplane.handoff.DataplaneEvents;
import io.torii.dataplane.handoff.EventsAdapter;
import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.handoff.RingDataplaneControl;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.port.memory.MemoryPort;
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
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways programmed only through the control ring, as IKE will program them, rekey a tunnel
 * make-before-break while traffic flows: new inbound SAs first, then the outbound switch, then the
 * old SAs deleted. Every packet sent arrives, once and in order.
 */
class RekeyUnderTrafficTest
{
    private static final int TUNNEL = 7;

    /** One gateway: its worker, its ports and its end of the control and event rings. */
    private static final class Gateway
    {
        final MemoryPort lan = new MemoryPort("lan");
        final MemoryPort wan = new MemoryPort("wan");
        final SaTable table = new SaTable(16);
        final GatewayWorker worker;
        final RingDataplaneControl control;
        final ControlAdapter controlAdapter;
        final EventsAdapter eventsAdapter;
        final List<String> failures = new ArrayList<>();
        long completed;

        Gateway()
        {
            final PolicyTable policies = new PolicyTable();
            worker = new GatewayWorker(0, lan, wan, table, policies, new TunnelTable(policies, 16),
                SaEventListener.NONE, 32);
            worker.engine(new JdkCryptoEngine());
            final ManyToOneRingBuffer controlRing = ring();
            final ManyToOneRingBuffer eventsRing = ring();
            control = new RingDataplaneControl(controlRing);
            controlAdapter = new ControlAdapter(controlRing, new WorkerProgrammer(List.of(worker), new ShardMap(1),
                new EventsProxy(eventsRing), 1500));
            eventsAdapter = new EventsAdapter(eventsRing, new Recorder(this));
        }

        /** Lets the control plane's requests take effect: adapter, then the worker's command queue. */
        void settle()
        {
            while (controlAdapter.poll(16) > 0)
            {
                worker.doWork();
            }
            worker.doWork();
            eventsAdapter.poll(64);
            assertThat(failures).isEmpty();
        }

        private static ManyToOneRingBuffer ring()
        {
            final ByteBuffer memory = BufferUtil.allocateDirectAligned(
                (1 << 16) + RingBufferDescriptor.TRAILER_LENGTH, 64);
            return new ManyToOneRingBuffer(new UnsafeBuffer(memory));
        }
    }

    /** Counts completions and keeps failures. */
    private record Recorder(Gateway gateway) implements DataplaneEvents
    {
        @Override
        public void onSpiAllocated(final long correlationId, final IpsecProtocol protocol, final int spi)
        {
        }

        @Override
        public void onCompleted(final long correlationId)
        {
            gateway.completed++;
        }

        @Override
        public void onFailed(final long correlationId, final String reason)
        {
            gateway.failures.add(reason);
        }

        @Override
        public void onSoftLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
            final LifetimeLimit limit)
        {
        }

        @Override
        public void onHardLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
            final LifetimeLimit limit)
        {
        }

        @Override
        public void onSequenceExhausted(final int spi, final IpsecProtocol protocol)
        {
        }

        @Override
        public void onAcquire(final int policyId, final int ipProtocol, final java.net.InetAddress source,
            final int sourcePort, final java.net.InetAddress destination, final int destinationPort)
        {
        }

        @Override
        public void onSaStatistics(final int spi, final IpsecProtocol protocol, final Direction direction,
            final long packets, final long bytes, final long dropped)
        {
        }
    }

    private final Gateway a = new Gateway();
    private final Gateway b = new Gateway();
    private final List<byte[]> sent = new ArrayList<>();
    private final List<byte[]> delivered = new ArrayList<>();
    private final List<Integer> spisOnTheWire = new ArrayList<>();

    @AfterEach
    void close()
    {
        a.table.close();
        b.table.close();
    }

    private static SaConfig sa(final String name, final int spi, final String from, final String to, final int key)
    {
        final byte[] keyBytes = new byte[EncryptionAlgorithm.AES_GCM_16_128.keyMaterialLength()];
        java.util.Arrays.fill(keyBytes, (byte)key);
        return new SaConfig(name, spi, Packets.address(from), Packets.address(to), IpsecProtocol.ESP,
            IpsecMode.TUNNEL, true, 4500, 4500, EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE, keyBytes,
            new byte[0], true, 0, 64, 0);
    }

    /** Installs a pair of SAs: {@code aToB} out on A and in on B, {@code bToA} the other way. */
    private void addPair(final int aToB, final int bToA, final int key)
    {
        assertThat(a.control.addSa(a.control.nextCorrelationId(), sa("a-out", aToB, "192.0.2.1", "192.0.2.2", key),
            Direction.OUTBOUND, TUNNEL, SaLifetimes.NONE)).isTrue();
        assertThat(b.control.addSa(b.control.nextCorrelationId(), sa("b-in", aToB, "192.0.2.1", "192.0.2.2", key),
            Direction.INBOUND, TUNNEL, SaLifetimes.NONE)).isTrue();
        assertThat(b.control.addSa(b.control.nextCorrelationId(), sa("b-out", bToA, "192.0.2.2", "192.0.2.1", key + 1),
            Direction.OUTBOUND, TUNNEL, SaLifetimes.NONE)).isTrue();
        assertThat(a.control.addSa(a.control.nextCorrelationId(), sa("a-in", bToA, "192.0.2.2", "192.0.2.1", key + 1),
            Direction.INBOUND, TUNNEL, SaLifetimes.NONE)).isTrue();
        a.settle();
        b.settle();
    }

    private void policies(final Gateway gateway, final String local, final String remote)
    {
        gateway.control.addPolicy(gateway.control.nextCorrelationId(), 100, local, remote, PolicyDirection.OUTBOUND,
            PolicyAction.PROTECT, 10, TUNNEL);
        gateway.control.addPolicy(gateway.control.nextCorrelationId(), 101, local, remote, PolicyDirection.INBOUND,
            PolicyAction.PROTECT, 10, TUNNEL);
        gateway.settle();
    }

    /** Sends a few numbered packets from A's LAN and carries them to B's LAN. */
    private void traffic(final int packets)
    {
        for (int i = 0; i < packets; i++)
        {
            final byte[] packet = Packets.udp("10.1.0.5", "10.2.0.7", 40 + sent.size() % 50, sent.size());
            sent.add(packet);
            a.lan.inject(packet);
        }
        a.worker.doWork();
        for (final byte[] esp : a.wan.drain())
        {
            spisOnTheWire.add(ByteBuffer.wrap(esp).getInt(28));
            b.wan.inject(esp);
        }
        b.worker.doWork();
        delivered.addAll(b.lan.drain());
    }

    @Test
    void aMakeBeforeBreakRekeyLosesNoPacket()
    {
        policies(a, "10.1.0.0/24", "10.2.0.0/24");
        policies(b, "10.2.0.0/24", "10.1.0.0/24");
        addPair(0x1000, 0x2000, 1);
        traffic(10);

        addPair(0x1001, 0x2001, 3);   // new inbound SAs everywhere; A still sends with 0x1000
        traffic(10);
        assertThat(a.control.switchOutbound(a.control.nextCorrelationId(), TUNNEL, 0x1001, IpsecProtocol.ESP)).isTrue();
        assertThat(b.control.switchOutbound(b.control.nextCorrelationId(), TUNNEL, 0x2001, IpsecProtocol.ESP)).isTrue();
        a.settle();
        b.settle();
        traffic(10);
        a.control.deleteSa(a.control.nextCorrelationId(), 0x1000, IpsecProtocol.ESP, Direction.OUTBOUND);
        b.control.deleteSa(b.control.nextCorrelationId(), 0x1000, IpsecProtocol.ESP, Direction.INBOUND);
        a.settle();
        b.settle();
        traffic(10);

        assertThat(delivered).as("every packet, once, in order").containsExactlyElementsOf(sent);
        assertThat(spisOnTheWire.subList(0, 20)).containsOnly(0x1000);
        assertThat(spisOnTheWire.subList(20, 40)).containsOnly(0x1001);
        assertThat(a.completed + b.completed).isEqualTo(4 + 8 + 2 + 2);
    }

    @Test
    void aDuplicateSaIsRefusedWithAReasonOnTheEventsRing()
    {
        policies(a, "10.1.0.0/24", "10.2.0.0/24");
        a.control.addSa(a.control.nextCorrelationId(), sa("x", 0x3000, "192.0.2.1", "192.0.2.2", 5), Direction.OUTBOUND,
            TUNNEL, SaLifetimes.NONE);
        a.control.addSa(a.control.nextCorrelationId(), sa("y", 0x3000, "192.0.2.1", "192.0.2.2", 5), Direction.OUTBOUND,
            TUNNEL, SaLifetimes.NONE);
        while (a.controlAdapter.poll(16) > 0)
        {
            a.worker.doWork();
        }
        a.eventsAdapter.poll(64);

        assertThat(a.failures).singleElement().asString().contains("already installed");
    }

    @Test
    void anSaAWorkerCouldNotInstallMayBeAddedAgainOnceFixed()
    {
        policies(a, "10.1.0.0/24", "10.2.0.0/24");
        // The worker's table holds 16 SAs: the 17th install fails on the worker's thread.
        for (int spi = 0x4000; spi < 0x4000 + 16; spi++)
        {
            a.control.addSa(a.control.nextCorrelationId(), sa("fill", spi, "192.0.2.1", "192.0.2.2", 7),
                Direction.INBOUND, TUNNEL, SaLifetimes.NONE);
        }
        a.control.addSa(a.control.nextCorrelationId(), sa("late", 0x5000, "192.0.2.1", "192.0.2.2", 7),
            Direction.INBOUND, TUNNEL, SaLifetimes.NONE);
        drain(a);
        assertThat(a.failures).singleElement().asString().contains("full");

        a.failures.clear();
        a.control.deleteSa(a.control.nextCorrelationId(), 0x4000, IpsecProtocol.ESP, Direction.INBOUND);
        a.control.addSa(a.control.nextCorrelationId(), sa("late", 0x5000, "192.0.2.1", "192.0.2.2", 7),
            Direction.INBOUND, TUNNEL, SaLifetimes.NONE);
        drain(a);
        assertThat(a.failures).as("the failed install was forgotten, so the retry is accepted").isEmpty();
    }

    private static void drain(final Gateway gateway)
    {
        for (int i = 0; i < 8; i++)
        {
            while (gateway.controlAdapter.poll(16) > 0)
            {
                gateway.worker.doWork();
            }
            gateway.worker.doWork();
        }
        gateway.eventsAdapter.poll(64);
    }
}
