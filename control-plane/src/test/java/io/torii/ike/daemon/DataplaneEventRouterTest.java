package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.ike.sa.ChildSa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The dataplane's events routed to the SA managers: lifetime and sequence-number events reach the SA that
 * owns the pair (once per pair, though both of its SAs report), acquires reach the manager that owns the
 * trap, and every command runs through the poster given, never directly on a session.
 */
class DataplaneEventRouterTest
{
    private final ByteArrayOutputStream routerLog = new ByteArrayOutputStream();
    private final List<Long> answered = new ArrayList<>();

    private DataplaneEventRouter router(final Consumer<Consumer<IkeSaManager>> everyManager)
    {
        return new DataplaneEventRouter(new PrintStream(routerLog, true, StandardCharsets.UTF_8), answered::add,
            everyManager, () -> 42L);
    }

    private static LifecyclePeers established()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "", "", "");
        peers.moon.initiate("gw", peers.now);
        peers.pump();
        return peers;
    }

    @Test
    void aHardLimitOnEitherSaDeletesThePairOnce()
    {
        final LifecyclePeers peers = established();
        final DataplaneEventRouter router = router(command -> command.accept(peers.moon));
        final ChildSa pair = peers.moonDataplane.pairs.getFirst();

        router.onHardLifetime(pair.inboundSpi(), IpsecProtocol.ESP, Direction.INBOUND, LifetimeLimit.TIME);
        router.onHardLifetime(pair.outboundSpi(), IpsecProtocol.ESP, Direction.OUTBOUND, LifetimeLimit.TIME);
        peers.pump();

        assertThat(LifecyclePeers.count(peers.moonLog(), "reached its hard lifetime, deleting")).isEqualTo(1);
        assertThat(peers.moonDataplane.pairs).isEmpty();
        assertThat(peers.sunDataplane.pairs).isEmpty();
        assertThat(routerLog.toString(StandardCharsets.UTF_8)).contains("expired: hard TIME limit");
        assertThat(peers.moonLog()).as("our own expiry is no close action").doesNotContain("restarting");
    }

    @Test
    void softLimitsAndSequenceExhaustionAskForARekeyOfTheOwningPair()
    {
        final LifecyclePeers peers = established();
        final DataplaneEventRouter router = router(command -> command.accept(peers.moon));
        final ChildSa pair = peers.moonDataplane.pairs.getFirst();

        router.onSequenceExhausted(pair.outboundSpi(), IpsecProtocol.ESP);
        router.onSoftLifetime(pair.inboundSpi(), IpsecProtocol.ESP, Direction.INBOUND, LifetimeLimit.BYTES);

        assertThat(LifecyclePeers.count(peers.moonLog(), "reached its soft lifetime, rekeying")).isEqualTo(1);
        assertThat(peers.moonDataplane.pairs).containsExactly(pair);
    }

    @Test
    void eventsForSasOrPoliciesNoManagerOwnsChangeNothing()
    {
        final LifecyclePeers peers = established();
        final List<Boolean> owned = new ArrayList<>();
        final DataplaneEventRouter router = router(command -> command.accept(peers.moon));

        router.onHardLifetime(0x7777, IpsecProtocol.ESP, Direction.INBOUND, LifetimeLimit.PACKETS);
        router.onAcquire(9999, 6, InetAddress.ofLiteral("10.1.0.5"), 1234, InetAddress.ofLiteral("10.2.0.5"), 80);
        owned.add(peers.moon.onChildLifetime(0x7777, true, 0));

        assertThat(owned).containsExactly(false);
        assertThat(peers.moonDataplane.pairs).hasSize(1);
        assertThat(peers.moon.sessions()).hasSize(1);
        assertThat(routerLog.toString(StandardCharsets.UTF_8))
            .contains("acquire for policy 9999: 10.1.0.5 -> 10.2.0.5");
    }

    @Test
    void everyManagerIsAskedAndOnlyTheOwnerActs()
    {
        final LifecyclePeers peers = new LifecyclePeers("", "start_action = trap", "", "");
        peers.moon.initiateOnLoad(peers.now);
        final int trap = peers.moonDataplane.traps.keySet().iterator().next();
        final IkeSaManager otherShard = peers.moonManager();
        final List<IkeSaManager> asked = new ArrayList<>();
        final DataplaneEventRouter router = router(command -> List.of(otherShard, peers.moon).forEach(manager ->
        {
            asked.add(manager);
            command.accept(manager);
        }));

        router.onAcquire(trap, 1, InetAddress.ofLiteral("10.1.0.5"), 0, InetAddress.ofLiteral("10.2.0.5"), 0);

        assertThat(asked).containsExactly(otherShard, peers.moon);
        assertThat(otherShard.sessions()).isEmpty();
        assertThat(peers.moon.sessions()).hasSize(1);
    }

    @Test
    void answersReachTheInstaller()
    {
        final DataplaneEventRouter router = router(command -> { });

        router.onCompleted(7);
        router.onFailed(8, "no room");

        assertThat(answered).containsExactly(7L, 8L);
        assertThat(routerLog.toString(StandardCharsets.UTF_8)).contains("refused request 8: no room");
    }
}
