package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.PskSwanctl;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeHeaderFlyweight;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Two Torii peers whose IKE SA gets rekeyed: like {@link TwoPeers}, but each side holds every session a
 * rekey made, and a datagram goes to the session its two SPIs name, as the daemon routes it.
 * <pre>
 *   moon 192.0.2.1 (10.1.0.0/24, 10.1.1.0/24) ==== sun 192.0.2.2 (10.2.0.0/24, 10.2.1.0/24)
 * </pre>
 * New IKE SPIs are counted, so that a test knows who made which: moon's are 0xA0..01, 0xA0..02, ...,
 * sun's 0xB0..01, ... Randomness is seeded, so nonces, and with them the outcome of a rekey collision,
 * are the same on every run for a seed. The nonces of each new SA are noted as it appears, before a
 * redundant one is deleted and zeroed.
 */
final class RekeyingPeers
{
    static final long SECOND = 1_000_000_000L;
    static final long MOON_SPI = 0x1111_2222_3333_4444L;
    static final long SUN_SPI = 0x5555_6666_7777_8888L;
    static final long MOON_NEW_SPIS = 0xA000_0000_0000_0000L;
    static final long SUN_NEW_SPIS = 0xB000_0000_0000_0000L;

    final RecordingInstaller moonInstaller = new RecordingInstaller(0xc000_0001);
    final RecordingInstaller sunInstaller = new RecordingInstaller(0xd000_0001);
    final List<IkeSession> moonSessions = new ArrayList<>();
    final List<IkeSession> sunSessions = new ArrayList<>();
    /** The lower of the two nonces of the exchange that made each new SA, by the SA's SPIi. */
    final Map<Long, byte[]> lowerNonces = new HashMap<>();
    /** Every datagram either side sent, in order. */
    final List<IkeDatagram> wire = new ArrayList<>();
    private final SecureRandom random;
    private final PeerProfile sunProfile;
    private long moonSpis = MOON_NEW_SPIS;
    private long sunSpis = SUN_NEW_SPIS;

    /**
     * @param moonLifetime swanctl.conf lifetime lines of moon's connection, or "".
     * @param sunLifetime sun's.
     * @param moonProposals moon's IKE proposals.
     * @param sunProposals sun's.
     * @param seed the randomness of both.
     */
    RekeyingPeers(final String moonLifetime, final String sunLifetime, final String moonProposals,
        final String sunProposals, final long seed)
    {
        this(moonLifetime, sunLifetime, "rekey_time = 0s", "rekey_time = 0s", moonProposals, sunProposals, seed);
    }

