package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.RetransmitSchedule;
import io.torii.ike.task.IkeSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two daemons' SA managers wired back to back in memory: routing by SPI, responder SAs made for
 * IKE_SA_INIT, cookies above the half-open threshold, drops of what belongs to no SA.
 */
class IkeSaManagerTest
{
    private static final InetAddress MOON = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress SUN = InetAddress.ofLiteral("192.0.2.2");

    private final Deque<IkeDatagram> toSun = new ArrayDeque<>();
    private final Deque<IkeDatagram> toMoon = new ArrayDeque<>();
    private final ByteArrayOutputStream moonLog = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sunLog = new ByteArrayOutputStream();
    private final List<ChildSa> moonChildren = new ArrayList<>();
    private final List<ChildSa> sunChildren = new ArrayList<>();

    private static String swanctl(final String self, final String peer, final String selfId, final String peerId,
        final String localTs, final String remoteTs)
    {
        return GatewaySwanctl.gateway(self, peer, selfId, peerId).child("net", localTs, remoteTs, "aes256gcm16").text();
    }

    private static List<Connection> connections(final String text, final InetAddress fallback)
    {
        return GatewaySwanctl.connections(text, fallback, RetransmitSchedule.STRONGSWAN_DEFAULTS);
    }

    private IkeSaManager moon(final HalfOpenLimits limits)
    {
        return new IkeSaManager(connections(swanctl("192.0.2.1", "192.0.2.2", "moon.example", "sun.example",
            "10.1.0.0/24", "10.2.0.0/24"), MOON), new SecureRandom(),
            BackToBack.recorder(moonChildren, new ArrayList<>(), 0x1000_0001), toSun::add,
            new PrintStream(moonLog, true, StandardCharsets.UTF_8), limits);
    }

    private IkeSaManager sun(final HalfOpenLimits limits)
    {
        return new IkeSaManager(connections(swanctl("192.0.2.2", "192.0.2.1", "sun.example", "moon.example",
            "10.2.0.0/24", "10.1.0.0/24"), SUN), new SecureRandom(),
            BackToBack.recorder(sunChildren, new ArrayList<>(), 0x2000_0001), toMoon::add,
            new PrintStream(sunLog, true, StandardCharsets.UTF_8), limits);
    }

    private void pump(final IkeSaManager moon, final IkeSaManager sun)
    {
        BackToBack.pump(toSun, toMoon, moon, sun, 0);
    }

    @Test
    void anInitiatedConnectionComesUpOnBothManagers()
    {
        final IkeSaManager moon = moon(HalfOpenLimits.STRONGSWAN_DEFAULTS);
        final IkeSaManager sun = sun(HalfOpenLimits.STRONGSWAN_DEFAULTS);

        assertThat(moon.initiate("gw", 0)).isNull();
        pump(moon, sun);
        moon.onTimer(0);
        sun.onTimer(0);

        assertThat(moon.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED));
        assertThat(sun.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED));
        assertThat(moonChildren).singleElement().satisfies(child ->
            assertThat(child.outboundSpi()).isEqualTo(sunChildren.getFirst().inboundSpi()));
        assertThat(moonLog.toString(StandardCharsets.UTF_8)).contains("IKE_SA gw established between 192.0.2.1")
            .contains("CHILD_SA net established").contains("TS 10.1.0.0/24 === 10.2.0.0/24");
        assertThat(sunLog.toString(StandardCharsets.UTF_8)).contains("192.0.2.1 is initiating an IKE_SA");
        assertThat(moon.initiate("nope", 0)).contains("no connection named nope");
    }

    @Test
    void aboveTheCookieThresholdTheResponderKeepsNoStateUntilTheCookieComesBack()
    {
        final IkeSaManager moon = moon(HalfOpenLimits.STRONGSWAN_DEFAULTS);
        final IkeSaManager sun = sun(new HalfOpenLimits(0, 3, 5, 30_000_000_000L));

        assertThat(moon.initiate("gw", 0)).isNull();
        sun.onDatagram(BackToBack.arrived(toSun.poll()), 0);
        assertThat(sun.sessions()).as("no state for a request without a cookie").isEmpty();
        assertThat(toMoon).hasSize(1);

        pump(moon, sun);

        assertThat(sun.sessions().values()).singleElement()
            .satisfies(session -> assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED));
        assertThat(sunChildren).hasSize(1);
    }

    @Test
    void messagesForNoKnownSaAndRuntsAreDroppedAndCounted()
    {
        final IkeSaManager sun = sun(HalfOpenLimits.STRONGSWAN_DEFAULTS);
        final InetSocketAddress local = new InetSocketAddress(SUN, 500);
        final InetSocketAddress remote = new InetSocketAddress(MOON, 500);
        sun.onDatagram(new IkeDatagram(local, remote, new byte[20]), 0);
        final byte[] unknown = new byte[28];
        unknown[7] = 1;
        unknown[15] = 2;
        unknown[17] = 0x20;
        unknown[18] = 35;
        unknown[19] = 0x08;
        unknown[27] = 28;
        sun.onDatagram(new IkeDatagram(local, remote, unknown), 0);

        assertThat(sun.dropped()).isEqualTo(2);
        assertThat(sun.sessions()).isEmpty();
        assertThat(toMoon).isEmpty();
    }

    @Test
    void aFiveTimesHalfOpenAddressIsDroppedFromThen()
    {
        // Cookies off for one address (threshold 100), strongSwan's block threshold of 5 kept.
        final IkeSaManager sun = sun(new HalfOpenLimits(30, 100, 5, 30_000_000_000L));
        for (int i = 0; i < 7; i++)
        {
            final IkeSaManager initiator = moon(HalfOpenLimits.STRONGSWAN_DEFAULTS);
            initiator.initiate("gw", 0);
            sun.onDatagram(BackToBack.arrived(toSun.poll()), 0);
        }
        assertThat(sun.sessions()).hasSize(5);
        assertThat(toMoon).hasSize(5);
    }

    @Test
    void halfOpenResponderSasTimeOut()
    {
        final IkeSaManager moon = moon(HalfOpenLimits.STRONGSWAN_DEFAULTS);
        final IkeSaManager sun = sun(new HalfOpenLimits(30, 3, 5, 1_000_000_000L));
        moon.initiate("gw", 0);
        sun.onDatagram(BackToBack.arrived(toSun.poll()), 0);
        assertThat(sun.sessions()).hasSize(1);

        sun.onTimer(2_000_000_000L);

        assertThat(sun.sessions()).isEmpty();
        assertThat(sunLog.toString(StandardCharsets.UTF_8)).contains("timed out half-open");
    }
}
