package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.task.IkeSession;
import org.junit.jupiter.api.Test;

/**
 * {@code dpd_action} when the peer stops answering: moon checks liveness after 5 s of silence
 * ({@code dpd_delay}); with quick retransmissions its check fails 7 s later, and the IKE SA with it.
 */
class DpdActionTest
{
    private static LifecyclePeers peers(final String dpdAction)
    {
        final LifecyclePeers peers = new LifecyclePeers("dpd_delay = 5s", "dpd_action = " + dpdAction, "", "");
        assertThat(peers.moon.initiate("gw", peers.now)).isNull();
        peers.pump();
        assertThat(peers.moonDataplane.pairs).hasSize(1);
        return peers;
    }

    @Test
    void restartBringsTheTunnelBackOnceThePeerAnswersAgain()
    {
        final LifecyclePeers peers = peers("restart");
        peers.killSun();

        peers.advance(14);

        // The liveness check went unanswered: the SA failed, its pair left the dataplane, a new SA is under way.
        assertThat(peers.moonLog()).contains("the peer is dead").contains("restarting CHILD_SA net");
        assertThat(LifecyclePeers.count(peers.moonLog(), "initiating IKE_SA gw")).isEqualTo(2);
        assertThat(peers.moon.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.CONNECTING));
        assertThat(peers.moonDataplane.pairs).isEmpty();

        // Still silent: the restart gives up after its retransmissions and tries again, and again.
        peers.advance(14);
        assertThat(peers.moonLog()).contains("still not responding, restarting again");
        assertThat(LifecyclePeers.count(peers.moonLog(), "initiating IKE_SA gw")).isGreaterThanOrEqualTo(4);
        assertThat(peers.moon.sessions()).hasSize(1);

        peers.restartSun();
        peers.advance(8);

        assertThat(peers.moon.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED));
        assertThat(peers.moonDataplane.pairs).singleElement()
            .satisfies(pair -> assertThat(pair.name()).isEqualTo("net"));
        assertThat(peers.sunDataplane.pairs).singleElement()
            .satisfies(pair -> assertThat(pair.inboundSpi()).isEqualTo(
                peers.moonDataplane.pairs.getFirst().outboundSpi()));
    }

    @Test
    void clearRemovesEverythingAndStartsNothing()
    {
        final LifecyclePeers peers = peers("clear");
        peers.killSun();

        peers.advance(30);

        assertThat(peers.moonLog()).contains("the peer is dead").doesNotContain("restarting");
        assertThat(LifecyclePeers.count(peers.moonLog(), "initiating IKE_SA gw")).isEqualTo(1);
        assertThat(peers.moon.sessions()).isEmpty();
        assertThat(peers.moonDataplane.pairs).isEmpty();
        assertThat(peers.moonDataplane.traps).isEmpty();
    }

    @Test
    void trapInstallsATrapThatNegotiatesOnceOnTraffic()
    {
        final LifecyclePeers peers = peers("trap");
        peers.killSun();
        peers.advance(14);

        assertThat(peers.moon.sessions()).isEmpty();
        assertThat(peers.moonDataplane.pairs).isEmpty();
        assertThat(peers.moonDataplane.traps.values()).containsExactly("10.1.0.0/24 === 10.2.0.0/24");
        assertThat(peers.moonLog()).contains("installed trap for CHILD_SA net");

        peers.restartSun();
        final int trap = peers.moonDataplane.onlyTrap();
        assertThat(peers.moon.onAcquire(trap, peers.now)).isTrue();
        assertThat(peers.moon.onAcquire(trap, peers.now)).as("one negotiation per trap at a time").isTrue();
        assertThat(peers.moon.sessions()).hasSize(1);
        assertThat(peers.moon.onAcquire(trap + 1, peers.now)).as("not a trap of moon's").isFalse();

        peers.pump();

        assertThat(peers.moonDataplane.pairs).singleElement()
            .satisfies(pair -> assertThat(pair.name()).isEqualTo("net"));
        assertThat(peers.moonDataplane.traps).as("the trap stays, below the pair's policies").hasSize(1);
        // Traffic that still meets the trap (a packet in flight) starts nothing while the pair is up.
        assertThat(peers.moon.onAcquire(trap, peers.now)).isTrue();
        assertThat(LifecyclePeers.count(peers.moonLog(), "initiating IKE_SA gw")).isEqualTo(2);
        assertThat(LifecyclePeers.count(peers.moonLog(), "creating acquire job")).isEqualTo(1);
    }
}
