package io.torii.ike.task;

import static io.torii.ike.task.ChildRekeyExchangeTest.assertPaired;
import static io.torii.ike.task.IkeRekeyExchangeTest.expect;
import static io.torii.ike.task.RekeyingPeers.MOON_NEW_SPIS;
import static io.torii.ike.task.RekeyingPeers.MOON_SPI;
import static io.torii.ike.task.RekeyingPeers.SECOND;
import static io.torii.ike.task.RekeyingPeers.SUN_NEW_SPIS;
import static io.torii.ike.task.RekeyingPeers.SUN_SPI;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our exchanges queued on an IKE SA when a rekey of that SA hands its Child SAs to the successor
 * (RFC 7296 §2.8, §2.18): they go on on the successor ({@link CarryOver}), message by message. Moon's new
 * IKE SPIs are 0xA0..01, ..., sun's 0xB0..01, ...; Child SA SPIs come from counters, moon's from c0000001,
 * sun's from d0000001.
 */
class CarryOverTest
{
    private static final long DRAIN = ChildSaStates.DRAIN_NANOS;
    /** How many 250 ms ticks a datagram takes to arrive in the lockstep runs. */
    private static final int LATENCY_TICKS = 4;

    /**
     * Moon queues the rekey of its pair behind its IKE rekey. Without the carry-over the pair stayed marked as
     * being rekeyed and was never rekeyed again.
     */
    @Test
    void aChildRekeyQueuedBehindOurIkeRekeyCompletesOnTheSuccessor()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(11);
        final IkeSession oldMoon = peers.moon();
        final ChildSa moonOld = oldMoon.children().getFirst();
        final ChildSa sunOld = peers.sun().children().getFirst();

        // moon -> sun   CREATE_CHILD_SA {SA (IKE), Ni, KEi}, ID 2: the IKE rekey, in flight.
        final List<IkeDatagram> ikeRekey = oldMoon.rekeyIke(0);
        // The child rekey waits behind it: nothing goes out.
        assertThat(oldMoon.rekeyChild(moonOld, 0)).isEmpty();
        assertThat(oldMoon.busy()).isTrue();
        // sun -> moon   the answer, ID 2; sun's successor (A..01, B..01) holds the pair.
        final List<IkeDatagram> answer = peers.toSun(ikeRekey, 0);
        expect(answer.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, true, 2);
        // moon: its successor holds the pair. Two requests go out: the Delete of the old IKE SA (ID 3) and, on
        // the successor, the child rekey (ID 0) {N(REKEY_SA c0000001), SA, Ni, TSi, TSr}.
        final List<IkeDatagram> moonSends = peers.toMoon(answer, 0);
        assertThat(moonSends).hasSize(2);
        expect(moonSends.get(0), MOON_SPI, SUN_SPI, ExchangeType.INFORMATIONAL, false, 3);
        expect(moonSends.get(1), MOON_NEW_SPIS + 1, SUN_NEW_SPIS + 1, ExchangeType.CREATE_CHILD_SA, false, 0);
        assertThat(oldMoon.children()).isEmpty();
        assertThat(peers.moon().initiatorSpi()).isEqualTo(MOON_NEW_SPIS + 1);
        // sun answers both; moon switches to the new pair and deletes the old pair on the successor (ID 1).
        peers.relay(moonSends, List.of(), 0);

        // Afterwards: the old IKE SA closed on both sides, one pair each, new and crosswise, old ones draining.
        assertThat(oldMoon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertRekeyedOnce(peers, moonOld, sunOld);
    }

    /**
     * Moon's liveness check is in flight and its child rekey queued when sun's IKE rekey arrives: moon answers
     * it (a liveness check does not collide) and the successor sends the child rekey right behind the answer.
     */
    @Test
    void aChildRekeyQueuedWhenThePeersIkeRekeyArrivesCompletesOnTheSuccessor()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(12);
        final IkeSession oldMoon = peers.moon();
        final IkeSession oldSun = peers.sun();
        final ChildSa moonOld = oldMoon.children().getFirst();
        final ChildSa sunOld = oldSun.children().getFirst();

