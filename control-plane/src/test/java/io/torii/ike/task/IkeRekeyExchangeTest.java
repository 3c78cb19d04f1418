package io.torii.ike.task;

import static io.torii.ike.task.RekeyingPeers.MOON_NEW_SPIS;
import static io.torii.ike.task.RekeyingPeers.MOON_SPI;
import static io.torii.ike.task.RekeyingPeers.SECOND;
import static io.torii.ike.task.RekeyingPeers.SUN_NEW_SPIS;
import static io.torii.ike.task.RekeyingPeers.SUN_SPI;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeHeaderFlyweight;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.proposal.KeyExchangeGroups;
import io.torii.ike.sa.ChildSa;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IKE SA rekeying between two in-process peers (RFC 7296 §1.3.2, §2.18), message by message: the new SA
 * with its SPIs and keys, message IDs from 0, the Child SAs handed over without touching the dataplane,
 * the old SA deleted by the rekey's initiator and its keys zeroed.
 */
class IkeRekeyExchangeTest
{
    /** RFC 8031: Curve25519, key exchange method 31. */
    private static final int X25519 = 31;

    @Test
    void moonRekeysAndTheNewSaTakesTheChildSasAlong()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(1);
        final IkeSession oldMoon = peers.moon();
        final IkeSession oldSun = peers.sun();
        final List<ChildSa> children = oldMoon.children();
        final List<ChildSa> sunChildren = oldSun.children();
        assertThat(children).hasSize(1);

        // moon -> sun   CREATE_CHILD_SA request on the old SA, ID 2: SA (IKE, SPI A..01), Ni, KEi, no TS.
        final List<IkeDatagram> request = oldMoon.rekeyIke(0);
        assertThat(request).hasSize(1);
        expect(request.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, false, 2);

        // sun -> moon   the response, ID 2: SA (SPI B..01), Nr, KEr. Sun's new SA is up at once, the old one
        //               waits for moon's Delete.
        final List<IkeDatagram> response = peers.toSun(request, 0);
        expect(response.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, true, 2);
        final IkeSession newSun = peers.sun();
        assertThat(newSun.initiatorSpi()).isEqualTo(MOON_NEW_SPIS + 1);
        assertThat(newSun.responderSpi()).isEqualTo(SUN_NEW_SPIS + 1);
        assertThat(newSun.originalInitiator()).isFalse();
        assertThat(oldSun.superseded()).isTrue();
        assertThat(oldSun.state()).isEqualTo(IkeSession.State.ESTABLISHED);

        // moon -> sun   INFORMATIONAL Delete (IKE) on the old SA, ID 3; moon's new SA is up.
        final List<IkeDatagram> delete = peers.toMoon(response, 0);
        expect(delete.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.INFORMATIONAL, false, 3);
        final IkeSession newMoon = peers.moon();
        assertThat(newMoon.initiatorSpi()).isEqualTo(MOON_NEW_SPIS + 1);
        assertThat(newMoon.responderSpi()).isEqualTo(SUN_NEW_SPIS + 1);
        assertThat(newMoon.originalInitiator()).isTrue();

        // sun -> moon   the empty response; both old SAs are gone.
        final List<IkeDatagram> deleted = peers.toSun(delete, 0);
        expect(deleted.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.INFORMATIONAL, true, 3);
        assertThat(peers.toMoon(deleted, 0)).isEmpty();

