package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.task.IkeSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * MOBIKE as the mobile peer (RFC 4555 §3.5), driven by the host's addresses: moon (the original initiator)
 * loses 192.0.2.1 and gains 192.0.2.9; the follower asks its IKE SA to move, UPDATE_SA_ADDRESSES goes out
 * from the new address, and sun, the responder, takes the new address as moon's.
 */
class AddressFollowerTest
{
    private static final InetAddress MOVED = InetAddress.ofLiteral("192.0.2.9");

    private final FakeAddressSource host = new FakeAddressSource();
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final AddressFollower follower = new AddressFollower(host,
        new PrintStream(lines, true, StandardCharsets.UTF_8));

    private LifecyclePeers established(final String connectionLines)
    {
        final LifecyclePeers peers = new LifecyclePeers(connectionLines, "", connectionLines, "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        assertThat(only(peers.moon).state()).isEqualTo(IkeSession.State.ESTABLISHED);
        host.held.add(LifecyclePeers.MOON);
        host.routes.put(LifecyclePeers.SUN, LifecyclePeers.MOON);
        return peers;
    }

    private static IkeSession only(final IkeSaManager manager)
    {
        assertThat(manager.sessions()).hasSize(1);
        return manager.sessions().values().iterator().next();
    }

    private String log()
    {
        return lines.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whenOurAddressGoesTheInitiatorMovesTheSaAndThePeerFollows()
    {
        final LifecyclePeers peers = established("");
        final int port = only(peers.moon).local().getPort();
        host.move(LifecyclePeers.MOON, MOVED, LifecyclePeers.SUN);

        assertThat(follower.follow(peers.moon, host.held, true, peers.now)).isEqualTo(1);
        // The request leaves from the new address, on the port the SA used (4500 after MOBIKE's float).
        assertThat(peers.toSun).singleElement()
            .satisfies(request -> assertThat(request.local()).isEqualTo(new InetSocketAddress(MOVED, port)));
        peers.pump();

        assertThat(log()).contains("requesting address change using MOBIKE: IKE_SA gw from 192.0.2.1 to 192.0.2.9");
        assertThat(only(peers.moon).local()).isEqualTo(new InetSocketAddress(MOVED, port));
        assertThat(only(peers.sun).remote()).isEqualTo(new InetSocketAddress(MOVED, port));
        assertThat(only(peers.moon).state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(only(peers.sun).state()).isEqualTo(IkeSession.State.ESTABLISHED);

        // Checked again with the addresses as they now are, nothing moves.
        assertThat(follower.follow(peers.moon, host.held, true, peers.now)).isZero();
        assertThat(peers.toSun).isEmpty();
    }

    @Test
    void aRouteThatNowLeavesFromAnotherOfOurAddressesMovesTheSaToo()
    {
        final LifecyclePeers peers = established("");
        host.held.add(MOVED);
        host.routes.put(LifecyclePeers.SUN, MOVED);

        assertThat(follower.follow(peers.moon, host.held, true, peers.now)).isEqualTo(1);
        peers.pump();

        assertThat(only(peers.sun).remote().getAddress()).isEqualTo(MOVED);
    }

    @Test
    void theRouteCheckMovesAMobikeSaSilentlyLeavesOthersAndWritesNoLineForThem()
    {
        final LifecyclePeers withMobike = established("");
        host.held.add(MOVED);
        host.routes.put(LifecyclePeers.SUN, MOVED);
        assertThat(follower.follow(withMobike.moon, host.held, false, withMobike.now)).isEqualTo(1);
        withMobike.pump();
        assertThat(only(withMobike.sun).remote().getAddress()).isEqualTo(MOVED);

        final LifecyclePeers without = established("mobike = no");
        final int linesBefore = log().length();
        assertThat(follower.follow(without.moon, host.held, false, without.now)).as("its address is still held")
            .isZero();
        assertThat(follower.follow(without.moon, host.held, true, without.now)).isZero();
        assertThat(without.toSun).isEmpty();
        assertThat(log().substring(linesBefore)).isEmpty();
    }

    @Test
    void anSaThatCanNeitherMoveNorReauthenticateGetsOneLineWhenTheAddressesChangeAndNoneAtRouteChecks()
    {
        final LifecyclePeers peers = established("mobike = no");
        host.held.remove(LifecyclePeers.MOON);
        host.routes.clear();

        assertThat(follower.follow(peers.moon, host.held, false, peers.now)).isZero();
        assertThat(log()).isEmpty();
        assertThat(follower.follow(peers.moon, host.held, true, peers.now)).isZero();
        assertThat(log()).contains("IKE_SA gw cannot follow the address change from 192.0.2.1: MOBIKE not negotiated");
        assertThat(peers.toSun).isEmpty();
    }

    @Test
    void anAddressChangeElsewhereLeavesTheSaAlone()
    {
        final LifecyclePeers peers = established("");
        host.held.add(InetAddress.ofLiteral("198.51.100.7"));

        assertThat(follower.follow(peers.moon, host.held, true, peers.now)).isZero();
        assertThat(peers.toSun).isEmpty();
        assertThat(log()).isEmpty();
    }

    @Test
    void withoutMobikeTheSaIsReauthenticatedFromTheNewAddressAndTheOldOneDeleted()
    {
        final LifecyclePeers peers = established("mobike = no");
        assertThat(only(peers.moon).mobikeNegotiated()).isFalse();
        final long oldSpi = peers.moon.sessions().keySet().iterator().next();
        host.move(LifecyclePeers.MOON, MOVED, LifecyclePeers.SUN);

        assertThat(follower.follow(peers.moon, host.held, true, peers.now)).isEqualTo(1);
        assertThat(peers.toSun).singleElement()
            .satisfies(request -> assertThat(request.local().getAddress()).isEqualTo(MOVED));
        peers.pump();
        peers.advance(1);

        assertThat(log()).contains("IKE_SA gw cannot follow the address change from 192.0.2.1 with MOBIKE " +
            "(MOBIKE not negotiated), reauthenticating from 192.0.2.9");
        // No Delete can leave from the lost address: the old SA ends here, and INITIAL_CONTACT ends it at sun.
        assertThat(peers.moonLog()).contains("reauthentication of IKE_SA gw complete, ending the old IKE_SA, " +
            "whose address is gone");
        assertThat(peers.sunLog()).contains("deleting duplicate IKE_SA for peer 'moon.example' due to INITIAL_CONTACT");
        assertThat(peers.moon.sessions()).doesNotContainKey(oldSpi);
        assertThat(only(peers.moon).local().getAddress()).isEqualTo(MOVED);
        assertThat(only(peers.sun).remote().getAddress()).isEqualTo(MOVED);
        assertThat(peers.sunDataplane.pairs).hasSize(1);

        // Asked again while nothing changed, it does nothing more.
        assertThat(follower.follow(peers.moon, host.held, true, peers.now)).isZero();
    }

    @Test
    void theResponderDoesNotUpdateTheAddressesButReauthenticatesFromTheNewOne()
    {
        final LifecyclePeers peers = established("");
        host.held.clear();
        host.held.add(MOVED);
        host.routes.put(LifecyclePeers.MOON, MOVED);

        assertThat(follower.follow(peers.sun, host.held, true, peers.now)).isEqualTo(1);
        peers.pump();
        peers.advance(1);

        assertThat(log()).contains("only the original initiator may update the addresses (RFC 4555 §3.5)), " +
            "reauthenticating from 192.0.2.9");
        assertThat(only(peers.moon).remote().getAddress()).isEqualTo(MOVED);
        assertThat(only(peers.sun).local().getAddress()).isEqualTo(MOVED);
        assertThat(peers.moonDataplane.pairs).hasSize(1);
        assertThat(peers.sunDataplane.pairs).hasSize(1);
    }

    @Test
    void withNoRouteToThePeerTheSaWaitsForOne()
    {
        final LifecyclePeers peers = established("");
        host.held.remove(LifecyclePeers.MOON);
        host.routes.clear();

        assertThat(follower.follow(peers.moon, host.held, true, peers.now)).isZero();
        assertThat(peers.toSun).isEmpty();
        assertThat(log()).contains("IKE_SA gw cannot follow the address change from 192.0.2.1: " +
            "no route leads to 192.0.2.2 (waiting for one)");
        assertThat(only(peers.moon).local().getAddress()).isEqualTo(LifecyclePeers.MOON);
    }
}
