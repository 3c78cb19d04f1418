package io.torii.ike.task;

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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * IKE SA rekeys that meet other exchanges (RFC 7296 §2.8.2, §2.25), message by message, with the SAs each
 * side holds afterwards. The SPIs tell whose rekey made an SA: moon's new SPIs are 0xA0.., sun's 0xB0..;
 * an SA moon's rekey made has SPIi A.., one sun's rekey made has SPIi B...
 */
class IkeRekeyCollisionTest
{
    /**
     * Both rekey at once; both exchanges complete. The new SA whose exchange holds the lowest of the four
     * nonces is redundant: whoever initiated that exchange deletes it, the other deletes the old SA. Seeds
     * 1 to 6 give both outcomes.
     */
    @Test
    void simultaneousRekeysKeepTheSaWhoseExchangeHasNotTheLowestNonce()
    {
        final Set<Long> survivors = new HashSet<>();
        for (long seed = 1; seed <= 6; seed++)
        {
            survivors.add(simultaneousRekeys(seed));
        }
        assertThat(survivors).as("both outcomes").containsExactlyInAnyOrder(MOON_NEW_SPIS + 1, SUN_NEW_SPIS + 1);
    }

    /** @return SPIi of the SA that survived. */
    private static long simultaneousRekeys(final long seed)
    {
        final RekeyingPeers peers = RekeyingPeers.manual(seed);
        final IkeSession oldMoon = peers.moon();
        final IkeSession oldSun = peers.sun();
        final List<ChildSa> moonChildren = oldMoon.children();

        // moon -> sun   CREATE_CHILD_SA (moon's rekey, ID 2)    sun -> moon   CREATE_CHILD_SA (sun's rekey, ID 0)
        final List<IkeDatagram> moonRekey = oldMoon.rekeyIke(0);
        final List<IkeDatagram> sunRekey = oldSun.rekeyIke(0);
        // Each answers the other's at once, its own still in flight: no successor yet on either side.
        final List<IkeDatagram> sunAnswer = peers.toSun(moonRekey, 0);
        final List<IkeDatagram> moonAnswer = peers.toMoon(sunRekey, 0);
        expect(sunAnswer.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, true, 2);
        expect(moonAnswer.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, true, 0);
        assertThat(oldMoon.superseded()).isFalse();
        assertThat(oldSun.superseded()).isFalse();

        // The answers arrive: each side now holds both new SAs and decides the same way (§2.8.2).
        final List<IkeDatagram> moonNext = peers.toMoon(sunAnswer, 0);
        final List<IkeDatagram> sunNext = peers.toSun(moonAnswer, 0);
        final byte[] moonExchange = peers.lowerNonces.get(MOON_NEW_SPIS + 1);
        final byte[] sunExchange = peers.lowerNonces.get(SUN_NEW_SPIS + 1);
        final boolean moonsIsRedundant = Arrays.compareUnsigned(moonExchange, sunExchange) < 0;
        final long survivor = moonsIsRedundant ? SUN_NEW_SPIS + 1 : MOON_NEW_SPIS + 1;
        final long redundant = moonsIsRedundant ? MOON_NEW_SPIS + 1 : SUN_NEW_SPIS + 1;
        final List<IkeDatagram> loserSends = moonsIsRedundant ? moonNext : sunNext;
        final List<IkeDatagram> winnerSends = moonsIsRedundant ? sunNext : moonNext;
        // The loser deletes the redundant SA on that SA: INFORMATIONAL, ID 0, its SPIs.
        assertThat(loserSends).hasSize(1);
        assertThat(TwoPeers.header(loserSends.getFirst()).initiatorSpi()).isEqualTo(redundant);
        assertThat(TwoPeers.header(loserSends.getFirst()).messageId()).isZero();
        // The winner deletes the old SA.
        assertThat(winnerSends).hasSize(1);
        assertThat(TwoPeers.header(winnerSends.getFirst()).initiatorSpi()).isEqualTo(MOON_SPI);
        assertThat(TwoPeers.header(winnerSends.getFirst()).exchangeType()).isEqualTo(ExchangeType.INFORMATIONAL);

        peers.relay(moonNext, sunNext, 0);
        // Afterwards: on each side one SA carries the tunnel, the same one, with the Child SAs; the old SA and
        // the redundant one are closed, and the dataplane saw no change.
        assertThat(peers.moon().initiatorSpi()).isEqualTo(survivor);
        assertThat(peers.sun().initiatorSpi()).isEqualTo(survivor);
        assertThat(peers.moon().responderSpi()).isEqualTo(peers.sun().responderSpi());
        assertThat(peers.moonSessions).hasSize(3);
        assertThat(peers.sunSessions).hasSize(3);
        assertThat(peers.moonSessions.stream().filter(s -> s.state() == IkeSession.State.CLOSED)).hasSize(2);
        assertThat(peers.sunSessions.stream().filter(s -> s.state() == IkeSession.State.CLOSED)).hasSize(2);
        assertThat(peers.moon().children()).isEqualTo(moonChildren);
        assertThat(peers.moonInstaller.removed).isEmpty();
        assertThat(peers.sunInstaller.removed).isEmpty();
        // The survivor works.
        peers.relay(List.of(), peers.sun().checkLiveness(SECOND), SECOND);
        assertThat(peers.sun().busy()).isFalse();
        assertThat(peers.sun().unexpected()).isZero();
        return survivor;
    }

