package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.EventIntervals;
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
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * One gateway for event tests, programmed only through the real control ring and reporting only through the
 * real events ring, as the control plane sees it: a worker with in-memory ports, a clock the test moves, and
 * every event decoded by {@link EventsAdapter} into a line of {@link #events}.
 */
final class EventGateway implements AutoCloseable
{
    static final int TUNNEL = 3;
    static final long SECOND = 1_000_000_000L;

    final MemoryPort lan = new MemoryPort("lan");
    final MemoryPort wan = new MemoryPort("wan");
    final SaTable table = new SaTable(16);
    final GatewayWorker worker;
    final RingDataplaneControl control;
    final ControlAdapter controlAdapter;
    final EventsAdapter eventsAdapter;
    final ManyToOneRingBuffer eventsRing;
    /** Unsolicited events, one line each; answers to requests are counted apart. */
    final List<String> events = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    long now = 1_000 * SECOND;
    long completed;

    EventGateway(final EventIntervals intervals)
    {
        this(intervals, 1 << 16);
    }

    EventGateway(final EventIntervals intervals, final int eventsRingBytes)
    {
        final PolicyTable policies = new PolicyTable();
        worker = new GatewayWorker(0, lan, wan, table, policies, new TunnelTable(policies, 16), SaEventListener.NONE,
            32);
        worker.engine(new JdkCryptoEngine());
        worker.clock(() -> now);
        final ManyToOneRingBuffer controlRing = ring(1 << 16);
        eventsRing = ring(eventsRingBytes);
        control = new RingDataplaneControl(controlRing);
        controlAdapter = new ControlAdapter(controlRing, new WorkerProgrammer(List.of(worker), new ShardMap(1),
            new EventsProxy(eventsRing), 1500));
        worker.controlEvents(new EventsProxy(eventsRing), intervals);
        eventsAdapter = new EventsAdapter(eventsRing, new Recorder());
    }

    private static ManyToOneRingBuffer ring(final int bytes)
    {
        final ByteBuffer memory = BufferUtil.allocateDirectAligned(bytes + RingBufferDescriptor.TRAILER_LENGTH, 64);
        return new ManyToOneRingBuffer(new UnsafeBuffer(memory));
    }

    static SaConfig sa(final String name, final int spi, final String from, final String to, final int key)
    {
        final byte[] keyBytes = new byte[EncryptionAlgorithm.AES_GCM_16_128.keyMaterialLength()];
        Arrays.fill(keyBytes, (byte)key);
        return new SaConfig(name, spi, Packets.address(from), Packets.address(to), IpsecProtocol.ESP,
            IpsecMode.TUNNEL, true, 4500, 4500, EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE, keyBytes,
            new byte[0], true, 0, 64, 0);
    }

    /** Installs the outbound and inbound policies of the tunnel: traffic from {@code local} to {@code remote}. */
    void policies(final String local, final String remote)
    {
        control.addPolicy(control.nextCorrelationId(), 100, local, remote, PolicyDirection.OUTBOUND,
            PolicyAction.PROTECT, 10, TUNNEL);
        control.addPolicy(control.nextCorrelationId(), 101, local, remote, PolicyDirection.INBOUND,
            PolicyAction.PROTECT, 10, TUNNEL);
        settle();
    }

    void addSa(final SaConfig config, final Direction direction, final SaLifetimes lifetimes)
    {
        assertThat(control.addSa(control.nextCorrelationId(), config, direction, TUNNEL, lifetimes)).isTrue();
        settle();
    }

    /** Lets requests take effect and reads the events ring; fails the test on any refused request. */
    void settle()
    {
        while (controlAdapter.poll(16) > 0)
        {
            worker.doWork();
        }
        worker.doWork();
        eventsAdapter.poll(256);
        assertThat(failures).isEmpty();
    }

    /** Moves the clock, runs a duty cycle and reads the events ring. */
    void advance(final long nanos)
    {
        now += nanos;
        settle();
    }

    /** @return the slot of the SA with that SPI and direction. */
    int slotOf(final int spi, final Direction direction)
    {
        for (int slot = 0; slot < table.capacity(); slot++)
        {
            if (table.config(slot) != null && table.config(slot).spi() == spi && table.direction(slot) == direction)
            {
                return slot;
            }
        }
        throw new AssertionError("no " + direction + " SA 0x" + Integer.toHexString(spi));
    }

    /** @return the unsolicited events seen since the last call. */
    List<String> takeEvents()
    {
        final List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    @Override
    public void close()
    {
        table.close();
    }

    private final class Recorder implements DataplaneEvents
    {
        @Override
        public void onSpiAllocated(final long correlationId, final IpsecProtocol protocol, final int spi)
        {
        }

        @Override
        public void onCompleted(final long correlationId)
        {
            completed++;
        }

        @Override
        public void onFailed(final long correlationId, final String reason)
        {
            failures.add(reason);
        }

        @Override
        public void onSoftLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
            final LifetimeLimit limit)
        {
            events.add("soft " + Integer.toHexString(spi) + " " + protocol + " " + direction + " " + limit);
        }

        @Override
        public void onHardLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
            final LifetimeLimit limit)
        {
            events.add("hard " + Integer.toHexString(spi) + " " + protocol + " " + direction + " " + limit);
        }

        @Override
        public void onSequenceExhausted(final int spi, final IpsecProtocol protocol)
        {
            events.add("exhausted " + Integer.toHexString(spi) + " " + protocol);
        }

        @Override
        public void onAcquire(final int policyId, final int ipProtocol, final InetAddress source, final int sourcePort,
            final InetAddress destination, final int destinationPort)
        {
            events.add("acquire " + policyId + " " + ipProtocol + " " + source.getHostAddress() + " " + sourcePort +
                " " + destination.getHostAddress() + " " + destinationPort);
        }

        @Override
        public void onSaStatistics(final int spi, final IpsecProtocol protocol, final Direction direction,
            final long packets, final long bytes, final long dropped)
        {
            events.add("stats " + Integer.toHexString(spi) + " " + protocol + " " + direction + " " + packets + " " +
                bytes + " " + dropped);
        }
    }
}
