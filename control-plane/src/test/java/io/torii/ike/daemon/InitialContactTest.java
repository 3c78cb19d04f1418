package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.task.IkeSession;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * INITIAL_CONTACT (RFC 7296 §2.4, §3.10.1) and swanctl.conf's {@code unique}: moon restarts without
 * telling sun and comes back; sun must drop what it kept of the old moon, without a Delete to a peer that
 * no longer knows those SAs, and only as its uniqueness policy allows.
 */
class InitialContactTest
{
    /** Moon up once, then a fresh moon daemon (same dataplane recorder) that remembers nothing. */
    private static LifecyclePeers restartedMoon(final String sunConnection)
    {
        final LifecyclePeers peers = new LifecyclePeers("", "", sunConnection, "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        assertThat(peers.sun.sessions()).hasSize(1);
        peers.moon.closeSilently();
        peers.moonDataplane.pairs.clear();
        peers.moon = peers.moonManager();
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        peers.advance(1);
        return peers;
    }

    @Test
    void aRestartedPeersInitialContactRemovesItsStaleSasSilently()
    {
        final LifecyclePeers peers = restartedMoon("");

        assertThat(peers.sunLog()).contains("deleting duplicate IKE_SA for peer 'moon.example' due to INITIAL_CONTACT");
        assertThat(peers.sun.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED));
        assertThat(peers.sunDataplane.pairs).singleElement().satisfies(pair ->
            assertThat(pair.outboundSpi()).isEqualTo(peers.moonDataplane.pairs.getFirst().inboundSpi()));
        // No Delete went to moon for the stale SA: it would be for an SPI moon does not know.
        assertThat(peers.moon.dropCounts().counts()).doesNotContainKey(DropCounts.UNKNOWN_SPI);
        assertThat(peers.moon.sessions()).hasSize(1);
    }

    @Test
    void uniqueNeverKeepsTheStaleSasDespiteInitialContact()
    {
        final LifecyclePeers peers = restartedMoon("unique = never");

        assertThat(peers.sunLog()).doesNotContain("deleting duplicate");
        assertThat(peers.sun.sessions()).hasSize(2);
        assertThat(peers.sunDataplane.pairs).hasSize(2);
    }

    @Test
    void aSecondSaOfTheSameConnectionSendsNoInitialContact()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "", "", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        peers.moon.initiate("gw", peers.now);
        peers.pump();

        // unique = no: without INITIAL_CONTACT both SAs stand, on both sides.
        assertThat(peers.sunLog()).doesNotContain("deleting duplicate");
        assertThat(peers.sun.sessions()).hasSize(2);
        assertThat(peers.moon.sessions()).hasSize(2);
    }

    @Test
    void uniqueReplaceDeletesTheOlderSaWithADelete()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "", "unique = replace", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        final long firstSpi = peers.moon.sessions().keySet().iterator().next();
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        peers.advance(1);

        assertThat(peers.sunLog())
            .contains("deleting duplicate IKE_SA for peer 'moon.example' due to uniqueness policy");
        assertThat(peers.sun.sessions()).hasSize(1);
        // Moon heard the Delete and dropped the older SA too.
        assertThat(peers.moon.sessions()).hasSize(1).doesNotContainKey(firstSpi);
        assertThat(peers.moonDataplane.pairs).hasSize(1);
        assertThat(peers.sunDataplane.pairs).hasSize(1);
    }

    @Test
    void uniqueKeepRefusesASecondSaFromAnotherAddress()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "", "unique = keep", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        final long sunFirst = peers.sun.sessions().keySet().iterator().next();

        // The same identity from elsewhere, with INITIAL_CONTACT: keep holds on to the first SA all the same.
        peers.moon = peers.moonManagerAt(InetAddress.ofLiteral("192.0.2.3"));
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        peers.advance(1);

        assertThat(peers.sunLog()).contains("cancelling IKE_SA gw setup due to uniqueness policy");
        assertThat(peers.sun.sessions()).containsOnlyKeys(sunFirst);
        assertThat(peers.moon.sessions()).as("the second moon heard the Delete").isEmpty();
    }
}
