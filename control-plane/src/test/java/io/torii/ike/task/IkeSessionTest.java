package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.PskSwanctl;
import io.torii.ike.message.IkeMessageDecoder;
import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two Torii peers in one process, message by message, through IKE_SA_INIT and IKE_AUTH with the first
 * Child SA (RFC 7296 §1.2), from swanctl.conf text as users write it:
 * <pre>
 *   moon 192.0.2.1 (10.1.0.0/24) ==== sun 192.0.2.2 (10.2.0.0/24)
 * </pre>
 */
class IkeSessionTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MOON_SPI = 0x1111_2222_3333_4444L;
    private static final long SUN_SPI = 0x5555_6666_7777_8888L;

    /** Seeded, so that nonces, key exchanges and IVs, and so every message, are the same on every run. */
    private final SecureRandom random = deterministic();
    private final RecordingInstaller moonInstaller = new RecordingInstaller(0xc000_0001);
    private final RecordingInstaller sunInstaller = new RecordingInstaller(0xd000_0001);
    private final InetSocketAddress moon = at("192.0.2.1", 500);
    private final InetSocketAddress sun = at("192.0.2.2", 500);

    private static SecureRandom deterministic()
    {
        try
        {
            final SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(0x746f726969L);
            return seeded;
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new AssertionError("the JDK has SHA1PRNG", ex);
        }
    }

    private static InetSocketAddress at(final String address, final int port)
    {
        return new InetSocketAddress(InetAddress.ofLiteral(address), port);
    }

    private static PeerProfile profile(final String self, final String peer, final String localTs,
        final String remoteTs, final String ike, final String esp, final String psk, final String mode)
    {
        return new PskSwanctl("c", ike, self, peer)
            .child("net", localTs, remoteTs, esp, "mode = " + mode)
            .secret(psk, self, peer)
            .profile(RetransmitSchedule.STRONGSWAN_DEFAULTS);
    }

    private static PeerProfile moonProfile(final String ike, final String esp, final String psk)
    {
        return profile("moon.example", "sun.example", "10.1.0.0/24", "10.2.0.0/24", ike, esp, psk, "tunnel");
    }

    private static PeerProfile sunProfile(final String ike, final String esp, final String psk)
    {
        return profile("sun.example", "moon.example", "10.2.0.0/24", "10.1.0.0/24", ike, esp, psk, "tunnel");
    }

    /** A datagram as the other end receives it: its two ends swapped. */
    private static IkeDatagram arrived(final IkeDatagram sent)
    {
        return new IkeDatagram(sent.remote(), sent.local(), sent.message());
    }

    /** The two sessions after a run of the exchanges, and the datagrams each sent. */
    private record Run(IkeSession moon, IkeSession sun)
    {
    }

    /** Passes messages back and forth until neither side has anything to send. */
    private Run run(final PeerProfile moonProfile, final PeerProfile sunProfile)
    {
        final IkeSession initiator = IkeSession.initiate(moonProfile, moon, sun, random, moonInstaller, MOON_SPI);
        List<IkeDatagram> toSun = initiator.start(0);
        IkeSession responder = null;
        for (int round = 0; round < 10 && !toSun.isEmpty(); round++)
        {
            final IkeDatagram request = arrived(toSun.getFirst());
            if (responder == null || responder.state() == IkeSession.State.FAILED)
            {
                // The daemon makes a fresh responder SA for every IKE_SA_INIT it accepts.
                responder = IkeSession.respond(List.of(sunProfile), random, sunInstaller, MOON_SPI, SUN_SPI,
                    request);
            }
            final List<IkeDatagram> toMoon = responder.receive(request, 0);
            toSun = toMoon.isEmpty() ? List.of() : initiator.receive(arrived(toMoon.getFirst()), 0);
        }
        return new Run(initiator, responder);
    }

    @Test
    void withSeededRandomnessEveryMessageIsTheSameOnEveryRun()
    {
        final PeerProfile moonProfile = moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k");
        final byte[] first = IkeSession.initiate(moonProfile, moon, sun, deterministic(), moonInstaller, MOON_SPI)
            .start(0).getFirst().message();
        final byte[] again = IkeSession.initiate(moonProfile, moon, sun, deterministic(), moonInstaller, MOON_SPI)
            .start(0).getFirst().message();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void pskTunnelComesUpWithMatchingChildSas()
    {
        final Run run = run(moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "0sv+NkxY9LLZvwj4qCC2o/gGrW"),
            sunProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "0sv+NkxY9LLZvwj4qCC2o/gGrW"));

        assertThat(run.moon.state()).as(String.valueOf(run.moon.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(run.sun.state()).as(String.valueOf(run.sun.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(run.moon.natDetected()).isFalse();
        final ChildSa moonChild = moonInstaller.installed.getFirst();
        final ChildSa sunChild = sunInstaller.installed.getFirst();
        assertThat(moonChild.outboundSpi()).isEqualTo(sunChild.inboundSpi()).isEqualTo(0xd000_0001);
        assertThat(sunChild.outboundSpi()).isEqualTo(moonChild.inboundSpi()).isEqualTo(0xc000_0001);
        assertThat(moonChild.outboundEncryptionKey()).hasSize(36).isEqualTo(sunChild.inboundEncryptionKey());
        assertThat(sunChild.outboundEncryptionKey()).isEqualTo(moonChild.inboundEncryptionKey());
        assertThat(moonChild.outboundEncryptionKey()).isNotEqualTo(moonChild.inboundEncryptionKey());
        assertThat(moonChild.localTs()).isEqualTo(sunChild.remoteTs());
        assertThat(moonChild.localTs().getFirst().toString()).contains("10.1.0.0");
        assertThat(moonChild.udpEncapsulation()).isFalse();
    }

    @Test
    void cbcWithHmacAndEcpAndNarrowedSelectorsWorkToo()
    {
        final PeerProfile moonProfile = profile("moon.example", "sun.example", "10.1.0.0/16", "10.2.0.0/16",
            "aes128-sha256-ecp256", "aes128-sha256", "secret-one", "tunnel");
        final PeerProfile sunProfile = profile("sun.example", "moon.example", "10.2.0.0/24", "10.1.5.0/24",
            "aes256-sha384-ecp384,aes128-sha256-ecp256", "aes128-sha256", "secret-one", "tunnel");

        final Run run = run(moonProfile, sunProfile);

        assertThat(run.moon.state()).as(String.valueOf(run.moon.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        final ChildSa moonChild = moonInstaller.installed.getFirst();
        assertThat(moonChild.outboundIntegrityKey()).hasSize(32).isEqualTo(
            sunInstaller.installed.getFirst().inboundIntegrityKey());
        assertThat(moonChild.localTs()).singleElement().satisfies(ts ->
            assertThat(InetAddress.getByAddress(ts.startAddress()).getHostAddress()).isEqualTo("10.1.5.0"));
        assertThat(moonChild.remoteTs()).singleElement().satisfies(ts ->
            assertThat(InetAddress.getByAddress(ts.endAddress()).getHostAddress()).isEqualTo("10.2.0.255"));
    }

    @Test
    void aResponderThatPrefersAnotherGroupGetsItThroughInvalidKePayload()
    {
        final Run run = run(moonProfile("aes256gcm16-prfsha256-x25519-ecp256", "aes256gcm16", "k"),
            sunProfile("aes256gcm16-prfsha256-ecp256", "aes256gcm16", "k"));

        assertThat(run.moon.state()).as(String.valueOf(run.moon.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(run.sun.state()).isEqualTo(IkeSession.State.ESTABLISHED);
    }

    @Test
    void aWrongPreSharedKeyFailsBothSidesWithAuthenticationFailed()
    {
        final Run run = run(moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "right"),
            sunProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "wrong"));

        assertThat(run.sun.state()).isEqualTo(IkeSession.State.FAILED);
        assertThat(run.sun.failure()).contains("no connection accepts moon.example");
        assertThat(run.moon.state()).isEqualTo(IkeSession.State.FAILED);
        assertThat(run.moon.failure()).contains("AUTHENTICATION_FAILED");
        assertThat(moonInstaller.installed).isEmpty();
        assertThat(sunInstaller.installed).isEmpty();
    }

    @Test
    void noCommonIkeProposalFailsWithNoProposalChosen()
    {
        final Run run = run(moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k"),
            sunProfile("aes128-sha256-modp3072", "aes256gcm16", "k"));

        assertThat(run.moon.state()).isEqualTo(IkeSession.State.FAILED);
        assertThat(run.moon.failure()).contains("NO_PROPOSAL_CHOSEN");
        assertThat(run.sun.failure()).contains("no acceptable IKE proposal");
    }

    @Test
    void selectorsTheResponderCannotMeetLeaveTheIkeSaUpWithoutAChild()
    {
        final PeerProfile moonProfile = profile("moon.example", "sun.example", "10.1.0.0/24", "10.2.0.0/24",
            "aes256gcm16-prfsha256-x25519", "aes256gcm16", "k", "tunnel");
        final PeerProfile sunProfile = profile("sun.example", "moon.example", "10.9.0.0/24", "10.1.0.0/24",
            "aes256gcm16-prfsha256-x25519", "aes256gcm16", "k", "tunnel");

        final Run run = run(moonProfile, sunProfile);

        assertThat(run.moon.state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(run.moon.childFailure()).contains("TS_UNACCEPTABLE");
        assertThat(run.sun.childFailure()).contains("do not meet");
        assertThat(moonInstaller.installed).isEmpty();
        assertThat(sunInstaller.installed).isEmpty();
    }

    @Test
    void aNatBetweenThePeersIsFoundAndIkeAndEspMoveToPort4500()
    {
        final PeerProfile moonProfile = moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k");
        final PeerProfile sunProfile = sunProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k");
        final InetSocketAddress moonBehindNat = at("10.1.0.1", 500);
        final IkeSession initiator = IkeSession.initiate(moonProfile, moonBehindNat, sun, random, moonInstaller,
            MOON_SPI);
        final InetSocketAddress translated = at("203.0.113.9", 31_000);

        final IkeDatagram init = initiator.start(0).getFirst();
        final IkeDatagram initSeen = new IkeDatagram(sun, translated, init.message());
        final IkeSession responder = IkeSession.respond(List.of(sunProfile), random, sunInstaller, MOON_SPI,
            SUN_SPI, initSeen);
        final IkeDatagram initResponse = responder.receive(initSeen, 0).getFirst();
        assertThat(initResponse.remote()).isEqualTo(translated);
        final IkeDatagram auth = initiator.receive(new IkeDatagram(moonBehindNat, sun, initResponse.message()), 0)
            .getFirst();

        assertThat(auth.local()).isEqualTo(at("10.1.0.1", 4500));
        assertThat(auth.remote()).isEqualTo(at("192.0.2.2", 4500));
        final InetSocketAddress translated4500 = at("203.0.113.9", 31_001);
        final IkeDatagram authResponse = responder.receive(
            new IkeDatagram(at("192.0.2.2", 4500), translated4500, auth.message()), 0).getFirst();
        initiator.receive(new IkeDatagram(auth.local(), auth.remote(), authResponse.message()), 0);

        assertThat(initiator.state()).as(String.valueOf(initiator.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(responder.state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(initiator.natDetected()).isTrue();
        assertThat(responder.natDetected()).isTrue();
        final ChildSa sunChild = sunInstaller.installed.getFirst();
        assertThat(sunChild.udpEncapsulation()).isTrue();
        assertThat(sunChild.remote()).isEqualTo(translated4500);
        assertThat(moonInstaller.installed.getFirst().udpEncapsulation()).isTrue();

        // Behind the NAT, moon keeps its mapping open with a keepalive every 20 s (RFC 3948 §2.3); sun does not.
        final long later = 21 * SECOND;
        assertThat(initiator.onTimer(later)).singleElement().satisfies(keepalive ->
        {
            assertThat(keepalive.message()).containsExactly(0xFF);
            assertThat(keepalive.local()).isEqualTo(at("10.1.0.1", 4500));
            assertThat(keepalive.remote()).isEqualTo(at("192.0.2.2", 4500));
        });
        assertThat(initiator.onTimer(later + SECOND)).as("not again within 20 s").isEmpty();
        assertThat(initiator.onTimer(later + 21 * SECOND)).hasSize(1);
        assertThat(responder.onTimer(later)).isEmpty();
        assertThat(initiator.keepalives()).isEqualTo(2);
    }

    @Test
    void anUnansweredRequestIsSentAgainOnScheduleThenTheSaFails()
    {
        final IkeSession initiator = IkeSession.initiate(
            moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k"), moon, sun, random, moonInstaller,
            MOON_SPI);
        final byte[] first = initiator.start(0).getFirst().message();

        assertThat(initiator.onTimer(3 * SECOND)).isEmpty();
        assertThat(initiator.onTimer(4 * SECOND)).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo(first));
        long now = 4 * SECOND;
        int retransmissions = 1;
        while (initiator.state() != IkeSession.State.FAILED && now < 1000 * SECOND)
        {
            now += SECOND;
            retransmissions += initiator.onTimer(now).size();
        }
        assertThat(retransmissions).isEqualTo(5);
        assertThat(now / SECOND).isBetween(165L, 167L);
        assertThat(initiator.failure()).contains("no answer");
    }

    @Test
    void aRetransmittedRequestGetsTheSameResponseAndIsNotProcessedTwice()
    {
        final PeerProfile sunProfile = sunProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k");
        final IkeSession initiator = IkeSession.initiate(
            moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k"), moon, sun, random, moonInstaller,
            MOON_SPI);
        final IkeDatagram init = arrived(initiator.start(0).getFirst());
        final IkeSession responder = IkeSession.respond(List.of(sunProfile), random, sunInstaller, MOON_SPI,
            SUN_SPI, init);
        final byte[] response = responder.receive(init, 0).getFirst().message();
        final IkeDatagram auth = arrived(initiator.receive(new IkeDatagram(moon, sun, response), 0).getFirst());
        final byte[] authResponse = responder.receive(auth, 0).getFirst().message();

        assertThat(responder.receive(auth, 0).getFirst().message()).isEqualTo(authResponse);
        assertThat(responder.receive(init, 0)).as("an old message ID is dropped").isEmpty();
        assertThat(sunInstaller.installed).hasSize(1);
    }

    @Test
    void aTamperedMessageIsDroppedAndCountedAndTheExchangeGoesOn()
    {
        final PeerProfile sunProfile = sunProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k");
        final IkeSession initiator = IkeSession.initiate(
            moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k"), moon, sun, random, moonInstaller,
            MOON_SPI);
        final IkeDatagram init = arrived(initiator.start(0).getFirst());
        final IkeSession responder = IkeSession.respond(List.of(sunProfile), random, sunInstaller, MOON_SPI,
            SUN_SPI, init);
        final byte[] response = responder.receive(init, 0).getFirst().message();
        final IkeDatagram auth = arrived(initiator.receive(new IkeDatagram(moon, sun, response), 0).getFirst());
        final byte[] tampered = auth.message().clone();
        tampered[tampered.length - 20] ^= 0x01;

        assertThat(responder.receive(new IkeDatagram(auth.local(), auth.remote(), tampered), 0)).isEmpty();
        assertThat(responder.dropped()).containsEntry(MalformedReason.INTEGRITY_FAILED, 1L);
        assertThat(responder.state()).isEqualTo(IkeSession.State.CONNECTING);
        final IkeDatagram authResponse = responder.receive(auth, 0).getFirst();
        initiator.receive(new IkeDatagram(moon, sun, authResponse.message()), 0);
        assertThat(initiator.state()).isEqualTo(IkeSession.State.ESTABLISHED);
    }

    @Test
    void aCookieDemandIsAnsweredWithTheCookieFirst()
    {
        final IkeSession initiator = IkeSession.initiate(
            moonProfile("aes256gcm16-prfsha256-x25519", "aes256gcm16", "k"), moon, sun, random, moonInstaller,
            MOON_SPI);
        final IkeDatagram init = initiator.start(0).getFirst();
        final byte[] cookie = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        final byte[] demand = io.torii.ike.message.IkeMessageEncoder.encode(io.torii.ike.message.IkeMessage.plain(
            MOON_SPI, 0, io.torii.ike.message.ExchangeType.IKE_SA_INIT, false, true, 0,
            List.of(NotifyPayload.of(NotifyType.COOKIE, cookie))), null);

        final IkeDatagram retry = initiator.receive(new IkeDatagram(moon, sun, demand), 0).getFirst();

        final var decoded = IkeMessageDecoder.decode(retry.message(), 0, retry.message().length, null).message();
        assertThat(decoded.payloads().getFirst()).isInstanceOfSatisfying(NotifyPayload.class, notify ->
        {
            assertThat(notify.notifyType()).isEqualTo(NotifyType.COOKIE);
            assertThat(notify.data()).isEqualTo(cookie);
        });
        assertThat(decoded.payloads()).hasSize(IkeMessageDecoder.decode(init.message(), 0, init.message().length,
            null).message().payloads().size() + 1);
    }
}
