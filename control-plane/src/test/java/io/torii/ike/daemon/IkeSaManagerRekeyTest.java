package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.RetransmitSchedule;
import io.torii.ike.shard.SpiShards;
import io.torii.ike.task.IkeSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IKE SA rekeying through two SA managers wired back to back: the new SA is filed under its new SPI, in the
 * manager's shard, the old one forgotten without a "deleted" line, and the Child SAs stay installed.
 */
class IkeSaManagerRekeyTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final int SHARDS = 4;
    private static final int MOON_SHARD = 2;
    private static final int SUN_SHARD = 3;

    private final SpiShards shards = new SpiShards(SHARDS, 42);
    private final Deque<IkeDatagram> toSun = new ArrayDeque<>();
    private final Deque<IkeDatagram> toMoon = new ArrayDeque<>();
    private final ByteArrayOutputStream moonLog = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sunLog = new ByteArrayOutputStream();
    private final List<ChildSa> moonChildren = new ArrayList<>();
    private final List<ChildSa> sunChildren = new ArrayList<>();
    private final List<ChildSa> moonRemoved = new ArrayList<>();

    private static String swanctl(final String self, final String peer, final String selfId, final String peerId,
        final String localTs, final String remoteTs, final String rekeyTime)
    {
        return GatewaySwanctl.gateway(self, peer, selfId, peerId).line("rekey_time = " + rekeyTime)
            .line("rand_time = 0s").child("net", localTs, remoteTs, "aes256gcm16").text();
    }

    private static List<Connection> connections(final String text, final InetAddress fallback)
    {
        return GatewaySwanctl.connections(text, fallback, RetransmitSchedule.STRONGSWAN_DEFAULTS);
    }

    private IkeSaManager moon(final String rekeyTime)
    {
        return new IkeSaManager(connections(swanctl("192.0.2.1", "192.0.2.2", "moon.example", "sun.example",
            "10.1.0.0/24", "10.2.0.0/24", rekeyTime), InetAddress.ofLiteral("192.0.2.1")), new SecureRandom(),
            BackToBack.recorder(moonChildren, moonRemoved, 0x1000_0001), toSun::add,
            new PrintStream(moonLog, true, StandardCharsets.UTF_8), HalfOpenLimits.STRONGSWAN_DEFAULTS,
            shards.stampFor(MOON_SHARD));
    }

    private IkeSaManager sun()
    {
        return new IkeSaManager(connections(swanctl("192.0.2.2", "192.0.2.1", "sun.example", "moon.example",
            "10.2.0.0/24", "10.1.0.0/24", "0s"), InetAddress.ofLiteral("192.0.2.2")), new SecureRandom(),
            BackToBack.recorder(sunChildren, new ArrayList<>(), 0x2000_0001), toMoon::add,
            new PrintStream(sunLog, true, StandardCharsets.UTF_8), HalfOpenLimits.STRONGSWAN_DEFAULTS,
            shards.stampFor(SUN_SHARD));
    }

    private void pump(final IkeSaManager moon, final IkeSaManager sun, final long now)
    {
        BackToBack.pump(toSun, toMoon, moon, sun, now);
    }

    @Test
    void aRekeyedSaIsFoundUnderItsNewSpiInTheManagersShardAndTheOldOneIsForgotten()
    {
        final IkeSaManager moon = moon("0s");
        final IkeSaManager sun = sun();
        assertThat(moon.initiate("gw", 0)).isNull();
        pump(moon, sun, 0);
        final long oldMoonSpi = moon.sessions().keySet().iterator().next();
        final long oldSunSpi = sun.sessions().keySet().iterator().next();
        final List<ChildSa> installed = List.copyOf(moonChildren);

        assertThat(moon.rekeyIke(oldMoonSpi, SECOND)).isNull();
        pump(moon, sun, SECOND);
        moon.onTimer(SECOND);
        sun.onTimer(SECOND);

        final Map.Entry<Long, IkeSession> moonSa = moon.sessions().entrySet().iterator().next();
        final Map.Entry<Long, IkeSession> sunSa = sun.sessions().entrySet().iterator().next();
        assertThat(moon.sessions()).hasSize(1).doesNotContainKey(oldMoonSpi);
        assertThat(sun.sessions()).hasSize(1).doesNotContainKey(oldSunSpi);
        // moon initiated the rekey: its SPI is the new SA's SPIi; sun's is SPIr. Each is in its manager's shard.
        assertThat(moonSa.getValue().initiatorSpi()).isEqualTo(moonSa.getKey());
        assertThat(sunSa.getValue().responderSpi()).isEqualTo(sunSa.getKey());
        assertThat(sunSa.getValue().initiatorSpi()).isEqualTo(moonSa.getKey());
        assertThat(shards.shardOfSpi(moonSa.getKey())).isEqualTo(MOON_SHARD);
        assertThat(shards.shardOfSpi(sunSa.getKey())).isEqualTo(SUN_SHARD);
        assertThat(moonSa.getValue().state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(moonChildren).isEqualTo(installed);
        assertThat(moonRemoved).isEmpty();

        final String moonText = moonLog.toString(StandardCharsets.UTF_8);
        assertThat(moonText).contains("IKE_SA gw rekeyed between 192.0.2.1[moon.example]...192.0.2.2[sun.example]")
            .doesNotContain("deleted");
        assertThat(moonText.split("established between", -1)).hasSize(2);
        assertThat(sunLog.toString(StandardCharsets.UTF_8))
            .contains("IKE_SA gw rekeyed between 192.0.2.2[sun.example]...192.0.2.1[moon.example]")
            .doesNotContain("deleted");

        // The new SA answers commands: terminating it takes the inherited Child SA along.
        assertThat(moon.terminateIke("gw", 2 * SECOND)).isNull();
        pump(moon, sun, 2 * SECOND);
        moon.onTimer(2 * SECOND);
        sun.onTimer(2 * SECOND);
        assertThat(moon.sessions()).isEmpty();
        assertThat(sun.sessions()).isEmpty();
        assertThat(moonRemoved).isEqualTo(installed);
    }

    @Test
    void theRekeyTimeOfTheConnectionRekeysThroughTheManagersTimer()
    {
        final IkeSaManager moon = moon("30s");
        final IkeSaManager sun = sun();
        assertThat(moon.initiate("gw", 0)).isNull();
        pump(moon, sun, 0);
        final long oldMoonSpi = moon.sessions().keySet().iterator().next();
        for (int round = 0; round < 3; round++)
        {
            final long now = (round + 1) * 30 * SECOND;
            moon.onTimer(now);
            pump(moon, sun, now);
            moon.onTimer(now);
            sun.onTimer(now);
        }
        assertThat(moon.sessions()).hasSize(1).doesNotContainKey(oldMoonSpi);
        assertThat(sun.sessions()).hasSize(1);
        assertThat(moonLog.toString(StandardCharsets.UTF_8).split("rekeyed between", -1)).hasSize(4);
        assertThat(moonChildren).hasSize(1);
        assertThat(moonRemoved).isEmpty();
    }
}
