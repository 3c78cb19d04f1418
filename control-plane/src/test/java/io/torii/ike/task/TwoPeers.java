package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.PskSwanctl;
import io.torii.ike.message.IkeHeaderFlyweight;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Two Torii peers in one process with their IKE SA up, for the exchanges that follow IKE_AUTH. Each
 * connection has two children, {@code net} (set up in IKE_AUTH) and {@code other}:
 * <pre>
 *   moon 192.0.2.1 (10.1.0.0/24, 10.1.1.0/24) ==== sun 192.0.2.2 (10.2.0.0/24, 10.2.1.0/24)
 * </pre>
 * Time is whatever the test says it is: sessions only see the {@code now} they are given.
 */
final class TwoPeers
{
    static final long SECOND = 1_000_000_000L;
    static final long MOON_SPI = 0x1111_2222_3333_4444L;
    static final long SUN_SPI = 0x5555_6666_7777_8888L;
    /** The pre-shared key of the in-process peers of this package. */
    static final String SECRET = "a-secret-both-know";

    final RecordingInstaller moonInstaller = new RecordingInstaller(0xc000_0001);
    final RecordingInstaller sunInstaller = new RecordingInstaller(0xd000_0001);
    final IkeSession moon;
    final IkeSession sun;
    /** Every datagram either side sent, in order. */
    final List<IkeDatagram> wire = new ArrayList<>();

    /** What differs between test connections. */
    record Settings(String otherLocalTs, String otherRemoteTs, String otherEsp, String dpdDelay,
        String netLifetime)
    {
        static Settings plain()
        {
            return new Settings("", "", "aes256gcm16", "0s", "");
        }

        Settings withEsp(final String esp)
        {
            return new Settings(otherLocalTs, otherRemoteTs, esp, dpdDelay, netLifetime);
        }

        Settings withDpd(final String delay)
        {
            return new Settings(otherLocalTs, otherRemoteTs, otherEsp, delay, netLifetime);
        }

        Settings withOtherTs(final String local, final String remote)
        {
            return new Settings(local, remote, otherEsp, dpdDelay, netLifetime);
        }

        /** @param lifetime swanctl.conf lines for {@code net}, such as {@code rekey_time = 10s}, ";" between. */
        Settings withNetLifetime(final String lifetime)
        {
            return new Settings(otherLocalTs, otherRemoteTs, otherEsp, dpdDelay, lifetime.replace(";", "\n"));
        }
    }

    TwoPeers(final Settings moonSettings, final Settings sunSettings)
    {
        final SecureRandom random = new SecureRandom();
        final PeerProfile moonProfile = profile("moon.example", "sun.example", "10.1", "10.2", moonSettings);
        final PeerProfile sunProfile = profile("sun.example", "moon.example", "10.2", "10.1", sunSettings);
        final InetSocketAddress moonEnd = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 500);
        final InetSocketAddress sunEnd = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 500);
        moon = IkeSession.initiate(moonProfile, moonEnd, sunEnd, random, moonInstaller, MOON_SPI);
        final List<IkeDatagram> init = moon.start(0);
        sun = IkeSession.respond(List.of(sunProfile), random, sunInstaller, MOON_SPI, SUN_SPI,
            arrived(init.getFirst()));
        relay(init, List.of(), 0);
        assertThat(moon.state()).as(String.valueOf(moon.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(sun.state()).as(String.valueOf(sun.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        wire.clear();
    }

    private static PeerProfile profile(final String self, final String peer, final String localNet,
        final String remoteNet, final Settings settings)
    {
        final String otherLocal = settings.otherLocalTs().isEmpty() ? localNet + ".1.0/24" : settings.otherLocalTs();
        final String otherRemote =
            settings.otherRemoteTs().isEmpty() ? remoteNet + ".1.0/24" : settings.otherRemoteTs();
        return new PskSwanctl("c", "aes256gcm16-prfsha256-x25519", self, peer)
            .line("dpd_delay = " + settings.dpdDelay())
            .child("net", localNet + ".0.0/24", remoteNet + ".0.0/24", "aes256gcm16", settings.netLifetime())
            .child("other", otherLocal, otherRemote, settings.otherEsp())
            .secret(SECRET)
            .profile(RetransmitSchedule.STRONGSWAN_DEFAULTS);
    }

    /** A datagram as the other end receives it: its two ends swapped. */
    static IkeDatagram arrived(final IkeDatagram sent)
    {
        return new IkeDatagram(sent.remote(), sent.local(), sent.message());
    }

    /**
     * Passes messages back and forth until neither side has anything more to send.
     *
     * @param fromMoon what moon sent, for sun.
     * @param fromSun what sun sent, for moon.
     * @param now the time of it all.
     */
    void relay(final List<IkeDatagram> fromMoon, final List<IkeDatagram> fromSun, final long now)
    {
        List<IkeDatagram> toSun = fromMoon;
        List<IkeDatagram> toMoon = fromSun;
        for (int round = 0; round < 20 && !(toSun.isEmpty() && toMoon.isEmpty()); round++)
        {
            final List<IkeDatagram> sunSends = toSun(toSun, now);
            final List<IkeDatagram> moonSends = toMoon(toMoon, now);
            toSun = moonSends;
            toMoon = sunSends;
        }
    }

    /** @return what sun sends back for these datagrams. */
    List<IkeDatagram> toSun(final List<IkeDatagram> datagrams, final long now)
    {
        return deliver(sun, datagrams, now);
    }

    /** @return what moon sends back for these datagrams. */
    List<IkeDatagram> toMoon(final List<IkeDatagram> datagrams, final long now)
    {
        return deliver(moon, datagrams, now);
    }

    private List<IkeDatagram> deliver(final IkeSession to, final List<IkeDatagram> datagrams, final long now)
    {
        final List<IkeDatagram> answers = new ArrayList<>();
        for (final IkeDatagram datagram : datagrams)
        {
            wire.add(datagram);
            answers.addAll(to.receive(arrived(datagram), now));
        }
        return answers;
    }

    /** @return the IKE header of a datagram. */
    static IkeHeaderFlyweight header(final IkeDatagram datagram)
    {
        return new IkeHeaderFlyweight().wrap(new UnsafeBuffer(datagram.message()), 0);
    }

    /** @return the pair of that name the session holds. */
    static ChildSa child(final IkeSession session, final String name)
    {
        return session.children().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
