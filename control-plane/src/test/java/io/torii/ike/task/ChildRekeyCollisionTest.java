package io.torii.ike.task;

import static io.torii.ike.task.ChildRekeyExchangeTest.assertPaired;
import static io.torii.ike.task.TwoPeers.SECOND;
import static io.torii.ike.task.TwoPeers.child;
import static io.torii.ike.task.TwoPeers.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Child SA rekey collisions (RFC 7296 §2.8.1) between two in-process peers, message by message, with the
 * pairs each side holds afterwards. SPIs come from counters: moon's from c0000001, sun's from d0000001;
 * {@code net} of IKE_AUTH is c0000001/d0000001.
 */
class ChildRekeyCollisionTest
{
    private static final long DRAIN = ChildSaStates.DRAIN_NANOS;

    @Test
    void simultaneousRekeysBothCompleteAndTheSideWhoseExchangeHadTheLowestNonceDeletesItsPair()
    {
        // The nonces are random: enough rounds that each side wins some.
        int moonWon = 0;
        int sunWon = 0;
        for (int round = 0; round < 16; round++)
        {
            if (simultaneousRekey())
            {
                moonWon++;
            }
            else
            {
                sunWon++;
            }
        }
        assertThat(moonWon + sunWon).isEqualTo(16);
        assertThat(moonWon).as("moon won some").isPositive();
        assertThat(sunWon).as("sun won some").isPositive();
    }

    /** @return true when moon's pair survived. */
    private static boolean simultaneousRekey()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa moonOld = child(peers.moon, "net");
        final ChildSa sunOld = child(peers.sun, "net");

        // moon -> sun: REKEY_SA(c0000001), SA c0000002, Ni(m).   sun -> moon: REKEY_SA(d0000001), SA d0000002, Ni(s).
        final List<IkeDatagram> moonRequest = peers.moon.rekeyChild(moonOld, 0);
        final List<IkeDatagram> sunRequest = peers.sun.rekeyChild(sunOld, 0);
        // Each answers the other's: sun installs P1 = (c0000002, d0000003), moon P2 = (d0000002, c0000003).
        final List<IkeDatagram> sunAnswer = peers.toSun(moonRequest, 0);
        final List<IkeDatagram> moonAnswer = peers.toMoon(sunRequest, 0);
        assertThat(peers.moon.children()).hasSize(2);
        assertThat(peers.sun.children()).hasSize(2);
        // The lower nonce of each exchange, as each side recorded the other's: P1's at sun, P2's at moon.
        final byte[] p1Lower = peers.sun.context().childStates.get(sunOld).peerLowerNonce;
        final byte[] p2Lower = peers.moon.context().childStates.get(moonOld).peerLowerNonce;
        final boolean moonWins = Collisions.compareNonces(p2Lower, p1Lower) < 0;