    /**
     * Sun's rekey is late: moon finishes its own before it sees sun's, and deletes the old SA. Sun had answered
     * moon's while its own was in flight, and adopts that SA when the Delete comes; moon refuses sun's late
     * rekey on the replaced SA with TEMPORARY_FAILURE.
     */
    @Test
    void aCollisionThePeerDidNotNoticeEndsWithTheSaItMade()
    {
        for (final boolean deleteFirst : new boolean[] {true, false})
        {
            final RekeyingPeers peers = RekeyingPeers.manual(7);
            final IkeSession oldMoon = peers.moon();
            final IkeSession oldSun = peers.sun();
            final List<IkeDatagram> moonRekey = oldMoon.rekeyIke(0);
            final List<IkeDatagram> sunRekey = oldSun.rekeyIke(0);

            // moon -> sun   moon's rekey; sun answers it, its own in flight.
            final List<IkeDatagram> sunAnswer = peers.toSun(moonRekey, 0);
            // sun -> moon   the answer; moon saw no collision: its SA is up, Delete of the old SA goes out.
            final List<IkeDatagram> delete = peers.toMoon(sunAnswer, 0);
            expect(delete.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.INFORMATIONAL, false, 3);
            assertThat(peers.moon().initiatorSpi()).isEqualTo(MOON_NEW_SPIS + 1);
            // sun -> moon   sun's late rekey reaches the replaced SA: TEMPORARY_FAILURE.
            final List<IkeDatagram> refusal = peers.toMoon(sunRekey, 0);
            expect(refusal.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, true, 0);
            assertThat(oldMoon.takeEvents()).anyMatch(event -> event.contains("TEMPORARY_FAILURE"));

            if (deleteFirst)
            {
                // The Delete reaches sun first: sun adopts moon's SA and closes the old one.
                peers.relay(delete, refusal, 0);
            }
            else
            {
                // The refusal reaches sun first: sun's rekey failed, moon's SA carries on; then the Delete.
                assertThat(peers.toSun(refusal, 0)).isEmpty();
                assertThat(oldSun.superseded()).isTrue();
                peers.relay(delete, List.of(), 0);
            }
            assertThat(peers.sun().initiatorSpi()).isEqualTo(MOON_NEW_SPIS + 1);
            assertThat(peers.moon().initiatorSpi()).isEqualTo(MOON_NEW_SPIS + 1);
            assertThat(oldSun.state()).isEqualTo(IkeSession.State.CLOSED);
            assertThat(oldMoon.state()).isEqualTo(IkeSession.State.CLOSED);
            assertThat(peers.sunSessions).hasSize(2);
            assertThat(peers.sun().children()).hasSize(1);
            assertThat(peers.sunInstaller.removed).isEmpty();
        }
    }

