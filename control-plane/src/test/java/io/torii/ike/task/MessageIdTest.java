package io.torii.ike.task;

import static io.torii.ike.task.TwoPeers.SECOND;
import static io.torii.ike.task.TwoPeers.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildProfile;
import io.torii.ike.sa.ChildSa;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Message IDs, windows and retransmission after IKE_AUTH (RFC 7296 §2.1 to §2.3): each side counts the
 * requests it sends and those it receives apart, a lost request is sent again, a retransmitted request
 * gets the cached response and is never processed twice, and a request that crosses ours is answered.
 */
class MessageIdTest
{
    private static ChildProfile other(final IkeSession session)
    {
        return session.profile().child("other").orElseThrow();
    }

    @Test
    void aRetransmittedCreateChildRequestGetsTheSameResponseAndMakesNoSecondPair()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final List<IkeDatagram> request = peers.moon.createChild(other(peers.moon), 0);

        final List<IkeDatagram> first = peers.toSun(request, 0);
        final List<IkeDatagram> again = peers.toSun(request, SECOND);

        assertThat(again).singleElement().satisfies(d ->
            assertThat(d.message()).isEqualTo(first.getFirst().message()));
        assertThat(peers.sunInstaller.installed).hasSize(2);
        peers.toMoon(first, SECOND);
        assertThat(peers.toMoon(again, SECOND)).as("a duplicate response is dropped").isEmpty();
        assertThat(peers.moon.unexpected()).isEqualTo(1);
        assertThat(peers.moonInstaller.installed).hasSize(2);
    }

    @Test
    void aLostRequestIsSentAgainOnScheduleAndTheExchangeCompletes()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final ChildSa net = TwoPeers.child(peers.moon, "net");
        final IkeDatagram lost = peers.moon.deleteChild(net, 0).getFirst();

        assertThat(peers.moon.onTimer(3 * SECOND)).isEmpty();
        final List<IkeDatagram> resent = peers.moon.onTimer(4 * SECOND);
        peers.relay(resent, List.of(), 4 * SECOND);

        assertThat(resent).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo(lost.message()));
        assertThat(peers.moon.children()).isEmpty();
        assertThat(peers.sun.children()).isEmpty();
        assertThat(peers.moon.onTimer(100 * SECOND)).as("nothing left to retransmit").isEmpty();
    }

    @Test
    void requestsThatCrossAreBothAnsweredAndEachSideKeepsItsOwnCounter()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final List<IkeDatagram> moonRequest = peers.moon.createChild(other(peers.moon), 0);
        final List<IkeDatagram> sunRequest = peers.sun.createChild(other(peers.sun), 0);

        final List<IkeDatagram> sunAnswer = peers.toSun(moonRequest, 0);
        final List<IkeDatagram> moonAnswer = peers.toMoon(sunRequest, 0);
        peers.toMoon(sunAnswer, 0);
        peers.toSun(moonAnswer, 0);

        assertThat(header(moonRequest.getFirst()).messageId()).isEqualTo(2);
        assertThat(header(sunRequest.getFirst()).messageId()).isZero();
        assertThat(header(sunAnswer.getFirst()).messageId()).isEqualTo(2);
        assertThat(header(moonAnswer.getFirst()).messageId()).isZero();
        assertThat(peers.moon.children()).extracting(ChildSa::name).containsExactly("net", "other", "other");
        assertThat(peers.sun.children()).hasSize(3);
        assertThat(peers.moonInstaller.installed).hasSize(3);

        final List<IkeDatagram> next = peers.sun.checkLiveness(0);
        assertThat(header(next.getFirst()).messageId()).isEqualTo(1);
        peers.relay(List.of(), next, 0);
        assertThat(peers.sun.busy()).isFalse();
    }

    @Test
    void aRequestWithAMessageIdFromTheFutureOrThePastIsDropped()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final List<IkeDatagram> first = peers.moon.checkLiveness(0);
        peers.relay(first, List.of(), 0);
        final List<IkeDatagram> second = peers.moon.checkLiveness(0);
        final List<IkeDatagram> third;
        // The second is lost; a third cannot be sent before it is answered (a window of one) ...
        assertThat(peers.moon.checkLiveness(0)).isEmpty();
        assertThat(header(second.getFirst()).messageId()).isEqualTo(3);
        // ... and the first again is an old request: answered from the cache, not processed.
        third = peers.toSun(first, 0);
        assertThat(third).singleElement().satisfies(d -> assertThat(header(d).messageId()).isEqualTo(2));
        assertThat(peers.toMoon(third, 0)).isEmpty();
        assertThat(peers.moon.busy()).isTrue();
        assertThat(header(first.getFirst()).exchangeType()).isEqualTo(ExchangeType.INFORMATIONAL);
    }
}
