package io.torii.ike.shard;

import static io.torii.ike.shard.ShardedFixtures.await;
import static io.torii.ike.shard.ShardedFixtures.connections;
import static io.torii.ike.shard.ShardedFixtures.onEachShard;
import static io.torii.ike.shard.ShardedFixtures.swanctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.control.IkeControl;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.sa.ChildSa;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dataplane's events in a daemon with three IKE handlers: an event names an ESP SPI, not an IKE SA,
 * so it is posted to every handler's thread, and only the handler whose SA owns the pair acts on it.
 */
class ShardedLifecycleTest
{
    private static final InetAddress MOON = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress SUN = InetAddress.ofLiteral("192.0.2.2");
    private static final HalfOpenLimits LIMITS = HalfOpenLimits.STRONGSWAN_DEFAULTS;

    @Test
    void aHardLifetimeEventReachesTheOneHandlerThatOwnsThePair() throws InterruptedException
    {
        try (ShardedDaemon moon = new ShardedDaemon(3, connections(swanctl("192.0.2.1", "192.0.2.2",
                "moon.example", "sun.example", "10.1.0.0/24", "10.2.0.0/24"), MOON), 0x1000_0001, LIMITS);
            ShardedDaemon sun = new ShardedDaemon(3, connections(swanctl("192.0.2.2", "192.0.2.1",
                "sun.example", "moon.example", "10.2.0.0/24", "10.1.0.0/24"), SUN), 0x2000_0001, LIMITS))
        {
            QueueIkeTransport.link(moon.transport, sun.transport);
            final IkeControl.Outcome up = await(moon.dispatcher.commands().initiate(false, "gw"));
            assertThat(up.ok()).as(up.message()).isTrue();
            assertThat(moon.installer.next()).isEqualTo("install net");
            assertThat(sun.installer.next()).isEqualTo("install net");
            final int spi = onEachShard(moon.dispatcher, manager -> manager.sessions().values().stream()
                .flatMap(session -> session.children().stream()).map(ChildSa::outboundSpi).toList())
                .stream().flatMap(List::stream).findFirst().orElseThrow();

            final LinkedBlockingQueue<Boolean> owners = new LinkedBlockingQueue<>();
            assertThat(moon.dispatcher.executeOnEvery(manager ->
                owners.add(manager.onChildLifetime(spi, true, System.nanoTime())))).isTrue();

            assertThat(moon.installer.next()).isEqualTo("remove net");
            assertThat(sun.installer.next()).isEqualTo("remove net");
            final List<Boolean> answers = List.of(owners.poll(5, TimeUnit.SECONDS), owners.poll(5, TimeUnit.SECONDS),
                owners.poll(5, TimeUnit.SECONDS));
            assertThat(answers).containsExactlyInAnyOrder(true, false, false);
        }
    }
}