        // moon -> sun   INFORMATIONAL {}, ID 2, still on its way; the child rekey queued behind it.
        final List<IkeDatagram> liveness = oldMoon.checkLiveness(0);
        assertThat(oldMoon.rekeyChild(moonOld, 0)).isEmpty();
        // sun -> moon   CREATE_CHILD_SA {SA (IKE), Ni, KEi}, sun's ID 0.
        final List<IkeDatagram> sunRekey = oldSun.rekeyIke(0);
        // moon answers (B..01, A..01) and, on that new SA, sends the child rekey as its ID 0.
        final List<IkeDatagram> moonSends = peers.toMoon(sunRekey, 0);
        assertThat(moonSends).hasSize(2);
        expect(moonSends.get(0), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, true, 0);
        expect(moonSends.get(1), SUN_NEW_SPIS + 1, MOON_NEW_SPIS + 1, ExchangeType.CREATE_CHILD_SA, false, 0);
        assertThat(oldMoon.superseded()).isTrue();
        // sun: takes the answer (its successor holds its pair, it deletes the old IKE SA) and the child rekey;
        // the liveness check gets its answer on the old SA before the Delete reaches it.
        final List<IkeDatagram> sunSends = peers.toSun(moonSends, 0);
        peers.relay(liveness, sunSends, 0);

        assertThat(oldMoon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(oldSun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(oldMoon.unexpected()).isZero();
        assertRekeyedOnce(peers, moonOld, sunOld);
    }

    /**
     * Moon's child rekey is in flight, not queued, when sun's IKE rekey arrives: nothing to carry, since the
     * collision rule answers TEMPORARY_FAILURE ({@link Collisions#refusePeerIkeRekey}); the child rekey
     * completes on the old SA and sun's rekey, tried again 5 to 15 s later, takes the new pair along.
     */
    @Test
    void aChildRekeyInFlightWhenThePeersIkeRekeyArrivesCompletesFirst()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(14);
        final IkeSession oldMoon = peers.moon();
        final IkeSession oldSun = peers.sun();
        final ChildSa moonOld = oldMoon.children().getFirst();

        // moon -> sun   CREATE_CHILD_SA {N(REKEY_SA c0000001), SA, Ni, TSi, TSr}, ID 2, on its way.
        final List<IkeDatagram> childRekey = oldMoon.rekeyChild(moonOld, 0);
        // sun -> moon   CREATE_CHILD_SA {SA (IKE), Ni, KEi}, sun's ID 0; moon answers TEMPORARY_FAILURE.
        final List<IkeDatagram> refusal = peers.toMoon(oldSun.rekeyIke(0), 0);
        expect(refusal.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, true, 0);
        assertThat(peers.toSun(refusal, 0)).isEmpty();
        assertThat(oldSun.takeEvents()).anyMatch(event -> event.contains("TEMPORARY_FAILURE"));
        assertThat(oldSun.superseded()).isFalse();
        // The child rekey and the Delete of the old pair complete on the old IKE SA.
        peers.relay(childRekey, List.of(), 0);
        final ChildSa moonNew = oldMoon.children().getFirst();
        assertThat(oldMoon.children()).containsExactly(moonNew).doesNotContain(moonOld);
        assertThat(oldMoon.busy()).isFalse();

        // Nothing before 5 s; by 15 s sun has rekeyed the IKE SA (its second new SPI) and the new pair moved.
        peers.tick(4 * SECOND);
        assertThat(oldSun.superseded()).isFalse();
        for (long second = 5; second <= 15; second++)
        {
            peers.tick(second * SECOND);
        }
        assertThat(oldMoon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(oldSun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moon().initiatorSpi()).isEqualTo(SUN_NEW_SPIS + 2);
        assertThat(peers.moon().children()).containsExactly(moonNew);
        assertPaired(moonNew, peers.sun().children().getFirst());
        assertThat(peers.moonInstaller.removed).containsExactly(moonOld);
    }

    /** A CREATE_CHILD_SA for a second child and the Delete of the first, both queued behind the IKE rekey. */
    @Test
    void aQueuedChildCreateAndAQueuedChildDeleteCompleteOnTheSuccessor()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(13);
        final IkeSession oldMoon = peers.moon();
        final ChildSa moonNet = oldMoon.children().getFirst();
        final ChildSa sunNet = peers.sun().children().getFirst();

        // moon -> sun   the IKE rekey, ID 2; behind it: CREATE_CHILD_SA for "other", then Delete of "net".
        final List<IkeDatagram> ikeRekey = oldMoon.rekeyIke(0);
        assertThat(oldMoon.createChild(oldMoon.profile().child("other").orElseThrow(), 0)).isEmpty();
        assertThat(oldMoon.deleteChild(moonNet, 0)).isEmpty();
        // sun -> moon   the answer; moon deletes the old IKE SA (ID 3) and the successor creates "other" (ID 0).
        final List<IkeDatagram> moonSends = peers.toMoon(peers.toSun(ikeRekey, 0), 0);
        assertThat(moonSends).hasSize(2);
        expect(moonSends.get(1), MOON_NEW_SPIS + 1, SUN_NEW_SPIS + 1, ExchangeType.CREATE_CHILD_SA, false, 0);
        // Then, on the successor, INFORMATIONAL {D(c0000001)} as ID 1.
        peers.relay(moonSends, List.of(), 0);

        final IkeSession moon = peers.moon();
        final IkeSession sun = peers.sun();
        assertThat(moon.busy()).isFalse();
        assertThat(moon.children()).extracting(ChildSa::name).containsExactly("other");
        assertThat(sun.children()).extracting(ChildSa::name).containsExactly("other");
        assertPaired(moon.children().getFirst(), sun.children().getFirst());
        assertThat(peers.moonInstaller.removed).containsExactly(moonNet);
        assertThat(peers.sunInstaller.removed).containsExactly(sunNet);
    }