        // Each side completes its own exchange: the winner sends with its pair and deletes the old one; the
        // loser deletes the redundant pair it created and keeps sending with the old one for now.
        final List<IkeDatagram> moonDelete = peers.toMoon(sunAnswer, 0);
        final List<IkeDatagram> sunDelete = peers.toSun(moonAnswer, 0);
        final IkeSession winner = moonWins ? peers.moon : peers.sun;
        final IkeSession loser = moonWins ? peers.sun : peers.moon;
        assertThat(winner.takeEvents()).contains("CHILD_SA rekey collision won, deleting old child net");
        assertThat(loser.takeEvents()).contains("CHILD_SA rekey collision lost, deleting redundant child net");
        assertThat(moonDelete).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.INFORMATIONAL);
        assertThat(sunDelete).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.INFORMATIONAL);

        // The Deletes cross: the winner's of the old pair, the loser's of its redundant pair.
        peers.relay(moonDelete, sunDelete, SECOND);
        peers.relay(peers.moon.onTimer(SECOND + DRAIN), peers.sun.onTimer(SECOND + DRAIN), SECOND + DRAIN);

        // One pair each, the winner's, SPIs crosswise; nothing else left in either dataplane.
        final ChildSa moonNew = child(peers.moon, "net");
        final ChildSa sunNew = child(peers.sun, "net");
        assertThat(peers.moon.children()).containsExactly(moonNew);
        assertThat(peers.sun.children()).containsExactly(sunNew);
        assertPaired(moonNew, sunNew);
        assertThat(moonNew.inboundSpi()).isEqualTo(moonWins ? 0xc000_0002 : 0xc000_0003);
        assertThat(sunNew.inboundSpi()).isEqualTo(moonWins ? 0xd000_0003 : 0xd000_0002);
        assertThat(peers.moonInstaller.active()).containsExactly(moonNew);
        assertThat(peers.sunInstaller.active()).containsExactly(sunNew);
        // Neither side ever sent with the redundant pair.
        assertThat(peers.moonInstaller.calls).filteredOn(call -> call.startsWith("switch"))
            .containsExactly("switch " + String.format("%08x", moonNew.inboundSpi()));
        assertThat(peers.sunInstaller.calls).filteredOn(call -> call.startsWith("switch"))
            .containsExactly("switch " + String.format("%08x", sunNew.inboundSpi()));
        assertThat(peers.moon.busy()).isFalse();
        assertThat(peers.sun.busy()).isFalse();
        return moonWins;
    }

    @Test
    void aRekeyMeetingThePeersDeleteOfThePairGetsTemporaryFailureAndThePairIsGoneOnBothSides()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        // moon -> sun: REKEY_SA(c0000001).   sun -> moon: INFORMATIONAL D(d0000001).
        final List<IkeDatagram> rekey = peers.moon.rekeyChild(child(peers.moon, "net"), 0);
        final List<IkeDatagram> delete = peers.sun.deleteChild(child(peers.sun, "net"), 0);
        // sun is deleting net: TEMPORARY_FAILURE, nothing installed.
        final List<IkeDatagram> refusal = peers.toSun(rekey, 0);
        assertThat(peers.sun.takeEvents()).containsExactly("unable to rekey CHILD_SA net, we are deleting it");
        assertThat(peers.sunInstaller.installed).hasSize(1);
        // moon removes net and answers D(c0000001).
        final List<IkeDatagram> deleteAnswer = peers.toMoon(delete, 0);
        assertThat(peers.moon.children()).isEmpty();
        // moon: the refusal finds net gone, so no retry; sun: the answer completes its Delete.
        assertThat(peers.toMoon(refusal, 0)).isEmpty();
        peers.toSun(deleteAnswer, 0);

        assertThat(peers.sun.children()).isEmpty();
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(peers.sunInstaller.active()).isEmpty();
        assertThat(peers.moon.onTimer(30 * SECOND)).as("no retry of a deleted pair").isEmpty();
        assertThat(peers.moon.busy()).isFalse();
    }

    @Test
    void temporaryFailureBringsAnotherTryAfterARandomDelayOfSixToFifteenSeconds()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa moonNet = child(peers.moon, "net");
        // sun starts deleting net; its Delete is held back, so moon still has the pair.
        peers.sun.deleteChild(child(peers.sun, "net"), 0);

        peers.toMoon(peers.toSun(peers.moon.rekeyChild(moonNet, 0), 0), 0);

        final String event = peers.moon.takeEvents().getLast();
        assertThat(event).startsWith("CHILD_SA net rekeying failed (the responder refused it: TEMPORARY_FAILURE)");
        final long seconds = Long.parseLong(event.replaceAll(".* in (\\d+) seconds", "$1"));
        assertThat(seconds).isBetween(6L, 15L);
        assertThat(peers.moon.onTimer(seconds * SECOND - 1)).isEmpty();
        final List<IkeDatagram> retry = peers.moon.onTimer(seconds * SECOND);
        assertThat(retry).singleElement().extracting(d -> header(d).exchangeType())
            .isEqualTo(ExchangeType.CREATE_CHILD_SA);
    }

    @Test
    void aRekeyAnsweredAfterThePeerDeletedTheOldPairDeletesTheNewPairToo()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa sunOld = child(peers.sun, "net");

        // moon -> sun: REKEY_SA(c0000001); sun answers, with P = (c0000002, d0000002) installed.
        final List<IkeDatagram> answer = peers.toSun(peers.moon.rekeyChild(child(peers.moon, "net"), 0), 0);
        // sun -> moon: D(d0000001), which overtakes the answer: moon removes the old pair.
        final List<IkeDatagram> delete = peers.sun.deleteChild(sunOld, 0);
        final List<IkeDatagram> deleteAnswer = peers.toMoon(delete, 0);
        assertThat(peers.moon.children()).isEmpty();
        // The answer now finds the old pair gone: moon installs P and deletes it: D(c0000002).
        final List<IkeDatagram> deleteNew = peers.toMoon(answer, 0);
        assertThat(peers.moon.takeEvents()).contains(
            "CHILD_SA net rekeyed after it was deleted, deleting the new SPIs c0000002_i d0000002_o");
        peers.relay(deleteNew, peers.toSun(deleteAnswer, 0), 0);
        peers.relay(peers.moon.onTimer(DRAIN), peers.sun.onTimer(DRAIN), DRAIN);

        assertThat(peers.moon.children()).isEmpty();
        assertThat(peers.sun.children()).isEmpty();
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(peers.sunInstaller.active()).isEmpty();
    }

    @Test
    void peersThatRekeyByTimeAtTheSameMomentCollideEveryTimeAndStillEndWithOnePair()
    {
        // No jitter: both sides rekey net at 10 s after each new pair, so every rekey is a collision.
        final TwoPeers.Settings lockstep =
            TwoPeers.Settings.plain().withNetLifetime("rekey_time = 10s;rand_time = 0s;life_time = 60s");
        final TwoPeers peers = new TwoPeers(lockstep, lockstep);
        final long step = SECOND / 2;
        long now = 0;
        for (int tick = 0; tick < 400; tick++)
        {
            now += step;
            peers.relay(peers.moon.onTimer(now), peers.sun.onTimer(now), now);
            assertThat(peers.moon.children()).as("at most the pair and two new ones").hasSizeLessThanOrEqualTo(3);
        }
        now += DRAIN;
        peers.relay(peers.moon.onTimer(now), peers.sun.onTimer(now), now);

        final List<String> moonEvents = peers.moon.takeEvents();
        final List<String> sunEvents = peers.sun.takeEvents();
        final long collisions = moonEvents.stream().filter(e -> e.startsWith("CHILD_SA rekey collision")).count() +
            sunEvents.stream().filter(e -> e.startsWith("CHILD_SA rekey collision")).count();
        assertThat(collisions).as("one side won, one lost, each of the 19 or so rounds").isGreaterThanOrEqualTo(30);
        assertThat(peers.moon.children()).hasSize(1);
        assertThat(peers.sun.children()).hasSize(1);
        assertPaired(child(peers.moon, "net"), child(peers.sun, "net"));
        assertThat(peers.moonInstaller.active()).containsExactlyElementsOf(peers.moon.children());
        assertThat(peers.sunInstaller.active()).containsExactlyElementsOf(peers.sun.children());
    }

    @Test
    void noncesCompareAsUnsignedBytesFromTheFirstOverTheShorterLength()
    {
        assertThat(Collisions.compareNonces(new byte[] {0x01, (byte)0xFF}, new byte[] {0x02, 0x00})).isNegative();
        assertThat(Collisions.compareNonces(new byte[] {(byte)0x80}, new byte[] {0x7F})).as("unsigned").isPositive();
        assertThat(Collisions.compareNonces(new byte[] {0x05, 0x01}, new byte[] {0x05})).isZero();
    }
}
