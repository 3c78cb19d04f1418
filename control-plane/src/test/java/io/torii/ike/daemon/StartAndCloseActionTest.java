package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.task.IkeSession;
import org.junit.jupiter.api.Test;

/**
 * {@code start_action} when the connections are loaded and {@code close_action} when the peer deletes a
 * Child or IKE SA; deletes of our own never trigger a close action.
 */
class StartAndCloseActionTest
{
    @Test
    void startActionTrapInstallsTrapsAndNegotiatesOnTheFirstPacket()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "start_action = trap", "", "");

        peers.moon.initiateOnLoad(peers.now);

        assertThat(peers.moon.sessions()).as("a trap negotiates nothing by itself").isEmpty();
        assertThat(peers.moonDataplane.traps.values()).containsExactly("10.1.0.0/24 === 10.2.0.0/24",
            "10.1.0.128/25 === 10.2.0.128/25");
        final int netTrap = peers.moonDataplane.traps.keySet().iterator().next();

        assertThat(peers.moon.onAcquire(netTrap, peers.now)).isTrue();
        peers.pump();

        assertThat(peers.moon.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED));
        assertThat(peers.moonDataplane.pairs).extracting(pair -> pair.name()).containsExactly("net");
        assertThat(peers.moonDataplane.traps).as("traps stay while the pairs exist").hasSize(2);
    }

    @Test
    void startActionStartBringsUpEveryChildThatSaysSo()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "start_action = start", "", "");

        peers.moon.initiateOnLoad(peers.now);
        peers.pump();

        assertThat(peers.moon.sessions()).hasSize(1);
        assertThat(peers.moonDataplane.pairs).extracting(pair -> pair.name()).containsExactly("net", "extra");
        assertThat(peers.moonDataplane.traps).isEmpty();
    }

    @Test
    void closeActionStartBringsBackAChildThePeerDeleted()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "close_action = start", "", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        final int firstSpi = peers.moonDataplane.pairs.getFirst().inboundSpi();

        assertThat(peers.sun.terminateChild("net", peers.now)).isNull();
        peers.pump();

        assertThat(peers.moonLog()).contains("restarting CHILD_SA net");
        assertThat(peers.moonDataplane.pairs).singleElement().satisfies(pair ->
        {
            assertThat(pair.name()).isEqualTo("net");
            assertThat(pair.inboundSpi()).isNotEqualTo(firstSpi);
        });
        assertThat(peers.sunDataplane.pairs).hasSize(1);
    }

    @Test
    void closeActionStartBringsBackAnIkeSaThePeerDeleted()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "close_action = start", "", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();

        assertThat(peers.sun.terminateIke("gw", peers.now)).isNull();
        peers.pump();
        peers.advance(1);

        assertThat(LifecyclePeers.count(peers.moonLog(), "initiating IKE_SA gw")).isEqualTo(2);
        assertThat(peers.moon.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED));
        assertThat(peers.moonDataplane.pairs).hasSize(1);
    }

    @Test
    void ourOwnDeletesTriggerNoCloseAction()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "close_action = start", "", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();

        assertThat(peers.moon.terminateChild("net", peers.now)).isNull();
        peers.pump();
        assertThat(peers.moonDataplane.pairs).isEmpty();

        assertThat(peers.moon.terminateIke("gw", peers.now)).isNull();
        peers.pump();
        peers.advance(1);

        assertThat(peers.moonLog()).doesNotContain("restarting");
        assertThat(peers.moon.sessions()).isEmpty();
        assertThat(LifecyclePeers.count(peers.moonLog(), "initiating IKE_SA gw")).isEqualTo(1);
    }

    @Test
    void closeActionNoneLetsThePeersDeleteStand()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "", "", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();

        peers.sun.terminateIke("gw", peers.now);
        peers.pump();
        peers.advance(1);

        assertThat(peers.moon.sessions()).isEmpty();
        assertThat(peers.moonDataplane.pairs).isEmpty();
        assertThat(peers.moonLog()).doesNotContain("restarting");
    }

    @Test
    void closeActionTrapLeavesATrapWhenThePeerDeletesTheIkeSa()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "close_action = trap", "", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        assertThat(peers.moonDataplane.traps).isEmpty();

        peers.sun.terminateIke("gw", peers.now);
        peers.pump();
        peers.advance(1);

        assertThat(peers.moon.sessions()).isEmpty();
        assertThat(peers.moonDataplane.pairs).isEmpty();
        assertThat(peers.moonDataplane.traps.values()).containsExactly("10.1.0.0/24 === 10.2.0.0/24");
    }

    @Test
    void aReloadReplacesTheTrapsAsTheNewStartActionsSay()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "start_action = trap", "", "");
        peers.moon.initiateOnLoad(peers.now);
        assertThat(peers.moonDataplane.traps).hasSize(2);

        peers.moon.replaceConnections(LifecyclePeers.moonConnections("start_action = none"));
        assertThat(peers.moonDataplane.traps).isEmpty();

        peers.moon.replaceConnections(LifecyclePeers.moonConnections("start_action = trap"));
        assertThat(peers.moonDataplane.traps.values()).containsExactly("10.1.0.0/24 === 10.2.0.0/24",
            "10.1.0.128/25 === 10.2.0.128/25");
        assertThat(peers.moon.sessions()).isEmpty();
    }

    @Test
    void thePeersReauthenticationIsNoCloseOfItsChildren()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "close_action = start",
            "reauth_time = 30s\n rekey_time = 0s\n rand_time = 0s", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();

        // Sun reauthenticates make-before-break: a new IKE SA with net, then a Delete of the old one.
        peers.advance(31);

        assertThat(peers.sunLog()).contains("reauthentication of IKE_SA gw complete");
        assertThat(peers.moon.sessions()).hasSize(1);
        assertThat(peers.moonDataplane.pairs).extracting(pair -> pair.name()).containsExactly("net");
        assertThat(peers.moonLog()).doesNotContain("restarting");
    }
}
