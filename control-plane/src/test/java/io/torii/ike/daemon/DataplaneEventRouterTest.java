package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.ike.dataplane.DataplaneChildSaInstaller;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final List<Long> refused = new ArrayList<>();
    private final Map<Long, Integer> childOfRequest = new HashMap<>();

    private DataplaneEventRouter router(final Consumer<Consumer<IkeSaManager>> everyManager)
    {
        return new DataplaneEventRouter(new PrintStream(routerLog, true, StandardCharsets.UTF_8), answered::add,
            id ->
            {
                refused.add(id);
                return childOfRequest.getOrDefault(id, DataplaneChildSaInstaller.NO_CHILD);
            }, everyManager, () -> 42L);
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

        assertThat(answered).containsExactly(7L);
        assertThat(refused).containsExactly(8L);
        assertThat(routerLog.toString(StandardCharsets.UTF_8)).contains("refused request 8: no room");
    }

    /**
     * A full SA table refuses both SAs of a pair the peer already holds: our SA deletes the pair once, so both
     * ends drop it, and does not start it again.
     */
    @Test
    void aPairTheDataplaneRefusedIsDeletedAtBothEndsOnce()
    {
        final LifecyclePeers peers = established();
        final DataplaneEventRouter router = router(command -> command.accept(peers.moon));
        final ChildSa pair = peers.moonDataplane.pairs.getFirst();
        childOfRequest.put(11L, pair.inboundSpi());
        childOfRequest.put(12L, pair.inboundSpi());

        router.onFailed(11, "the SA table is full");
        router.onFailed(12, "the SA table is full");
        peers.pump();
        assertThat(peers.sunDataplane.pairs).as("the Delete waits a moment").hasSize(1);
        peers.advance(2);

        assertThat(refused).containsExactly(11L, 12L);
        assertThat(LifecyclePeers.count(peers.moonLog(), "the dataplane refused CHILD_SA net")).isEqualTo(1);
        assertThat(peers.moonLog()).contains("(the SA table is full), deleting it");
        assertThat(peers.moonDataplane.pairs).isEmpty();
        assertThat(peers.sunDataplane.pairs).as("the peer deleted it on our Delete").isEmpty();
        assertThat(peers.moon.sessions()).as("the IKE SA stays").hasSize(1);
        assertThat(peers.moonLog()).doesNotContain("restarting");
    }

    /**
     * The responder of a rekey holds its CREATE_CHILD_SA answer until the dataplane has answered; when the
     * dataplane refuses the new pair, the Delete follows that answer, never precedes it: a Delete first would
     * name SPIs the initiator does not know yet, and it would then install the pair the answer brings.
     */
    @Test
    void theDeleteOfARefusedPairFollowsTheAnswerThatCreatedIt()
    {
        final LifecyclePeers peers = established();
        final ChildSa old = peers.moonDataplane.pairs.getFirst();
        peers.sunDataplane.settled = false;
        peers.moon.onChildLifetime(old.inboundSpi(), false, peers.now);
        peers.pump();
        final ChildSa refusedPair = peers.sunDataplane.pairs.getLast();
        assertThat(refusedPair.inboundSpi()).as("sun installed the new pair").isNotEqualTo(old.outboundSpi());
        assertThat(peers.toMoon).as("the answer is held").isEmpty();
        childOfRequest.put(31L, refusedPair.inboundSpi());

        router(command -> command.accept(peers.sun)).onFailed(31, "the SA table is full");
        assertThat(peers.toMoon).as("no Delete while the answer is held").isEmpty();
        peers.sunDataplane.settled = true;
        peers.now += 2_000_000_000L;
        peers.sun.onTimer(peers.now);

        assertThat(peers.toMoon).hasSize(2);
        assertThat(exchange(peers.toMoon.getFirst())).as("first the answer").isEqualTo("CREATE_CHILD_SA response");
        assertThat(exchange(peers.toMoon.getLast())).as("then the Delete").isEqualTo("INFORMATIONAL request");
        peers.pump();
        final String moonSide = "net " + Integer.toHexString(refusedPair.outboundSpi());
        assertThat(peers.moonDataplane.events).as("moon took the pair, then dropped it on the Delete")
            .containsSubsequence("install " + moonSide, "remove " + moonSide);
        assertThat(peers.moonDataplane.pairs).noneMatch(pair -> pair.outboundSpi() == refusedPair.inboundSpi());
        assertThat(peers.sunDataplane.pairs).doesNotContain(refusedPair);
    }

    private static String exchange(final IkeDatagram datagram)
    {
        final byte[] header = datagram.message();
        final String type = switch (header[18])
        {
            case 36 -> "CREATE_CHILD_SA";
            case 37 -> "INFORMATIONAL";
            default -> "exchange " + header[18];
        };
        return type + ((header[19] & 0x20) != 0 ? " response" : " request");
    }

    @Test
    void aRefusalOfNoPairOrOfAnotherManagersPairChangesNothing()
    {
        final LifecyclePeers peers = established();
        final DataplaneEventRouter router = router(command -> command.accept(peers.moon));
        childOfRequest.put(21L, 0x7777);

        router.onFailed(20, "no trap room");
        router.onFailed(21, "the SA table is full");
        peers.pump();

        assertThat(peers.moon.onChildRefused(0x7777, "test", peers.now)).isFalse();
        assertThat(peers.moonDataplane.pairs).hasSize(1);
        assertThat(peers.sunDataplane.pairs).hasSize(1);
        assertThat(peers.moonLog()).doesNotContain("the dataplane refused");
    }
}
