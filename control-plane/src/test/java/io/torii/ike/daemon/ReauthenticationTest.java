package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.sa.ChildSa;
import io.torii.ike.task.IkeSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reauthentication, make-before-break: at {@code reauth_time} moon sets up a second IKE SA with every child
 * of the first, installs the new pairs, and only then deletes the old SA and its pairs.
 */
class ReauthenticationTest
{
    private static final String REAUTH = "reauth_time = 60s\n rekey_time = 0s\n rand_time = 0s\n over_time = 30s";

    private static LifecyclePeers twoChildren(final String moonConnection)
    {
        final LifecyclePeers peers = new LifecyclePeers(moonConnection, "", "", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        final long spi = peers.moon.sessions().keySet().iterator().next();
        assertThat(peers.moon.createChild(spi, "extra", peers.now)).isNull();
        peers.pump();
        assertThat(peers.moonDataplane.pairs).extracting(ChildSa::name).containsExactly("net", "extra");
        return peers;
    }

    @Test
    void theNewSaAndItsChildrenComeUpBeforeTheOldSaGoes()
    {
        final LifecyclePeers peers = twoChildren(REAUTH);
        final long oldSpi = peers.moon.sessions().keySet().iterator().next();
        final List<ChildSa> oldPairs = List.copyOf(peers.moonDataplane.pairs);
        peers.moonDataplane.events.clear();

        peers.advance(59);
        assertThat(peers.moon.sessions()).containsOnlyKeys(oldSpi);

        peers.advance(2);

        assertThat(peers.moonLog()).contains("reauthenticating IKE_SA gw")
            .contains("reauthentication of IKE_SA gw complete");
        assertThat(peers.moon.sessions()).hasSize(1).doesNotContainKey(oldSpi);
        assertThat(peers.moon.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED));
        assertThat(peers.moonDataplane.pairs).extracting(ChildSa::name).containsExactly("net", "extra");
        assertThat(peers.moonDataplane.pairs).doesNotContainAnyElementsOf(oldPairs);
        assertThat(peers.sun.sessions()).hasSize(1);
        assertThat(peers.sunDataplane.pairs).hasSize(2);
        // Make-before-break: the old SA goes only once the new one's last child is up...
        final String log = peers.moonLog();
        assertThat(log.indexOf("reauthentication of IKE_SA gw complete"))
            .isGreaterThan(log.lastIndexOf("CHILD_SA extra established"));
        // ...and both new pairs were in the dataplane before the first old one left it.
        final List<String> events = peers.moonDataplane.events;
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 2)).allSatisfy(event -> assertThat(event).startsWith("install"));
        assertThat(events.subList(2, 4)).allSatisfy(event -> assertThat(event).startsWith("remove"));
        // Not a restart: the old SA still stood, so no INITIAL_CONTACT, and sun deleted nothing on its own.
        assertThat(peers.sunLog()).doesNotContain("INITIAL_CONTACT");
        assertThat(peers.moonLog()).doesNotContain("restarting");
    }

    @Test
    void withoutReauthTimeNothingHappens()
    {
        final LifecyclePeers peers = twoChildren("rekey_time = 0s");
        final long spi = peers.moon.sessions().keySet().iterator().next();

        peers.advance(200);

        assertThat(peers.moon.sessions()).containsOnlyKeys(spi);
        assertThat(peers.moonLog()).doesNotContain("reauthenticating");
    }

    @Test
    void aReauthenticationThatNeverCompletesEndsTheSaAtItsOverTime()
    {
        final LifecyclePeers peers = twoChildren(REAUTH);
        final long oldSpi = peers.moon.sessions().keySet().iterator().next();
        peers.sunAlive = false;

        peers.advance(89);
        assertThat(peers.moon.sessions()).containsKey(oldSpi);
        assertThat(peers.moonLog()).contains("reauthentication of IKE_SA gw failed");

        // At 90 s the old SA is deleted; its Delete goes unanswered and the SA goes all the same.
        peers.advance(11);

        assertThat(peers.moonLog()).contains("reached its over time without reauthentication");
        assertThat(peers.moon.sessions()).isEmpty();
        assertThat(peers.moonDataplane.pairs).isEmpty();
    }
}