    /**
     * 200 s of lockstep: each side rekeys the IKE SA about every 30 s and the Child SA about every 10 s, with
     * jitter, so that rekeys of either kind start on both sides at once, queue behind each other and collide.
     * Every datagram takes a second to arrive (ticks are 250 ms), so that a rekey that comes due while another
     * exchange is on its way queues behind it. Afterwards each side holds one IKE SA and one pair, the same
     * crosswise, and no pair reached its hard lifetime.
     */
    @Test
    void lockstepRekeysOfTheIkeSaAndTheChildSaLeaveOneOfEach()
    {
        final String child = "rekey_time = 10s\n life_time = 30s\n rand_time = 2s";
        for (long seed = 21; seed <= 26; seed++)
        {
            lockstep(seed, child, child);
        }
    }

    /**
     * The same with only moon rekeying the Child SA (sun's pairs just expire after 30 s): a child rekey of moon's
     * lost to an IKE rekey would leave the pair to its hard lifetime, which the run would see.
     */
    @Test
    void lockstepRekeysWhereOnlyOneSideRekeysTheChildSaLeaveOneOfEach()
    {
        for (long seed = 31; seed <= 36; seed++)
        {
            lockstep(seed, "rekey_time = 10s\n life_time = 30s\n rand_time = 2s", "rekey_time = 0s\n life_time = 30s");
        }
    }

