package io.torii.ike.shard;

import static io.torii.ike.shard.ShardedFixtures.WAIT_SECONDS;
import static io.torii.ike.shard.ShardedFixtures.arrived;
import static io.torii.ike.shard.ShardedFixtures.connections;
import static io.torii.ike.shard.ShardedFixtures.onEachShard;
import static io.torii.ike.shard.ShardedFixtures.swanctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.daemon.IkeSaManager;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.task.IkeSession;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One responder with three handlers and many single-threaded initiators, played by the test thread: the
 * responder's SAs spread over its handlers and all come up, and a repeated IKE_SA_INIT meets the handler
 * that answered it first.
 */
class ShardedManyPeersTest
{
    private static final InetAddress SUN = InetAddress.ofLiteral("192.0.2.2");
    private static final HalfOpenLimits GENEROUS = new HalfOpenLimits(10_000, 10_000, 10_000, 30_000_000_000L);
    private static final String SUN_CONFIG = swanctl("192.0.2.2", "%any", "sun.example", "moon.example",
        "10.2.0.0/24", "10.1.0.0/16");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream(), true,
        StandardCharsets.UTF_8);

    private final BlockingQueue<IkeDatagram> toPeers = new LinkedBlockingQueue<>();

    private static InetAddress peerAddress(final int peer)
    {
        return InetAddress.ofLiteral("198.51.100." + (10 + peer));
    }

    private static IkeSaManager peer(final int peer, final ShardedFixtures.Recorder installer,
        final java.util.function.Consumer<IkeDatagram> sender)
    {
        final String config = swanctl(peerAddress(peer).getHostAddress(), "192.0.2.2", "moon.example",
            "sun.example", "10.1." + peer + ".0/24", "10.2.0.0/24");
        return new IkeSaManager(connections(config, peerAddress(peer)), new SecureRandom(), installer, sender, QUIET,
            HalfOpenLimits.STRONGSWAN_DEFAULTS);
    }

    private IkeDatagram nextToPeers() throws InterruptedException
    {
        final IkeDatagram datagram = toPeers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(datagram).as("the responder answered within %ds", WAIT_SECONDS).isNotNull();
        return datagram;
    }

    @Test
    void twoHundredSasFromTwentyPeersSpreadOverTheHandlersAndAllComeUp() throws InterruptedException
    {
        final int peers = 20;
        final int perPeer = 10;
        try (ShardedDaemon sun = new ShardedDaemon(3, connections(SUN_CONFIG, SUN), 0x2000_0001, GENEROUS))
        {
            sun.transport.sendTo(toPeers::add);
            final Map<InetAddress, IkeSaManager> byAddress = new HashMap<>();
            final ShardedFixtures.Recorder peerChildren = new ShardedFixtures.Recorder(0x1000_0001);
            for (int i = 0; i < peers; i++)
            {
                final IkeSaManager manager = peer(i, peerChildren, sun.transport::deliver);
                byAddress.put(peerAddress(i), manager);
                for (int sa = 0; sa < perPeer; sa++)
                {
                    assertThat(manager.initiate("gw", System.nanoTime())).isNull();
                }
            }

            while (peerChildren.events.size() < peers * perPeer)
            {
                final IkeDatagram answer = nextToPeers();
                byAddress.get(answer.remote().getAddress()).onDatagram(arrived(answer), System.nanoTime());
            }

            assertThat(peerChildren.events).hasSize(peers * perPeer).containsOnly("install net");
            assertThat(byAddress.values()).allSatisfy(manager -> assertThat(manager.sessions().values())
                .hasSize(perPeer).allSatisfy(s -> assertThat(s.state()).isEqualTo(IkeSession.State.ESTABLISHED)));
            final List<Long> established = onEachShard(sun.dispatcher, manager -> manager.sessions().values()
                .stream().filter(s -> s.state() == IkeSession.State.ESTABLISHED).count());
            assertThat(established.stream().mapToLong(Long::longValue).sum()).isEqualTo(peers * perPeer);
            assertThat(established).as("each handler owns a fair part of the SAs")
                .allSatisfy(count -> assertThat(count).isBetween(30L, 110L));
            assertThat(sun.installer.events).hasSize(peers * perPeer);
            assertThat(sun.dispatcher.ringFull()).isZero();
            assertThat(sun.errors).isEmpty();
        }
    }

    /**
     * strongSwan's cookie_threshold counts the daemon's half-open IKE SAs: spread over three handlers, at least
     * twelve IKE_SA_INITs (never followed up, so their SAs stay half-open; more until every handler had one) get
     * four answers, then demands for a cookie (an answer with no responder SPI).
     */
    @Test
    void theCookieThresholdCountsTheHalfOpenSasOfEveryHandler() throws InterruptedException
    {
        final int threshold = 4;
        final int atLeast = 12;
        final int atMost = 200;
        final HalfOpenLimits cookiesAtFour = new HalfOpenLimits(threshold, 10_000, 0, 30_000_000_000L);
        try (ShardedDaemon sun = new ShardedDaemon(3, connections(SUN_CONFIG, SUN), 0x2000_0001, cookiesAtFour))
        {
            sun.transport.sendTo(toPeers::add);
            final Set<Integer> shardsAsked = new HashSet<>();
            int answered = 0;
            int cookiesDemanded = 0;
            int requests = 0;
            for (int i = 0; i < atMost && (i < atLeast || shardsAsked.size() < 3); i++)
            {
                requests++;
                final BlockingQueue<IkeDatagram> fromPeer = new LinkedBlockingQueue<>();
                final IkeSaManager peer = peer(i, new ShardedFixtures.Recorder(0x1000_0001), fromPeer::add);
                assertThat(peer.initiate("gw", System.nanoTime())).isNull();
                final IkeDatagram init = fromPeer.poll();
                assertThat(init).isNotNull();
                shardsAsked.add(sun.dispatcher.shards().shardOfInit(ByteBuffer.wrap(init.message()).getLong(0),
                    init.local()));

                // One at a time: each verdict sees every SA opened before it.
                sun.transport.deliver(init);
                final long responderSpi = ByteBuffer.wrap(nextToPeers().message()).getLong(8);
                if (responderSpi == 0)
                {
                    cookiesDemanded++;
                }
                else
                {
                    answered++;
                }
            }

            assertThat(shardsAsked).as("the requests reached every handler").hasSize(3);
            assertThat(answered).isEqualTo(threshold);
            assertThat(cookiesDemanded).isEqualTo(requests - threshold);
            assertThat(sun.errors).isEmpty();
        }
    }

    @Test
    void aRetransmittedIkeSaInitReachesTheHandlerThatAnsweredIt() throws InterruptedException
    {
        try (ShardedDaemon sun = new ShardedDaemon(3, connections(SUN_CONFIG, SUN), 0x2000_0001, GENEROUS))
        {
            sun.transport.sendTo(toPeers::add);
            final BlockingQueue<IkeDatagram> fromMoon = new LinkedBlockingQueue<>();
            final IkeSaManager moon = peer(0, new ShardedFixtures.Recorder(0x1000_0001), fromMoon::add);
            assertThat(moon.initiate("gw", System.nanoTime())).isNull();
            final IkeDatagram init = fromMoon.poll();
            assertThat(init).isNotNull();

            sun.transport.deliver(init);
            final IkeDatagram first = nextToPeers();
            sun.transport.deliver(init);
            final IkeDatagram second = nextToPeers();

            final long initiatorSpi = ByteBuffer.wrap(init.message()).getLong(0);
            final long responderSpi = ByteBuffer.wrap(first.message()).getLong(8);
            assertThat(responderSpi).isNotZero();
            assertThat(second.message()).as("the same answer again, from the same SA").isEqualTo(first.message());
            final int shard = sun.dispatcher.shards().shardOfInit(initiatorSpi, init.local());
            assertThat(sun.dispatcher.shards().shardOfSpi(responderSpi)).isEqualTo(shard);
            final List<Integer> held = onEachShard(sun.dispatcher, manager -> manager.sessions().size());
            for (int i = 0; i < held.size(); i++)
            {
                assertThat(held.get(i)).as("SAs on shard %d", i).isEqualTo(i == shard ? 1 : 0);
            }
        }
    }
}
