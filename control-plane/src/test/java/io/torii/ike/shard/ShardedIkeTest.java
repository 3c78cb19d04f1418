package io.torii.ike.shard;

import static io.torii.ike.shard.ShardedFixtures.await;
import static io.torii.ike.shard.ShardedFixtures.connections;
import static io.torii.ike.shard.ShardedFixtures.onEachShard;
import static io.torii.ike.shard.ShardedFixtures.swanctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.control.IkeControl;
import io.torii.ike.control.IkeSaInfo;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.task.IkeSession;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two daemons' IKE layers, each with three handlers behind a Disruptor ring, talking over in-memory
 * transports: the whole life of an IKE SA, driven through the control socket's commands.
 */
class ShardedIkeTest
{
    private static final InetAddress MOON = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress SUN = InetAddress.ofLiteral("192.0.2.2");
    private static final HalfOpenLimits LIMITS = HalfOpenLimits.STRONGSWAN_DEFAULTS;

    @Test
    void initAuthCreateChildAndDeleteThroughThreeHandlersOnEachSide() throws InterruptedException
    {
        try (ShardedDaemon moon = new ShardedDaemon(3, connections(swanctl("192.0.2.1", "192.0.2.2",
                "moon.example", "sun.example", "10.1.0.0/24", "10.2.0.0/24"), MOON), 0x1000_0001, LIMITS);
            ShardedDaemon sun = new ShardedDaemon(3, connections(swanctl("192.0.2.2", "192.0.2.1",
                "sun.example", "moon.example", "10.2.0.0/24", "10.1.0.0/24"), SUN), 0x2000_0001, LIMITS))
        {
            QueueIkeTransport.link(moon.transport, sun.transport);

            final IkeControl.Outcome up = await(moon.dispatcher.commands().initiate(false, "gw"));
            assertThat(up.ok()).as(up.message()).isTrue();
            assertThat(up.message()).contains("IKE_SA 'gw'").contains("established");
            assertThat(moon.installer.next()).isEqualTo("install net");
            assertThat(sun.installer.next()).isEqualTo("install net");

            final IkeControl.Outcome second = await(moon.dispatcher.commands().initiate(false, "gw"));
            assertThat(second.ok()).as("the SA is found on whichever handler holds it").isFalse();
            assertThat(second.message()).contains("already established");

            final IkeControl.Outcome child = await(moon.dispatcher.commands().initiate(true, "net2"));
            assertThat(child.ok()).as(child.message()).isTrue();
            assertThat(sun.installer.next()).isEqualTo("install net2");
            assertThat(moon.installer.next()).isEqualTo("install net2");

            for (final ShardedDaemon side : List.of(moon, sun))
            {
                final List<IkeSaInfo> sas = await(side.dispatcher.commands().listSas());
                assertThat(sas).singleElement().satisfies(sa ->
                {
                    assertThat(sa.state()).isEqualTo("ESTABLISHED");
                    assertThat(sa.children()).extracting(c -> c.name()).containsExactlyInAnyOrder("net", "net2");
                });
                assertSpisOnTheirShards(side.dispatcher);
            }

            final IkeControl.Outcome down = await(moon.dispatcher.commands().terminate(false, "gw"));
            assertThat(down.ok()).as(down.message()).isTrue();
            assertThat(Set.of(sun.installer.next(), sun.installer.next())).containsExactlyInAnyOrder("remove net",
                "remove net2");
            assertThat(Set.of(moon.installer.next(), moon.installer.next())).containsExactlyInAnyOrder("remove net",
                "remove net2");
            assertThat(await(sun.dispatcher.commands().listSas())).isEmpty();
            assertThat(await(moon.dispatcher.commands().listSas())).isEmpty();
            assertThat(moon.errors).isEmpty();
            assertThat(sun.errors).isEmpty();
        }
    }

    /** Every SA a handler holds is under an SPI of that handler's shard. */
    private static void assertSpisOnTheirShards(final IkeDispatcher dispatcher)
    {
        final List<Set<Long>> spis = onEachShard(dispatcher, manager -> Set.copyOf(manager.sessions().keySet()));
        for (int shard = 0; shard < spis.size(); shard++)
        {
            for (final long spi : spis.get(shard))
            {
                assertThat(dispatcher.shards().shardOfSpi(spi)).as("SPI %016x", spi).isEqualTo(shard);
            }
        }
    }

    @Test
    void listingsMergeEveryHandlersSasWithDistinctNumbers() throws InterruptedException
    {
        try (ShardedDaemon moon = new ShardedDaemon(3, connections(swanctl("192.0.2.1", "192.0.2.2",
                "moon.example", "sun.example", "10.1.0.0/24", "10.2.0.0/24"), MOON), 0x1000_0001, LIMITS);
            ShardedDaemon sun = new ShardedDaemon(3, connections(swanctl("192.0.2.2", "192.0.2.1",
                "sun.example", "moon.example", "10.2.0.0/24", "10.1.0.0/24"), SUN), 0x2000_0001, LIMITS))
        {
            QueueIkeTransport.link(moon.transport, sun.transport);
            final int perShard = 4;
            for (int shard = 0; shard < 3; shard++)
            {
                for (int i = 0; i < perShard; i++)
                {
                    assertThat(moon.dispatcher.execute(shard, manager -> manager.initiate("gw", System.nanoTime())))
                        .isTrue();
                }
            }
            for (int i = 0; i < 3 * perShard; i++)
            {
                assertThat(sun.installer.next()).isEqualTo("install net");
            }

            final List<IkeSaInfo> listed = await(sun.dispatcher.commands().listSas());
            assertThat(listed).hasSize(3 * perShard).allSatisfy(sa -> assertThat(sa.state()).isEqualTo("ESTABLISHED"));
            assertThat(listed.stream().map(IkeSaInfo::uniqueId).collect(Collectors.toSet())).hasSize(3 * perShard);
            assertThat(listed).extracting(IkeSaInfo::uniqueId).isSorted();
            final List<Integer> held = onEachShard(sun.dispatcher, manager -> manager.sessions().size());
            assertThat(held.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3 * perShard);
            assertSpisOnTheirShards(sun.dispatcher);
            assertSpisOnTheirShards(moon.dispatcher);
            assertThat(onEachShard(moon.dispatcher, manager -> manager.sessions().values().stream()
                .filter(s -> s.state() == IkeSession.State.ESTABLISHED).count())).containsOnly((long)perShard);
        }
    }
}
