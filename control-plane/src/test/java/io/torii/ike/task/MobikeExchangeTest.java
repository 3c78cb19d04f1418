package io.torii.ike.task;

import static io.torii.ike.task.TwoPeers.SECOND;
import static io.torii.ike.task.TwoPeers.child;
import static io.torii.ike.task.TwoPeers.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.task.RecordingInstaller.Move;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MOBIKE (RFC 4555) between two in-process peers that negotiated it in IKE_AUTH: moon, the original
 * initiator, changes its address and sends UPDATE_SA_ADDRESSES; sun, the responder, moves the IKE SA and its
 * Child SAs to the path the request came by. Message by message, with the SA states expected after each:
 * <pre>
 *   moon 192.0.2.1[4500] ==== sun 192.0.2.2[4500]         IKE_AUTH floated to 4500, no NAT, plain ESP
 *   moon 198.51.100.7[4500] -- INFORMATIONAL request: UPDATE_SA_ADDRESSES, COOKIE2, NAT-D --> sun
 *   moon <-- INFORMATIONAL response: NAT-D over the new path, COOKIE2 echoed -- sun
 * </pre>
 */
class MobikeExchangeTest
{
    private static final InetSocketAddress MOON_OLD = at("192.0.2.1", 4500);
    private static final InetSocketAddress MOON_NEW = at("198.51.100.7", 4500);
    private static final InetSocketAddress SUN = at("192.0.2.2", 4500);
    private static final InetSocketAddress MOON_BEHIND_NAT = at("203.0.113.9", 31_001);

    private static InetSocketAddress at(final String address, final int port)
    {
        return new InetSocketAddress(InetAddress.ofLiteral(address), port);
    }