    private static void lockstep(final long seed, final String moonChild, final String sunChild)
    {
        final String ike = "rekey_time = 30s\n rand_time = 3s\n over_time = 30s";
        final RekeyingPeers peers = new RekeyingPeers(ike, ike, moonChild, sunChild, "aes256gcm16-prfsha256-x25519",
            "aes256gcm16-prfsha256-x25519", seed);
        final String run = "seed " + seed;
        final List<ChildSa> moonPairs = new ArrayList<>();
        final ArrayDeque<List<IkeDatagram>> toSun = new ArrayDeque<>();
        final ArrayDeque<List<IkeDatagram>> toMoon = new ArrayDeque<>();
        for (int tick = 0; tick < LATENCY_TICKS; tick++)
        {
            toSun.add(List.of());
            toMoon.add(List.of());
        }
        long now = 0;
        for (long tick = 1; tick <= 800; tick++)
        {
            now = tick * SECOND / 4;
            final List<IkeDatagram> fromMoon = new ArrayList<>(peers.moonTimers(now));
            final List<IkeDatagram> fromSun = new ArrayList<>(peers.sunTimers(now));
            fromSun.addAll(peers.toSun(toSun.poll(), now));
            fromMoon.addAll(peers.toMoon(toMoon.poll(), now));
            toSun.add(fromMoon);
            toMoon.add(fromSun);
            peers.moon().children().stream().filter(pair -> !moonPairs.contains(pair)).forEach(moonPairs::add);
        }
        // What is still on its way arrives; no timer runs meanwhile.
        while (!toSun.isEmpty())
        {
            peers.relay(toSun.poll(), toMoon.poll(), now);
        }
        final IkeSession moon = peers.moon();
        final IkeSession sun = peers.sun();
        assertThat(peers.moonSessions.stream().filter(session -> session.state() == IkeSession.State.ESTABLISHED))
            .as(run).hasSize(1);
        assertThat(peers.sunSessions.stream().filter(session -> session.state() == IkeSession.State.ESTABLISHED))
            .as(run).hasSize(1);
        assertThat(moon.initiatorSpi()).as(run).isEqualTo(sun.initiatorSpi());
        assertThat(moon.responderSpi()).as(run).isEqualTo(sun.responderSpi());
        assertThat(moon.busy()).as(run).isFalse();
        assertThat(moon.children()).as(run).hasSize(1);
        assertThat(sun.children()).as(run).hasSize(1);
        assertPaired(moon.children().getFirst(), sun.children().getFirst());
        // About six IKE rekeys and twenty child rekeys happened, none by hard expiry.
        assertThat(peers.moonSessions.size()).as(run).isGreaterThanOrEqualTo(6);
        assertThat(moonPairs.size()).as(run).isGreaterThanOrEqualTo(15);
        final List<String> events = new ArrayList<>();
        peers.moonSessions.forEach(session -> events.addAll(session.takeEvents()));
        peers.sunSessions.forEach(session -> events.addAll(session.takeEvents()));
        assertThat(events).as(run).noneMatch(event -> event.contains("expired"));
        // The dataplane holds the pair in use and at most the one still draining, on each side.
        assertThat(peers.moonInstaller.active()).as(run).contains(moon.children().getFirst()).hasSizeLessThan(3);
        assertThat(peers.sunInstaller.active()).as(run).contains(sun.children().getFirst()).hasSizeLessThan(3);
    }

    /** One rekey of the pair happened on the successors: new pairs crosswise, the old ones gone after draining. */
    private static void assertRekeyedOnce(final RekeyingPeers peers, final ChildSa moonOld, final ChildSa sunOld)
    {
        final IkeSession moon = peers.moon();
        final IkeSession sun = peers.sun();
        assertThat(moon.busy()).isFalse();
        assertThat(sun.busy()).isFalse();
        assertThat(moon.children()).hasSize(1).doesNotContain(moonOld);
        assertThat(sun.children()).hasSize(1).doesNotContain(sunOld);
        assertPaired(moon.children().getFirst(), sun.children().getFirst());
        peers.tick(DRAIN);
        assertThat(peers.moonInstaller.removed).containsExactly(moonOld);
        assertThat(peers.sunInstaller.removed).containsExactly(sunOld);
        assertThat(peers.moonInstaller.active()).containsExactly(moon.children().getFirst());
        assertThat(peers.sunInstaller.active()).containsExactly(sun.children().getFirst());
    }
}