    /**
     * @param moonLifetime swanctl.conf lifetime lines of moon's connection, or "".
     * @param sunLifetime sun's.
     * @param moonChildLifetime the lifetime lines of each of moon's children.
     * @param sunChildLifetime sun's.
     * @param moonProposals moon's IKE proposals.
     * @param sunProposals sun's.
     * @param seed the randomness of both.
     */
    RekeyingPeers(final String moonLifetime, final String sunLifetime, final String moonChildLifetime,
        final String sunChildLifetime, final String moonProposals, final String sunProposals, final long seed)
    {
        random = seeded(seed);
        final PeerProfile moonProfile = profile("moon.example", "sun.example", "10.1", "10.2", moonLifetime,
            moonChildLifetime, moonProposals);
        sunProfile = profile("sun.example", "moon.example", "10.2", "10.1", sunLifetime, sunChildLifetime,
            sunProposals);
        final InetSocketAddress moonEnd = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 500);
        final InetSocketAddress sunEnd = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 500);
        final IkeSession moon = IkeSession.initiate(moonProfile, moonEnd, sunEnd, random, moonInstaller, MOON_SPI);
        moon.spiSource(() -> ++moonSpis);
        moonSessions.add(moon);
        final List<IkeDatagram> init = moon.start(0);
        relay(init, List.of(), 0);
        final IkeSession sun = sunSessions.getLast();
        assertThat(moon.state()).as(String.valueOf(moon.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(sun.state()).as(String.valueOf(sun.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        wire.clear();
    }

    /** Peers that rekey only when told to. */
    static RekeyingPeers manual(final long seed)
    {
        return new RekeyingPeers("rekey_time = 0s", "rekey_time = 0s", "aes256gcm16-prfsha256-x25519",
            "aes256gcm16-prfsha256-x25519", seed);
    }

    private static SecureRandom seeded(final long seed)
    {
        try
        {
            final SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static PeerProfile profile(final String self, final String peer, final String localNet,
        final String remoteNet, final String lifetime, final String childLifetime, final String proposals)
    {
        return new PskSwanctl("c", proposals, self, peer)
            .line(lifetime)
            .child("net", localNet + ".0.0/24", remoteNet + ".0.0/24", "aes256gcm16", childLifetime)
            .child("other", localNet + ".1.0/24", remoteNet + ".1.0/24", "aes256gcm16", childLifetime)
            .secret(TwoPeers.SECRET)
            .profile(RetransmitSchedule.STRONGSWAN_DEFAULTS);
    }

    /** @return moon's session that carries the tunnel now: established and not superseded. */
    IkeSession moon()
    {
        return current(moonSessions);
    }

    /** @return sun's. */
    IkeSession sun()
    {
        return current(sunSessions);
    }

    private static IkeSession current(final List<IkeSession> sessions)
    {
        final List<IkeSession> live = sessions.stream().filter(live()).toList();
        assertThat(live).as("sessions that carry the tunnel").hasSize(1);
        return live.getFirst();
    }

    static Predicate<IkeSession> live()
    {
        return session -> session.state() == IkeSession.State.ESTABLISHED && !session.superseded();
    }

    /** Passes messages back and forth until neither side has anything more to send. */
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
        return deliver(sunSessions, datagrams, now);
    }

    /** @return what moon sends back for these datagrams. */
    List<IkeDatagram> toMoon(final List<IkeDatagram> datagrams, final long now)
    {
        return deliver(moonSessions, datagrams, now);
    }

    /** Runs both sides' timers and relays what they send. */
    void tick(final long now)
    {
        final List<IkeDatagram> fromMoon = timers(moonSessions, now);
        final List<IkeDatagram> fromSun = timers(sunSessions, now);
        relay(fromMoon, fromSun, now);
    }

    /** @return what moon's timers send, not delivered. */
    List<IkeDatagram> moonTimers(final long now)
    {
        return timers(moonSessions, now);
    }

    /** @return what sun's timers send, not delivered. */
    List<IkeDatagram> sunTimers(final long now)
    {
        return timers(sunSessions, now);
    }

    private List<IkeDatagram> timers(final List<IkeSession> sessions, final long now)
    {
        final List<IkeDatagram> out = new ArrayList<>();
        for (final IkeSession session : List.copyOf(sessions))
        {
            out.addAll(session.onTimer(now));
            adopt(session, sessions);
        }
        return out;
    }

    private List<IkeDatagram> deliver(final List<IkeSession> sessions, final List<IkeDatagram> datagrams,
        final long now)
    {
        final List<IkeDatagram> answers = new ArrayList<>();
        for (final IkeDatagram datagram : datagrams)
        {
            wire.add(datagram);
            final IkeHeaderFlyweight header = TwoPeers.header(datagram);
            if (sessions == sunSessions && header.exchangeType() == ExchangeType.IKE_SA_INIT && !header.isResponse())
            {
                // A new IKE_SA_INIT, or its retry after INVALID_KE_PAYLOAD: a fresh responder, as the daemon makes.
                sunSessions.removeIf(session -> session.state() != IkeSession.State.ESTABLISHED);
                final IkeSession sun = IkeSession.respond(List.of(sunProfile), random, sunInstaller, MOON_SPI,
                    SUN_SPI, TwoPeers.arrived(datagram));
                sun.spiSource(() -> ++sunSpis);
                sunSessions.add(sun);
            }
            final IkeSession to = sessions.stream().filter(session ->
                session.initiatorSpi() == header.initiatorSpi() &&
                (session.responderSpi() == header.responderSpi() || header.responderSpi() == 0 ||
                    session.responderSpi() == 0))
                .findFirst().orElse(null);
            if (to != null)
            {
                answers.addAll(to.receive(TwoPeers.arrived(datagram), now));
                adopt(to, sessions);
            }
        }
        return answers;
    }

    private void adopt(final IkeSession session, final List<IkeSession> sessions)
    {
        for (IkeSession next = session.takeSuccessor(); next != null; next = session.takeSuccessor())
        {
            final IkeSaContext context = next.context();
            lowerNonces.put(next.initiatorSpi(),
                Collisions.lower(context.initiatorNonce, context.responderNonce).clone());
            sessions.add(next);
        }
    }
}
