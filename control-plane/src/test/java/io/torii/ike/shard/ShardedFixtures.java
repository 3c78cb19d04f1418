package io.torii.ike.shard;

import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.daemon.Connection;
import io.torii.ike.daemon.GatewaySwanctl;
import io.torii.ike.daemon.IkeSaManager;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Configurations, recorders and waits shared by the sharded IKE tests. */
final class ShardedFixtures
{
    /** How long any one wait in these tests may take before the test fails. */
    static final long WAIT_SECONDS = 30;

    private ShardedFixtures()
    {
    }

    /**
     * @return a swanctl.conf with a PSK connection "gw" and two children, "net" and "net2"; {@code unique =
     *         never}, since these tests open many SAs between the same identities at once and the first one's
     *         INITIAL_CONTACT would otherwise remove the others.
     */
    static String swanctl(final String self, final String peer, final String selfId, final String peerId,
        final String localTs, final String remoteTs)
    {
        return GatewaySwanctl.gateway(self, peer, selfId, peerId).line("unique = never")
            .child("net", localTs, remoteTs, "aes256gcm16")
            .child("net2", localTs, remoteTs, "aes256gcm16-x25519")
            .text();
    }

    /** @return the connections of a swanctl.conf, each with the given local address. */
    static List<Connection> connections(final String text, final InetAddress local)
    {
        final SwanctlConfig config = SwanctlReader.read(text, "swanctl.conf").config();
        return config.connections().values().stream().map(connection -> new Connection(PeerProfiles.from(connection,
            config.sharedSecrets(), RetransmitSchedule.STRONGSWAN_DEFAULTS), connection, local)).toList();
    }

    /** A datagram as its receiver sees it: the two ends swapped. */
    static IkeDatagram arrived(final IkeDatagram sent)
    {
        return new IkeDatagram(sent.remote(), sent.local(), sent.message());
    }

    /** Records what is installed and removed, as "install NAME" and "remove NAME", from any thread. */
    static final class Recorder implements ChildSaInstaller
    {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private int next;

        Recorder(final int firstSpi)
        {
            this.next = firstSpi;
        }

        @Override
        public int allocateSpi()
        {
            return next++;
        }

        @Override
        public String install(final ChildSa childSa)
        {
            events.add("install " + childSa.name());
            return null;
        }

        @Override
        public String remove(final ChildSa childSa)
        {
            events.add("remove " + childSa.name());
            return null;
        }

        /** @return the next event, failing the test when none comes in time. */
        String next() throws InterruptedException
        {
            final String event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (event == null)
            {
                throw new AssertionError("no Child SA was installed or removed within " + WAIT_SECONDS + "s");
            }
            return event;
        }
    }

    /** @return what the function gives on each shard's thread, in shard order. */
    static <T> List<T> onEachShard(final IkeDispatcher dispatcher, final Function<IkeSaManager, T> query)
    {
        return java.util.stream.IntStream.range(0, dispatcher.shards().count()).mapToObj(shard ->
        {
            final CompletableFuture<T> answer = new CompletableFuture<>();
            if (!dispatcher.execute(shard, manager -> answer.complete(query.apply(manager))))
            {
                throw new AssertionError("shard " + shard + " refused a command");
            }
            return answer;
        }).toList().stream().map(ShardedFixtures::await).toList();
    }

    static <T> T await(final CompletableFuture<T> future)
    {
        try
        {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("no answer within " + WAIT_SECONDS + "s", ex);
        }
    }
}
