package io.torii.dataplane.worker;

import static io.torii.dataplane.worker.EventGateway.SECOND;
import static io.torii.dataplane.worker.EventGateway.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.EventIntervals;
import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SA lifetimes (RFC 4301 §4.4.2.1) through the real rings: gateway A sends on SA 0x1000, gateway B receives
 * on it. Soft and hard limits by packets, bytes and time raise their events once each, on the events ring;
 * past the hard limit the SA's packets end as {@link Disposition#SA_EXPIRED}.
 */
class SaLifetimeEventsTest
{
    private static final int SPI = 0x1000;
    /** A UDP packet with a 100-byte payload: 128 bytes of IPv4. */
    private static final int INNER_LENGTH = 128;

    private final EventGateway a = new EventGateway(EventIntervals.DEFAULTS);
    private final EventGateway b = new EventGateway(EventIntervals.DEFAULTS);
    private final List<byte[]> delivered = new ArrayList<>();
    private long wireBytes;
    private int sent;

    @AfterEach
    void close()
    {
        a.close();
        b.close();
    }

    private void tunnel(final SaLifetimes outbound, final SaLifetimes inbound)
    {
        a.policies("10.1.0.0/24", "10.2.0.0/24");
        b.policies("10.2.0.0/24", "10.1.0.0/24");
        a.addSa(sa("a-out", SPI, "192.0.2.1", "192.0.2.2", 1), Direction.OUTBOUND, outbound);
        b.addSa(sa("b-in", SPI, "192.0.2.1", "192.0.2.2", 1), Direction.INBOUND, inbound);
    }

    /** Sends packets from A's LAN, one burst, and carries what A sends to B. */
    private void traffic(final int packets)
    {
        for (int i = 0; i < packets; i++)
        {
            a.lan.inject(Packets.udp("10.1.0.5", "10.2.0.7", INNER_LENGTH - 28, sent++));
        }
        a.settle();
        for (final byte[] esp : a.wan.drain())
        {
            wireBytes += esp.length;
            b.wan.inject(esp);
        }
        b.settle();
        delivered.addAll(b.lan.drain());
    }

    private void trafficOneByOne(final int packets)
    {
        for (int i = 0; i < packets; i++)
        {
            traffic(1);
        }
    }

    @Test
    void packetLimitsRaiseSoftThenHardOnceAndThenTheOutboundSaSendsNothing()
    {
        tunnel(new SaLifetimes(0, 0, 5, 8, 0, 0), SaLifetimes.NONE);

        trafficOneByOne(4);
        assertThat(a.takeEvents()).isEmpty();
        traffic(1);
        assertThat(a.takeEvents()).containsExactly("soft 1000 ESP OUTBOUND PACKETS");
        trafficOneByOne(2);
        assertThat(a.takeEvents()).as("the soft event is raised once").isEmpty();
        traffic(1);
        assertThat(a.takeEvents()).containsExactly("hard 1000 ESP OUTBOUND PACKETS");
        assertThat(delivered).hasSize(8);

        traffic(3);
        assertThat(a.takeEvents()).as("the hard event is raised once").isEmpty();
        assertThat(delivered).as("an expired SA sends nothing").hasSize(8);
        assertThat(a.table.counters().total(Disposition.SA_EXPIRED)).isEqualTo(3);
        assertThat(a.table.counters().count(a.slotOf(SPI, Direction.OUTBOUND), Disposition.SA_EXPIRED)).isEqualTo(3);
        assertThat(b.takeEvents()).isEmpty();
    }

    @Test
    void byteLimitsOnTheInboundSaCountDecryptedBytesAndThenRefuseItsPackets()
    {
        tunnel(SaLifetimes.NONE, new SaLifetimes(3 * INNER_LENGTH, 5 * INNER_LENGTH, 0, 0, 0, 0));

        trafficOneByOne(2);
        assertThat(b.takeEvents()).isEmpty();
        traffic(1);
        assertThat(b.takeEvents()).containsExactly("soft 1000 ESP INBOUND BYTES");
        trafficOneByOne(2);
        assertThat(b.takeEvents()).containsExactly("hard 1000 ESP INBOUND BYTES");
        trafficOneByOne(2);

        assertThat(delivered).hasSize(5);
        assertThat(b.table.counters().total(Disposition.SA_EXPIRED)).isEqualTo(2);
        assertThat(b.takeEvents()).isEmpty();
        assertThat(a.takeEvents()).as("the outbound SA has no limits").isEmpty();
    }

    @Test
    void aBurstThatCrossesBothLimitsRaisesOnlyTheHardEvent()
    {
        tunnel(new SaLifetimes(0, 0, 2, 4, 0, 0), SaLifetimes.NONE);

        traffic(6);

        assertThat(a.takeEvents()).containsExactly("hard 1000 ESP OUTBOUND PACKETS");
        traffic(1);
        assertThat(a.table.counters().total(Disposition.SA_EXPIRED)).isEqualTo(1);
    }