        assertThat(oldMoon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(oldSun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(oldMoon.children()).isEmpty();
        assertThat(newMoon.children()).isEqualTo(children);
        assertThat(newSun.children()).isEqualTo(sunChildren);
        assertThat(peers.moonInstaller.installed).isEqualTo(children);
        assertThat(peers.moonInstaller.removed).isEmpty();
        assertThat(peers.sunInstaller.installed).isEqualTo(sunChildren);
        assertThat(peers.sunInstaller.removed).isEmpty();
        assertThat(oldMoon.context().keys.closed()).isTrue();
        assertThat(oldSun.context().keys.closed()).isTrue();
        assertThat(newMoon.context().keys.closed()).isFalse();
        assertThat(oldMoon.takeEvents()).noneMatch(event -> event.contains("deleted"));
    }

    @Test
    void theNewSaRunsItsOwnExchangesFromMessageIdZero()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(2);
        final List<ChildSa> first = peers.moon().children();
        peers.relay(peers.moon().rekeyIke(0), List.of(), 0);
        final IkeSession moon = peers.moon();
        final IkeSession sun = peers.sun();

        // moon -> sun   CREATE_CHILD_SA for "other" on the new SA, ID 0, under the new SPIs.
        final List<IkeDatagram> create = moon.createChild(moon.profile().child("other").orElseThrow(), SECOND);
        expect(create.getFirst(), MOON_NEW_SPIS + 1, SUN_NEW_SPIS + 1, ExchangeType.CREATE_CHILD_SA, false, 0);
        peers.relay(create, List.of(), SECOND);
        assertThat(moon.children()).extracting(ChildSa::name).containsExactly("net", "other");
        assertThat(sun.children()).extracting(ChildSa::name).containsExactly("net", "other");

        // sun -> moon   INFORMATIONAL, sun's first request on the new SA: ID 0, as the new SA's responder.
        final List<IkeDatagram> delete = sun.deleteIke(2 * SECOND);
        expect(delete.getFirst(), MOON_NEW_SPIS + 1, SUN_NEW_SPIS + 1, ExchangeType.INFORMATIONAL, false, 0);
        assertThat(TwoPeers.header(delete.getFirst()).isInitiator()).isFalse();
        peers.relay(List.of(), delete, 2 * SECOND);
        assertThat(moon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(sun.state()).isEqualTo(IkeSession.State.CLOSED);
        // Deleting the new SA takes the Child SAs it inherited with it, and only now.
        assertThat(peers.moonInstaller.removed).containsAll(first).hasSize(2);
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(peers.sunInstaller.active()).isEmpty();
    }

    @Test
    void sunRekeysAndBecomesTheNewSasOriginalInitiator()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(3);
        final IkeSession oldMoon = peers.moon();
        final IkeSession oldSun = peers.sun();

        // sun -> moon   CREATE_CHILD_SA, sun's first request: ID 0, I flag clear (sun is the old SA's responder).
        final List<IkeDatagram> request = oldSun.rekeyIke(0);
        expect(request.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, false, 0);
        assertThat(TwoPeers.header(request.getFirst()).isInitiator()).isFalse();
        peers.relay(List.of(), request, 0);

        final IkeSession newMoon = peers.moon();
        final IkeSession newSun = peers.sun();
        // The rekey's initiator is the new SA's original initiator: SPIi is sun's.
        assertThat(newSun.initiatorSpi()).isEqualTo(SUN_NEW_SPIS + 1);
        assertThat(newSun.responderSpi()).isEqualTo(MOON_NEW_SPIS + 1);
        assertThat(newSun.originalInitiator()).isTrue();
        assertThat(newMoon.originalInitiator()).isFalse();
        assertThat(newMoon.initiatorSpi()).isEqualTo(SUN_NEW_SPIS + 1);
        assertThat(oldMoon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(oldSun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(newMoon.children()).hasSize(1);
        assertThat(peers.moonInstaller.removed).isEmpty();
        assertThat(peers.sunInstaller.removed).isEmpty();

        // The new SA works with the roles swapped: moon, its responder, creates a child.
        peers.relay(newMoon.createChild(newMoon.profile().child("other").orElseThrow(), SECOND), List.of(), SECOND);
        assertThat(newSun.children()).extracting(ChildSa::name).containsExactly("net", "other");
    }

    @Test
    void manyConsecutiveRekeysFromEitherSideKeepTheChildSas()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(4);
        final List<ChildSa> moonChildren = peers.moon().children();
        final List<ChildSa> sunChildren = peers.sun().children();
        for (int round = 0; round < 40; round++)
        {
            final long now = round * SECOND;
            if (round % 3 == 0)
            {
                peers.relay(List.of(), peers.sun().rekeyIke(now), now);
            }
            else
            {
                peers.relay(peers.moon().rekeyIke(now), List.of(), now);
            }
            assertThat(peers.moon().initiatorSpi()).isEqualTo(peers.sun().initiatorSpi());
            assertThat(peers.moon().responderSpi()).isEqualTo(peers.sun().responderSpi());
        }
        assertThat(peers.moonSessions).hasSize(41);
        assertThat(peers.moonSessions.stream().filter(RekeyingPeers.live())).hasSize(1);
        assertThat(peers.moonSessions.subList(0, 40)).allMatch(s -> s.state() == IkeSession.State.CLOSED);
        assertThat(peers.sunSessions.subList(0, 40)).allMatch(s -> s.state() == IkeSession.State.CLOSED);
        assertThat(peers.moonSessions.subList(0, 40)).allMatch(s -> s.context().keys.closed());
        assertThat(peers.moon().children()).isEqualTo(moonChildren);
        assertThat(peers.sun().children()).isEqualTo(sunChildren);
        assertThat(peers.moonInstaller.installed).hasSize(1);
        assertThat(peers.moonInstaller.removed).isEmpty();
        assertThat(peers.sunInstaller.removed).isEmpty();
        // Still working: a liveness check on the fortieth successor is answered.
        peers.relay(peers.moon().checkLiveness(41 * SECOND), List.of(), 41 * SECOND);
        assertThat(peers.moon().busy()).isFalse();
    }

    @Test
    void aResponderThatPrefersAnotherGroupAsksForItWithInvalidKePayload()
    {
        // IKE_SA_INIT settles on ecp256 (sun, the responder, prefers it); when sun rekeys with that group,
        // moon prefers x25519 and answers INVALID_KE_PAYLOAD, and sun tries again with x25519 (§1.3).
        final RekeyingPeers peers = new RekeyingPeers("rekey_time = 0s", "rekey_time = 0s",
            "aes256gcm16-prfsha256-x25519-ecp256", "aes256gcm16-prfsha256-ecp256-x25519", 5);
        final List<IkeDatagram> request = peers.sun().rekeyIke(0);
        final List<IkeDatagram> refusal = peers.toMoon(request, 0);
        assertThat(peers.moon().superseded()).isFalse();
        final List<IkeDatagram> retry = peers.toSun(refusal, 0);
        expect(retry.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, false, 1);
        peers.relay(List.of(), retry, 0);
        assertThat(peers.moon().initiatorSpi()).isEqualTo(SUN_NEW_SPIS + 1);
        assertThat(KeyExchangeGroups.selectedGroup(peers.moon().ikeProposal())).hasValue(X25519);
        assertThat(peers.sun().ikeProposal().transforms()).isEqualTo(peers.moon().ikeProposal().transforms());
        assertThat(peers.moonInstaller.removed).isEmpty();
    }

    /** Asserts the IKE header of a datagram. */
    static void expect(final IkeDatagram datagram, final long spiI, final long spiR, final int exchange,
        final boolean response, final int messageId)
    {
        final IkeHeaderFlyweight header = TwoPeers.header(datagram);
        assertThat(header.initiatorSpi()).as("SPIi").isEqualTo(spiI);
        assertThat(header.responderSpi()).as("SPIr").isEqualTo(spiR);
        assertThat(header.exchangeType()).as("exchange").isEqualTo(exchange);
        assertThat(header.isResponse()).as("response").isEqualTo(response);
        assertThat(header.messageId()).as("message ID").isEqualTo(messageId);
    }
}
