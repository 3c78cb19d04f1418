package io.torii.ike.task;

import static io.torii.ike.task.TwoPeers.SECOND;
import static io.torii.ike.task.TwoPeers.child;
import static io.torii.ike.task.TwoPeers.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Child SA lifetimes from swanctl.conf between two in-process peers on a clock the test moves: the rekey
 * by time between {@code rekey_time - rand_time} and {@code rekey_time}, fresh limits for the new pair, the
 * hard expiry at {@code life_time}, byte and packet limits handed to the dataplane, and the dataplane's
 * soft and hard events.
 */
class ChildLifetimeTest
{
    private static final long STEP = SECOND / 100;
    /** sun never rekeys or expires {@code net} by itself, so that only moon's timers act. */
    private static final TwoPeers.Settings PASSIVE = TwoPeers.Settings.plain().withNetLifetime("rekey_time = 0");

    /** @return the first time from {@code from} on, in steps, when the session sends something. */
    private static long firstRequest(final IkeSession session, final long from, final long until,
        final List<IkeDatagram> sent)
    {
        for (long now = from; now <= until; now += STEP)
        {
            final List<IkeDatagram> out = session.onTimer(now);
            if (!out.isEmpty())
            {
                sent.addAll(out);
                return now;
            }
        }
        return -1;
    }

    @Test
    void aPairIsRekeyedBetweenRekeyTimeLessRandTimeAndRekeyTimeAndTheNewPairGetsFreshLimits()
    {
        final TwoPeers peers = new TwoPeers(
            TwoPeers.Settings.plain().withNetLifetime("rekey_time = 10s;rand_time = 3s;life_time = 30s"), PASSIVE);
        final ChildSa first = child(peers.moon, "net");

        final List<IkeDatagram> sent = new ArrayList<>();
        final long rekeyed = firstRequest(peers.moon, 0, 11 * SECOND, sent);
        assertThat(rekeyed).isBetween(7 * SECOND, 10 * SECOND);
        assertThat(header(sent.getFirst()).exchangeType()).isEqualTo(ExchangeType.CREATE_CHILD_SA);
        peers.relay(sent, List.of(), rekeyed);
        final ChildSa second = child(peers.moon, "net");
        assertThat(second).isNotSameAs(first);

        sent.clear();
        final long again = firstRequest(peers.moon, rekeyed + STEP, rekeyed + 11 * SECOND, sent);
        assertThat(again - rekeyed).as("counted from the new pair's installation").isBetween(7 * SECOND,
            10 * SECOND);
        assertThat(header(sent.getFirst()).exchangeType()).isEqualTo(ExchangeType.CREATE_CHILD_SA);
    }

    @Test
    void aPairThatReachesItsLifeTimeIsDeletedOnBothSides()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain().withNetLifetime("rekey_time = 0;life_time = 20s"),
            PASSIVE);

        assertThat(peers.moon.onTimer(20 * SECOND - 1)).isEmpty();
        final List<IkeDatagram> delete = peers.moon.onTimer(20 * SECOND);
        assertThat(delete).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.INFORMATIONAL);
        peers.relay(delete, List.of(), 20 * SECOND);

        assertThat(peers.moon.children()).isEmpty();
        assertThat(peers.sun.children()).isEmpty();
        assertThat(peers.moon.takeEvents()).first().asString()
            .isEqualTo("CHILD_SA net with SPIs c0000001_i d0000001_o expired, deleting it");
        assertThat(peers.moon.onTimer(40 * SECOND)).as("expired once").isEmpty();
    }

    @Test
    void aRekeyThatDoesNotCompleteBeforeTheLifeTimeEndsInTheDeleteOfThePair()
    {
        final TwoPeers peers = new TwoPeers(
            TwoPeers.Settings.plain().withNetLifetime("rekey_time = 10s;rand_time = 0s;life_time = 12s"), PASSIVE);

        assertThat(peers.moon.onTimer(10 * SECOND)).as("the rekey request, never answered").hasSize(1);
        peers.moon.onTimer(12 * SECOND);

        assertThat(peers.moon.takeEvents())
            .contains("CHILD_SA net with SPIs c0000001_i d0000001_o expired, deleting it");
        assertThat(peers.moon.busy()).as("the Delete waits behind the rekey").isTrue();
    }

    @Test
    void byteAndPacketLimitsGoToTheDataplaneWithTheSoftOnesJittered()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain().withNetLifetime(
            "rekey_bytes = 1000000;rand_bytes = 100000;life_bytes = 2000000;rekey_packets = 1000;" +
            "rand_packets = 0;life_packets = 2000"), PASSIVE);

        final SaLifetimes limits = peers.moonInstaller.lifetimes.get(child(peers.moon, "net"));
        assertThat(limits.softBytes()).isBetween(900_000L, 1_000_000L);
        assertThat(limits.hardBytes()).isEqualTo(2_000_000L);
        assertThat(limits.softPackets()).isEqualTo(1000L);
        assertThat(limits.hardPackets()).isEqualTo(2000L);
        assertThat(limits.softSeconds()).as("time is the session's to count").isZero();
        assertThat(peers.sunInstaller.lifetimes.get(child(peers.sun, "net"))).isEqualTo(SaLifetimes.NONE);
    }

    @Test
    void theDataplanesSoftEventRekeysThePairOnceAndItsHardEventDeletesIt()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa net = child(peers.moon, "net");

        final List<IkeDatagram> rekey = peers.moon.childLifetimeReached(net.inboundSpi(), false, 0);
        assertThat(rekey).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.CREATE_CHILD_SA);
        assertThat(peers.moon.childLifetimeReached(net.outboundSpi(), false, 0)).as("once").isEmpty();
        assertThat(peers.moon.childLifetimeReached(0x1234_5678, true, 0)).as("no such SPI").isEmpty();
        peers.relay(rekey, List.of(), 0);
        final ChildSa renewed = child(peers.moon, "net");

        final List<IkeDatagram> delete = peers.moon.childLifetimeReached(renewed.outboundSpi(), true, SECOND);
        assertThat(delete).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.INFORMATIONAL);
        peers.relay(delete, List.of(), SECOND);
        assertThat(peers.moon.children()).isEmpty();
        assertThat(peers.sun.children()).isEmpty();
    }
}