    @Test
    void timeLimitsCountFromInstallationInBothDirections()
    {
        tunnel(new SaLifetimes(0, 0, 0, 0, 10, 20), new SaLifetimes(0, 0, 0, 0, 12, 30));
        traffic(2);

        a.advance(9 * SECOND);
        b.advance(9 * SECOND);
        assertThat(a.takeEvents()).isEmpty();
        assertThat(b.takeEvents()).isEmpty();
        a.advance(SECOND);
        b.advance(3 * SECOND);
        assertThat(a.takeEvents()).containsExactly("soft 1000 ESP OUTBOUND TIME");
        assertThat(b.takeEvents()).containsExactly("soft 1000 ESP INBOUND TIME");
        a.advance(10 * SECOND);
        assertThat(a.takeEvents()).containsExactly("hard 1000 ESP OUTBOUND TIME");
        traffic(1);
        assertThat(a.table.counters().total(Disposition.SA_EXPIRED)).isEqualTo(1);
        assertThat(delivered).hasSize(2);

        b.advance(18 * SECOND);
        assertThat(b.takeEvents()).containsExactly("hard 1000 ESP INBOUND TIME");
        a.advance(60 * SECOND);
        b.advance(60 * SECOND);
        assertThat(a.takeEvents()).isEmpty();
        assertThat(b.takeEvents()).isEmpty();
    }

    @Test
    void updateReplacesLimitsButKeepsCounts()
    {
        tunnel(new SaLifetimes(0, 0, 50, 100, 0, 0), SaLifetimes.NONE);
        trafficOneByOne(3);

        assertThat(a.control.updateSa(a.control.nextCorrelationId(), SPI, IpsecProtocol.ESP, Direction.OUTBOUND,
            new SaLifetimes(0, 0, 4, 6, 0, 0))).isTrue();
        a.settle();
        assertThat(a.takeEvents()).isEmpty();
        traffic(1);
        assertThat(a.takeEvents()).as("three packets before the update count").containsExactly(
            "soft 1000 ESP OUTBOUND PACKETS");

        // Raising the limits past what the SA has used re-arms the soft event, at the new limit.
        a.control.updateSa(a.control.nextCorrelationId(), SPI, IpsecProtocol.ESP, Direction.OUTBOUND,
            new SaLifetimes(0, 0, 6, 8, 0, 0));
        a.settle();
        traffic(1);
        assertThat(a.takeEvents()).isEmpty();
        traffic(1);
        assertThat(a.takeEvents()).containsExactly("soft 1000 ESP OUTBOUND PACKETS");
        trafficOneByOne(2);
        assertThat(a.takeEvents()).containsExactly("hard 1000 ESP OUTBOUND PACKETS");
    }

    @Test
    void anUpdateToLimitsAlreadyPassedRaisesAtOnce()
    {
        tunnel(SaLifetimes.NONE, SaLifetimes.NONE);
        trafficOneByOne(5);

        a.control.updateSa(a.control.nextCorrelationId(), SPI, IpsecProtocol.ESP, Direction.OUTBOUND,
            new SaLifetimes(0, 0, 2, 5, 0, 0));
        a.settle();

        assertThat(a.takeEvents()).containsExactly("hard 1000 ESP OUTBOUND PACKETS");
    }

    @Test
    void updatingAnUnknownSaFails()
    {
        tunnel(SaLifetimes.NONE, SaLifetimes.NONE);
        a.control.updateSa(a.control.nextCorrelationId(), 0x9999, IpsecProtocol.ESP, Direction.OUTBOUND,
            SaLifetimes.NONE);
        a.controlAdapter.poll(16);
        a.worker.doWork();
        a.eventsAdapter.poll(16);

        assertThat(a.failures).singleElement().asString().contains("9999");
    }

    @Test
    void anEventTheFullRingRefusedIsSentOnALaterCycleOnce()
    {
        tunnel(new SaLifetimes(0, 0, 2, 0, 0, 0), SaLifetimes.NONE);
        final EventsProxy filler = new EventsProxy(a.eventsRing);
        int filled = 0;
        while (filler.completed(0))
        {
            filled++;
        }
        for (int i = 0; i < 2; i++)
        {
            a.lan.inject(Packets.udp("10.1.0.5", "10.2.0.7", 100, i));
        }
        a.worker.doWork();
        assertThat(a.worker.controlEvents().lifetimes().owed()).isEqualTo(1);

        a.completed = 0;
        // A ring read stops where the buffer wraps, maybe after a padding record alone: read more than once.
        for (int i = 0; i < 4; i++)
        {
            a.eventsAdapter.poll(Integer.MAX_VALUE);
        }
        assertThat(a.completed).isEqualTo(filled);
        assertThat(a.takeEvents()).isEmpty();
        a.worker.doWork();
        a.worker.doWork();
        a.eventsAdapter.poll(16);

        assertThat(a.takeEvents()).containsExactly("soft 1000 ESP OUTBOUND PACKETS");
        assertThat(a.worker.controlEvents().lifetimes().owed()).isZero();
    }
}
