package io.torii.dataplane.worker;

import static io.torii.dataplane.worker.EventGateway.SECOND;
import static io.torii.dataplane.worker.EventGateway.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.EventIntervals;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.handoff.DataplaneEvents;
import io.torii.dataplane.handoff.EventsAdapter;
import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.FlushScope;
import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.testing.Packets;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-SA statistics on the events ring: every SA each interval, with the packets and bytes its stage passed
 * and the packets it dropped, and an SA's final counts when it is deleted; a sweep over many SAs is spread over
 * duty cycles by a budget rather than flooding the ring.
 */
class SaStatisticsEventsTest
{
    private final EventGateway a = new EventGateway(new EventIntervals(10 * SECOND, SECOND));
    private final EventGateway b = new EventGateway(new EventIntervals(0, SECOND));
    private long wireBytes;
    private long deliveredBytes;
    private int sent;
    private byte[] lastEsp;

    @AfterEach
    void close()
    {
        a.close();
        b.close();
    }

    private void tunnel()
    {
        a.policies("10.1.0.0/24", "10.2.0.0/24");
        b.policies("10.2.0.0/24", "10.1.0.0/24");
        a.addSa(sa("a-out", 0x1000, "192.0.2.1", "192.0.2.2", 1), Direction.OUTBOUND, SaLifetimes.NONE);
        a.addSa(sa("a-in", 0x2000, "192.0.2.2", "192.0.2.1", 2), Direction.INBOUND, SaLifetimes.NONE);
        b.addSa(sa("b-in", 0x1000, "192.0.2.1", "192.0.2.2", 1), Direction.INBOUND, SaLifetimes.NONE);
    }

    private void traffic(final int packets, final int payload)
    {
        for (int i = 0; i < packets; i++)
        {
            a.lan.inject(Packets.udp("10.1.0.5", "10.2.0.7", payload, sent++));
        }
        a.settle();
        for (final byte[] esp : a.wan.drain())
        {
            wireBytes += esp.length;
            lastEsp = esp.clone();
            b.wan.inject(esp);
        }
        b.settle();
        for (final byte[] packet : b.lan.drain())
        {
            deliveredBytes += packet.length;
        }
    }

    @Test
    void everySaIsReportedOncePerIntervalWithItsCounts()
    {
        tunnel();
        traffic(3, 100);
        traffic(2, 700);
        a.wan.inject(new byte[] {0x45});   // one malformed packet, counted against no SA
        a.settle();
        assertThat(a.takeEvents()).as("nothing before the first interval").isEmpty();

        a.advance(10 * SECOND);

        assertThat(wireBytes).isGreaterThan(3 * 128 + 2 * 728);
        assertThat(a.takeEvents()).containsExactlyInAnyOrder(
            "stats 1000 ESP OUTBOUND 5 " + wireBytes + " 0",
            "stats 2000 ESP INBOUND 0 0 0");
        a.advance(5 * SECOND);
        assertThat(a.takeEvents()).isEmpty();
        traffic(1, 100);
        a.advance(5 * SECOND);
        assertThat(a.takeEvents()).contains("stats 1000 ESP OUTBOUND 6 " + wireBytes + " 0");
    }

    @Test
    void aDeletedSaReportsItsFinalCountsEvenWithPeriodicReportsOff()
    {
        tunnel();
        traffic(4, 200);
        b.wan.inject(lastEsp);
        b.settle();
        assertThat(b.lan.drain()).as("the replay is dropped").isEmpty();

        b.control.deleteSa(b.control.nextCorrelationId(), 0x1000, IpsecProtocol.ESP, Direction.INBOUND);
        b.settle();

        assertThat(deliveredBytes).isEqualTo(4 * 228);
        assertThat(b.takeEvents()).containsExactly("stats 1000 ESP INBOUND 4 " + deliveredBytes + " 1");
        b.advance(3600 * SECOND);
        assertThat(b.takeEvents()).isEmpty();
    }

    @Test
    void aFlushReportsEverySa()
    {
        tunnel();
        traffic(2, 100);
        a.control.flush(a.control.nextCorrelationId(), FlushScope.SAS);
        a.settle();

        assertThat(a.takeEvents()).containsExactlyInAnyOrder(
            "stats 1000 ESP OUTBOUND 2 " + wireBytes + " 0",
            "stats 2000 ESP INBOUND 0 0 0");
    }

    @Test
    void aSweepOverManySasSpreadsOverDutyCyclesWithinItsBudgetAndRetriesWhatTheRingRefused()
    {
        final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            (1 << 16) + RingBufferDescriptor.TRAILER_LENGTH, 64)));
        final List<Integer> reported = new ArrayList<>();
        final EventsAdapter adapter = new EventsAdapter(ring, new StatisticsOnly(reported));
        try (SaTable table = new SaTable(200); JdkCryptoEngine engine = new JdkCryptoEngine())
        {
            for (int i = 0; i < 100; i++)
            {
                table.install(sa("in", 0x3000 + i, "192.0.2.2", "192.0.2.1", 3), Direction.INBOUND, engine);
            }
            final SaStatisticsReporter reporter = new SaStatisticsReporter(table, new SaLifetimeTracker(table, null));
            reporter.events(new EventsProxy(ring), SECOND);
            assertThat(reporter.poll(0)).as("the first interval starts now").isZero();

            assertThat(reporter.poll(SECOND)).isEqualTo(SaStatisticsReporter.EVENTS_PER_CYCLE);
            final EventsProxy filler = new EventsProxy(ring);
            while (filler.completed(0))
            {
                // Fills the ring behind the first 64 reports.
            }
            assertThat(reporter.poll(SECOND)).as("a full ring takes nothing").isZero();
            drain(adapter);
            assertThat(reporter.poll(SECOND)).isEqualTo(100 - SaStatisticsReporter.EVENTS_PER_CYCLE);
            assertThat(reporter.poll(SECOND + 1)).as("the sweep is over until the next interval").isZero();
            drain(adapter);

            assertThat(reported).hasSize(100).doesNotHaveDuplicates();
            assertThat(reporter.poll(2 * SECOND)).isEqualTo(SaStatisticsReporter.EVENTS_PER_CYCLE);
        }
    }

    private static void drain(final EventsAdapter adapter)
    {
        // A ring read stops where the buffer wraps, maybe after a padding record alone: read more than once.
        for (int i = 0; i < 4; i++)
        {
            adapter.poll(Integer.MAX_VALUE);
        }
    }

    /** Keeps the SPIs of statistics events; ignores the rest. */
    private record StatisticsOnly(List<Integer> spis) implements DataplaneEvents
    {
        @Override
        public void onSpiAllocated(final long correlationId, final IpsecProtocol protocol, final int spi)
        {
        }

        @Override
        public void onCompleted(final long correlationId)
        {
        }

        @Override
        public void onFailed(final long correlationId, final String reason)
        {
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
        public void onAcquire(final int policyId, final int ipProtocol, final InetAddress source, final int sourcePort,
            final InetAddress destination, final int destinationPort)
        {
        }

        @Override
        public void onSaStatistics(final int spi, final IpsecProtocol protocol, final Direction direction,
            final long packets, final long bytes, final long dropped)
        {
            spis.add(spi);
        }
    }
}
