package io.torii.ike.task;

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
 * INFORMATIONAL exchanges (RFC 7296 §1.4) between two in-process peers: deleting a Child SA pair or the
 * IKE SA from either side, deletes that cross, liveness checks, and dead peer detection on a clock the
 * test moves.
 */
class InformationalExchangeTest
{
    private static TwoPeers withOther(final TwoPeers.Settings moon, final TwoPeers.Settings sun)
    {
        final TwoPeers peers = new TwoPeers(moon, sun);
        peers.relay(peers.moon.createChild(peers.moon.profile().child("other").orElseThrow(), 0), List.of(), 0);
        peers.moon.takeEvents();
        peers.sun.takeEvents();
        peers.wire.clear();
        return peers;
    }

    @Test
    void deletingAChildFromTheInitiatorRemovesThePairOnBothSides()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa moonOther = child(peers.moon, "other");
        final ChildSa sunOther = child(peers.sun, "other");

        peers.relay(peers.moon.deleteChild(moonOther, 0), List.of(), 0);

        assertThat(peers.wire).extracting(d -> header(d).exchangeType()).containsOnly(ExchangeType.INFORMATIONAL);
        assertThat(peers.moonInstaller.removed).containsExactly(moonOther);
        assertThat(peers.sunInstaller.removed).containsExactly(sunOther);
        assertThat(peers.moon.children()).extracting(ChildSa::name).containsExactly("net");
        assertThat(peers.sun.children()).extracting(ChildSa::name).containsExactly("net");
        assertThat(peers.moon.takeEvents()).singleElement().asString()
            .isEqualTo("CHILD_SA other with SPIs c0000002_i d0000002_o deleted");
        assertThat(moonOther.outboundEncryptionKey()).as("keys zeroed").containsOnly(0);
        assertThat(peers.moon.state()).isEqualTo(IkeSession.State.ESTABLISHED);
    }

    @Test
    void deletingAChildFromTheResponderWorksTheSameWay()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa sunNet = child(peers.sun, "net");

        peers.relay(List.of(), peers.sun.deleteChild(sunNet, 0), 0);

        assertThat(peers.sunInstaller.removed).containsExactly(sunNet);
        assertThat(peers.moonInstaller.removed).singleElement().extracting(ChildSa::outboundSpi)
            .isEqualTo(sunNet.inboundSpi());
        assertThat(peers.moon.children()).extracting(ChildSa::name).containsExactly("other");
    }

    @Test
    void deletesOfTheSamePairThatCrossAreBothAnsweredWithoutNamingIt()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa moonOther = child(peers.moon, "other");
        final ChildSa sunOther = child(peers.sun, "other");
        final List<IkeDatagram> moonDelete = peers.moon.deleteChild(moonOther, 0);
        final List<IkeDatagram> sunDelete = peers.sun.deleteChild(sunOther, 0);

        final List<IkeDatagram> sunAnswer = peers.toSun(moonDelete, 0);
        final List<IkeDatagram> moonAnswer = peers.toMoon(sunDelete, 0);
        assertThat(sunAnswer).hasSize(1);
        assertThat(moonAnswer).hasSize(1);
        assertThat(sunAnswer.getFirst().message().length).as("an answer without a Delete payload")
            .isLessThan(moonDelete.getFirst().message().length);
        peers.toMoon(sunAnswer, 0);
        peers.toSun(moonAnswer, 0);

        assertThat(peers.moonInstaller.removed).containsExactly(moonOther);
        assertThat(peers.sunInstaller.removed).containsExactly(sunOther);
        assertThat(peers.moon.busy()).isFalse();
        assertThat(peers.sun.busy()).isFalse();
        assertThat(peers.moon.children()).hasSize(1);
    }

    @Test
    void deletingTheIkeSaTakesEveryChildWithItOnBothSides()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        peers.relay(peers.moon.deleteIke(0), List.of(), 0);

        assertThat(peers.moon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.sun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(peers.sunInstaller.active()).isEmpty();
        assertThat(peers.moonInstaller.removed).hasSize(2);
        assertThat(peers.sun.takeEvents()).last().asString().isEqualTo("IKE_SA deleted by the peer");
        assertThat(peers.wire).hasSize(2);
        assertThat(peers.moon.checkLiveness(SECOND)).as("nothing goes out of a closed SA").isEmpty();
    }

    @Test
    void theResponderCanDeleteTheIkeSaToo()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        peers.relay(List.of(), peers.sun.deleteIke(0), 0);

        assertThat(peers.sun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moon.children()).isEmpty();
        assertThat(peers.sunInstaller.active()).isEmpty();
    }

    @Test
    void anIkeDeleteThePeerNeverAnswersStillEndsTheSaLocally()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        assertThat(peers.moon.deleteIke(0)).hasSize(1);
        long now = 0;
        while (peers.moon.state() == IkeSession.State.ESTABLISHED && now < 1000 * SECOND)
        {
            now += SECOND;
            peers.moon.onTimer(now);
        }

        assertThat(peers.moon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(now / SECOND).isBetween(165L, 167L);
    }

    @Test
    void anEmptyInformationalIsAnsweredEmptyAndChangesNothing()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        final List<IkeDatagram> check = peers.sun.checkLiveness(0);
        final List<IkeDatagram> answer = peers.toMoon(check, 0);
        peers.toSun(answer, 0);

        assertThat(answer).singleElement().satisfies(d ->
        {
            assertThat(header(d).isResponse()).isTrue();
            assertThat(header(d).exchangeType()).isEqualTo(ExchangeType.INFORMATIONAL);
        });
        assertThat(peers.sun.busy()).isFalse();
        assertThat(peers.moon.children()).hasSize(2);
        assertThat(peers.sun.state()).isEqualTo(IkeSession.State.ESTABLISHED);
    }

    @Test
    void afterDpdDelayOfSilenceALivenessCheckGoesOutAndAnAnswerKeepsTheSa()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain().withDpd("30s"), TwoPeers.Settings.plain());

        assertThat(peers.moon.onTimer(29 * SECOND)).isEmpty();
        final List<IkeDatagram> check = peers.moon.onTimer(30 * SECOND);
        assertThat(check).singleElement().satisfies(d ->
            assertThat(header(d).exchangeType()).isEqualTo(ExchangeType.INFORMATIONAL));
        peers.relay(check, List.of(), 31 * SECOND);

        assertThat(peers.moon.onTimer(60 * SECOND)).as("the answer at 31 s was heard").isEmpty();
        assertThat(peers.moon.onTimer(61 * SECOND)).hasSize(1);
        assertThat(peers.sun.onTimer(1000 * SECOND)).as("sun has no dpd_delay").isEmpty();
    }

    @Test
    void aPeerThatStopsAnsweringIsFoundDeadByTheRetransmissionScheduleAndItsChildrenGo()
    {
        final TwoPeers peers = withOther(TwoPeers.Settings.plain().withDpd("30s"), TwoPeers.Settings.plain());

        long now = 0;
        int sent = 0;
        while (peers.moon.state() == IkeSession.State.ESTABLISHED && now < 1000 * SECOND)
        {
            now += SECOND;
            sent += peers.moon.onTimer(now).size();
        }

        assertThat(sent).as("the check and its 5 retransmissions").isEqualTo(6);
        assertThat(now / SECOND).as("30 s of silence, then strongSwan's 165 s").isBetween(195L, 197L);
        assertThat(peers.moon.state()).isEqualTo(IkeSession.State.FAILED);
        assertThat(peers.moon.failure()).contains("no answer").contains("the peer is dead");
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(peers.moon.children()).isEmpty();
    }
}