    /** §2.25: the peer's CREATE_CHILD_SA for a Child SA while our IKE rekey is in flight gets TEMPORARY_FAILURE. */
    @Test
    void aChildSaRequestDuringOurIkeRekeyIsRefusedForNow()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(8);
        final IkeSession oldMoon = peers.moon();
        final IkeSession oldSun = peers.sun();
        final List<IkeDatagram> moonRekey = oldMoon.rekeyIke(0);
        // sun -> moon   CREATE_CHILD_SA for "other" (sun's ID 0); moon answers TEMPORARY_FAILURE.
        final List<IkeDatagram> create = oldSun.createChild(oldSun.profile().child("other").orElseThrow(), 0);
        final List<IkeDatagram> refusal = peers.toMoon(create, 0);
        assertThat(peers.toSun(refusal, 0)).isEmpty();
        assertThat(oldSun.takeEvents()).anyMatch(event -> event.contains("TEMPORARY_FAILURE"));
        assertThat(oldSun.children()).hasSize(1);
        assertThat(oldMoon.children()).hasSize(1);
        // moon's rekey completes; on the new SA sun's Child SA comes up.
        peers.relay(moonRekey, List.of(), 0);
        final IkeSession sun = peers.sun();
        peers.relay(List.of(), sun.createChild(sun.profile().child("other").orElseThrow(), SECOND), SECOND);
        assertThat(peers.moon().children()).extracting(ChildSa::name).containsExactly("net", "other");
    }

    /**
     * The peer's IKE rekey while a Child SA exchange of ours is in flight gets TEMPORARY_FAILURE, as strongSwan
     * answers it with a half-open child; the peer tries again 5 to 15 seconds later.
     */
    @Test
    void anIkeRekeyDuringOurChildSaExchangeIsTriedAgainLater()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(9);
        final IkeSession moon = peers.moon();
        final IkeSession sun = peers.sun();
        final List<IkeDatagram> create = moon.createChild(moon.profile().child("other").orElseThrow(), 0);
        // sun -> moon   sun's rekey meets moon's CREATE_CHILD_SA in flight: TEMPORARY_FAILURE.
        final List<IkeDatagram> refusal = peers.toMoon(sun.rekeyIke(0), 0);
        assertThat(peers.toSun(refusal, 0)).isEmpty();
        assertThat(sun.superseded()).isFalse();
        peers.relay(create, List.of(), 0);
        assertThat(moon.children()).hasSize(2);
        // Nothing before 5 s; by 15 s sun has tried again and the SA is rekeyed with both Child SAs.
        peers.tick(4 * SECOND);
        assertThat(sun.superseded()).isFalse();
        for (long second = 5; second <= 15; second++)
        {
            peers.tick(second * SECOND);
        }
        assertThat(sun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.sun().initiatorSpi()).isEqualTo(SUN_NEW_SPIS + 2);
        assertThat(peers.moon().children()).hasSize(2);
        assertThat(peers.moonInstaller.removed).isEmpty();
    }

    /** The peer deletes the IKE SA we are rekeying: our rekey ends with it, and the Child SAs go. */
    @Test
    void aDeleteOfTheSaWeRekeyAbortsTheRekey()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(10);
        final IkeSession moon = peers.moon();
        final IkeSession sun = peers.sun();
        final List<IkeDatagram> moonRekey = moon.rekeyIke(0);
        // sun -> moon   INFORMATIONAL Delete (IKE); moon answers and closes, the rekey with it.
        final List<IkeDatagram> answer = peers.toMoon(sun.deleteIke(0), 0);
        assertThat(moon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.toSun(answer, 0)).isEmpty();
        // moon's rekey reaches sun's closed SA and is ignored.
        assertThat(peers.toSun(moonRekey, 0)).isEmpty();
        assertThat(sun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moonSessions).hasSize(1);
        assertThat(peers.sunSessions).hasSize(1);
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(peers.sunInstaller.active()).isEmpty();
    }

    /** The peer deletes the IKE SA while its own rekey, which we answered, crossed ours: that SA carries on. */
    @Test
    void aDeleteAfterCrossedRekeysKeepsTheSaWeAnswered()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(11);
        final IkeSession oldMoon = peers.moon();
        final List<IkeDatagram> moonRekey = oldMoon.rekeyIke(0);
        final List<IkeDatagram> sunRekey = peers.sun().rekeyIke(0);
        // moon answers sun's rekey, its own in flight and lost.
        final List<IkeDatagram> moonAnswer = peers.toMoon(sunRekey, 0);
        // sun did not see moon's: its SA is up and it deletes the old one.
        final List<IkeDatagram> delete = peers.toSun(moonAnswer, 0);
        assertThat(peers.sun().initiatorSpi()).isEqualTo(SUN_NEW_SPIS + 1);
        peers.relay(List.of(), delete, 0);
        assertThat(oldMoon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moon().initiatorSpi()).isEqualTo(SUN_NEW_SPIS + 1);
        assertThat(peers.moon().children()).hasSize(1);
        assertThat(peers.moonInstaller.removed).isEmpty();
        assertThat(moonRekey).hasSize(1);
    }
}