    @Test
    void bothSidesNegotiateMobikeAndTheInitiatorFloatsToPort4500WithoutANat()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        assertThat(peers.moon.mobikeNegotiated()).isTrue();
        assertThat(peers.sun.mobikeNegotiated()).isTrue();
        // RFC 4555 §3.3, and strongSwan: with MOBIKE configured, IKE_AUTH already goes to 4500.
        assertThat(peers.moon.local()).isEqualTo(MOON_OLD);
        assertThat(peers.moon.remote()).isEqualTo(SUN);
        assertThat(peers.sun.remote()).isEqualTo(MOON_OLD);
        assertThat(peers.moon.natDetected()).isFalse();
        assertThat(child(peers.moon, "net").udpEncapsulation()).as("no NAT: plain ESP").isFalse();
    }

    @Test
    void theResponderMovesTheIkeSaAndEveryChildToTheNewAddress()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());

        // moon -> sun: the request leaves from moon's new address.
        final List<IkeDatagram> update = peers.moon.updateAddresses(MOON_NEW, SECOND);
        assertThat(update).singleElement().satisfies(d ->
        {
            assertThat(d.local()).isEqualTo(MOON_NEW);
            assertThat(d.remote()).isEqualTo(SUN);
            assertThat(header(d).exchangeType()).isEqualTo(ExchangeType.INFORMATIONAL);
        });
        assertThat(peers.moonInstaller.moves).as("moon moves once sun answered").isEmpty();
        final List<IkeDatagram> answer = peers.toSun(update, SECOND);

        // sun: IKE SA and child moved to moon's new address, still no NAT; the answer goes there.
        assertThat(peers.sun.remote()).isEqualTo(MOON_NEW);
        assertThat(peers.sun.local()).isEqualTo(SUN);
        assertThat(peers.sunInstaller.moves).containsExactly(new Move(child(peers.sun, "net"), SUN, MOON_NEW, false));
        assertThat(answer).singleElement().extracting(IkeDatagram::remote).isEqualTo(MOON_NEW);
        assertThat(peers.sun.takeEvents())
            .containsExactly("IKE_SA c moved to 192.0.2.2[4500] - 198.51.100.7[4500], plain ESP");

        // sun -> moon: COOKIE2 echoed, NAT-D finds no NAT; moon's child moves too, nothing more to send.
        assertThat(peers.toMoon(answer, SECOND)).isEmpty();
        assertThat(peers.moon.state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(peers.moon.local()).isEqualTo(MOON_NEW);
        assertThat(peers.moonInstaller.moves).containsExactly(
            new Move(child(peers.moon, "net"), MOON_NEW, SUN, false));
        assertThat(peers.moonInstaller.installed).as("no rekey: the same pairs").hasSize(1);
        assertThat(peers.moon.busy()).isFalse();
    }

    @Test
    void aNatOnTheNewPathIsFoundBothWaysAndEspMovesIntoUdp()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final IkeDatagram update = peers.moon.updateAddresses(MOON_NEW, SECOND).getFirst();

        // moon -> NAT -> sun: the request arrives from the NAT's address and port.
        final List<IkeDatagram> answer = peers.sun.receive(new IkeDatagram(SUN, MOON_BEHIND_NAT, update.message()),
            SECOND);

        assertThat(peers.sun.remote()).isEqualTo(MOON_BEHIND_NAT);
        assertThat(peers.sun.natDetected()).isTrue();
        assertThat(peers.sunInstaller.moves).containsExactly(
            new Move(child(peers.sun, "net"), SUN, MOON_BEHIND_NAT, true));
        assertThat(answer).singleElement().extracting(IkeDatagram::remote).isEqualTo(MOON_BEHIND_NAT);

        // sun -> NAT -> moon: sun's NAT-D over the address it saw tells moon it is behind a NAT.
        assertThat(peers.moon.receive(new IkeDatagram(MOON_NEW, SUN, answer.getFirst().message()), SECOND)).isEmpty();
        assertThat(peers.moon.natDetected()).isTrue();
        assertThat(peers.moonInstaller.moves).containsExactly(new Move(child(peers.moon, "net"), MOON_NEW, SUN, true));
        assertThat(peers.moon.takeEvents())
            .containsExactly("IKE_SA c moved to 198.51.100.7[4500] - 192.0.2.2[4500], ESP in UDP (NAT here)");
        // Behind a NAT now, moon keeps its mapping open from the new address.
        assertThat(peers.moon.onTimer(30 * SECOND)).singleElement().satisfies(keepalive ->
        {
            assertThat(keepalive.local()).isEqualTo(MOON_NEW);
            assertThat(keepalive.message()).containsExactly(0xFF);
        });
    }

    @Test
    void aRequestFromAnotherAddressWithoutUpdateSaAddressesMovesNothing()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final IkeDatagram check = peers.moon.checkLiveness(SECOND).getFirst();

        // §3.8: the responder updates on UPDATE_SA_ADDRESSES only, not on any packet from elsewhere.
        final List<IkeDatagram> answer = peers.sun.receive(new IkeDatagram(SUN, MOON_BEHIND_NAT, check.message()),
            SECOND);

        assertThat(answer).singleElement().extracting(IkeDatagram::remote).isEqualTo(MOON_BEHIND_NAT);
        assertThat(peers.sun.remote()).isEqualTo(MOON_OLD);
        assertThat(peers.sunInstaller.moves).isEmpty();
    }

    @Test
    void aRetransmittedUpdateIsAnsweredFromTheCacheAndMovesOnce()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final List<IkeDatagram> update = peers.moon.updateAddresses(MOON_NEW, SECOND);
        final List<IkeDatagram> first = peers.toSun(update, SECOND);

        // moon did not hear the answer and retransmits from its new address.
        final List<IkeDatagram> again = peers.moon.onTimer(10 * SECOND);
        assertThat(again).singleElement().extracting(IkeDatagram::local).isEqualTo(MOON_NEW);
        final List<IkeDatagram> second = peers.toSun(again, 10 * SECOND);

        assertThat(second).singleElement()
            .satisfies(d -> assertThat(d.message()).isEqualTo(first.getFirst().message()));
        assertThat(peers.sunInstaller.moves).hasSize(1);
        peers.toMoon(second, 10 * SECOND);
        assertThat(peers.moonInstaller.moves).hasSize(1);
    }

    @Test
    void everyChildOfTheSaMoves()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        peers.relay(peers.moon.createChild(peers.moon.profile().child("other").orElseThrow(), 0), List.of(), 0);

        peers.relay(peers.moon.updateAddresses(MOON_NEW, SECOND), List.of(), SECOND);

        assertThat(peers.sunInstaller.moves).extracting(move -> move.child().name())
            .containsExactlyInAnyOrder("net", "other");
        assertThat(peers.moonInstaller.moves).extracting(Move::local).containsOnly(MOON_NEW);
        assertThat(peers.moonInstaller.moves).hasSize(2);
    }
}
