package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.auth.CertificateFixtures;
import io.torii.ike.auth.SwanctlCredentials;
import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.message.DecodeResult;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.IkeMessageDecoder;
import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import io.torii.ike.task.IkeSession.FragmentEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IKE fragmentation (RFC 7383) between two Torii peers in one process, authenticating with RSA certificates
 * of the test CA so that IKE_AUTH is larger than the small fragment size both use here:
 * <pre>
 *   moon 192.0.2.1 (10.1.0.0/24) ==== sun 192.0.2.2 (10.2.0.0/24), fragment_size = 400
 * </pre>
 * The tests play the network: they drop, reorder, repeat and corrupt fragments between the two sessions.
 */
class IkeFragmentationTest
{
    private static final long MOON_SPI = 0x1111_2222_3333_4444L;
    private static final long SUN_SPI = 0x5555_6666_7777_8888L;
    private static final int FRAGMENT_SIZE = 400;
    /** IPv4 and UDP headers: what a datagram adds to the IKE message on port 500. */
    private static final int BELOW_IKE = 28;
    /** After the first transmission, when a retransmission is due on strongSwan's schedule (4 s). */
    private static final long RETRANSMIT_DUE = 5_000_000_000L;

    @TempDir
    Path dir;

    private final RecordingInstaller moonInstaller = new RecordingInstaller(0xc000_0001);
    private final RecordingInstaller sunInstaller = new RecordingInstaller(0xd000_0001);
    private final InetSocketAddress moonEnd = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 500);
    private final InetSocketAddress sunEnd = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 500);
    private IkeSession moon;
    private IkeSession sun;

    private PeerProfile profile(final String self, final String peer, final String localTs, final String remoteTs,
        final String fragmentation)
    {
        final String text = """
            connections {
              c {
                proposals = aes256gcm16-prfsha256-x25519
                fragmentation = %s
                local {
                  auth = pubkey
                  id = %s-rsa.example
                }
                remote {
                  auth = pubkey
                  id = %s-rsa.example
                }
                children {
                  net {
                    local_ts = %s
                    remote_ts = %s
                    esp_proposals = aes256gcm16
                  }
                }
              }
            }
            """.formatted(fragmentation, self, peer, localTs, remoteTs);
        final SwanctlConfig config = SwanctlReader.read(text, "swanctl.conf").config();
        final Path folder = CertificateFixtures.swanctlDirectory(dir.resolve(self), Map.of("x509/own.pem",
            self + "-rsa.pem", "private/own.key", self + "-rsa.key", "x509ca/ca.pem", "ca.pem"));
        return PeerProfiles.from(config, SwanctlCredentials.load(folder, config).credentials(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst().withFragmentSize(FRAGMENT_SIZE);
    }

    /** Runs IKE_SA_INIT; returns moon's IKE_AUTH request as sent. */
    private List<IkeDatagram> initExchange(final String moonFragmentation, final String sunFragmentation)
    {
        final SecureRandom random = new SecureRandom();
        moon = IkeSession.initiate(profile("moon", "sun", "10.1.0.0/24", "10.2.0.0/24", moonFragmentation),
            moonEnd, sunEnd, random, moonInstaller, MOON_SPI);
        final IkeDatagram init = arrived(moon.start(0).getFirst());
        sun = IkeSession.respond(List.of(profile("sun", "moon", "10.2.0.0/24", "10.1.0.0/24", sunFragmentation)),
            random, sunInstaller, MOON_SPI, SUN_SPI, init);
        final List<IkeDatagram> initResponse = sun.receive(init, 0);
        assertThat(initResponse).hasSize(1);
        return moon.receive(arrived(initResponse.getFirst()), 0);
    }

    private static IkeDatagram arrived(final IkeDatagram sent)
    {
        return new IkeDatagram(sent.remote(), sent.local(), sent.message());
    }

    private static List<IkeDatagram> deliver(final IkeSession to, final List<IkeDatagram> datagrams, final long now)
    {
        final List<IkeDatagram> answers = new ArrayList<>();
        for (final IkeDatagram datagram : datagrams)
        {
            answers.addAll(to.receive(arrived(datagram), now));
        }
        return answers;
    }

    /** Opens a datagram with the receiver's keys, as the receiver would, to look at its SKF numbers. */
    private static IkeMessage peek(final IkeDatagram datagram)
    {
        final IkeMessage message = IkeMessageDecoder.decode(datagram.message(), 0, datagram.message().length, null)
            .message();
        return message;
    }

    private static void assertFragmentsOfOneMessage(final List<IkeDatagram> datagrams, final boolean response)
    {
        assertThat(datagrams).hasSizeGreaterThan(1);
        for (final IkeDatagram datagram : datagrams)
        {
            assertThat(datagram.message().length + BELOW_IKE).isLessThanOrEqualTo(FRAGMENT_SIZE);
            // Without keys the decoder stops at the SKF payload and names it.
            final DecodeResult result = IkeMessageDecoder.decode(datagram.message(), 0, datagram.message().length,
                null);
            assertThat(result.reason()).isEqualTo(MalformedReason.UNEXPECTED_ENCRYPTED);
            assertThat(result.verdict().payloadType()).isEqualTo(io.torii.ike.message.PayloadType.SKF);
            assertThat(TwoPeers.header(datagram).exchangeType()).isEqualTo(ExchangeType.IKE_AUTH);
            assertThat(TwoPeers.header(datagram).isResponse()).isEqualTo(response);
        }
    }

    private void assertEstablished()
    {
        assertThat(moon.state()).as(String.valueOf(moon.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(sun.state()).as(String.valueOf(sun.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(moonInstaller.installed.getFirst().outboundEncryptionKey())
            .isEqualTo(sunInstaller.installed.getFirst().inboundEncryptionKey());
    }

    @Test
    void ikeAuthGoesInFragmentsBothWays()
    {
        final List<IkeDatagram> request = initExchange("yes", "yes");
        assertThat(moon.fragmentationNegotiated()).isTrue();
        assertFragmentsOfOneMessage(request, false);

        final List<IkeDatagram> response = deliver(sun, request, 0);
        assertFragmentsOfOneMessage(response, true);
        assertThat(sun.fragmentationNegotiated()).isTrue();
        assertThat(deliver(moon, response, 0)).isEmpty();

        assertEstablished();
        assertThat(moon.fragmentCounts()).containsEntry(FragmentEvent.SENT, (long)request.size())
            .containsEntry(FragmentEvent.RECEIVED, (long)response.size())
            .containsEntry(FragmentEvent.REASSEMBLED, 1L);
        assertThat(sun.fragmentCounts()).containsEntry(FragmentEvent.SENT, (long)response.size())
            .containsEntry(FragmentEvent.REASSEMBLED, 1L);
    }

    @Test
    void bothSidesAnnounceSupportInIkeSaInit()
    {
        final SecureRandom random = new SecureRandom();
        moon = IkeSession.initiate(profile("moon", "sun", "10.1.0.0/24", "10.2.0.0/24", "accept"), moonEnd, sunEnd,
            random, moonInstaller, MOON_SPI);
        final IkeDatagram init = moon.start(0).getFirst();
        sun = IkeSession.respond(List.of(profile("sun", "moon", "10.2.0.0/24", "10.1.0.0/24", "yes")), random,
            sunInstaller, MOON_SPI, SUN_SPI, arrived(init));
        final IkeDatagram initResponse = sun.receive(arrived(init), 0).getFirst();

        assertThat(Notifies.first(peek(init), NotifyType.IKEV2_FRAGMENTATION_SUPPORTED)).isPresent();
        assertThat(Notifies.first(peek(initResponse), NotifyType.IKEV2_FRAGMENTATION_SUPPORTED)).isPresent();
    }

    @Test
    void lostAndReorderedFragmentsCompleteByRetransmission()
    {
        final List<IkeDatagram> request = initExchange("yes", "yes");
        final List<IkeDatagram> firstTry = new ArrayList<>(request.subList(0, request.size() - 1));
        Collections.reverse(firstTry);
        assertThat(deliver(sun, firstTry, 0)).as("the last fragment was lost").isEmpty();

        final List<IkeDatagram> retransmitted = moon.onTimer(RETRANSMIT_DUE);
        assertThat(retransmitted).hasSameSizeAs(request);
        final List<IkeDatagram> secondTry = new ArrayList<>(retransmitted);
        Collections.shuffle(secondTry, new java.util.Random(7));
        final List<IkeDatagram> response = deliver(sun, secondTry, RETRANSMIT_DUE);
        assertFragmentsOfOneMessage(response, true);
        assertThat(sun.state()).isEqualTo(IkeSession.State.ESTABLISHED);

        // The response loses its first fragment; moon retransmits its request again.
        assertThat(deliver(moon, response.subList(1, response.size()), RETRANSMIT_DUE)).isEmpty();
        final List<IkeDatagram> third = moon.onTimer(RETRANSMIT_DUE * 3);
        assertThat(third).hasSameSizeAs(request);
        // §2.6.1: only fragment 1 of a retransmitted request brings the response again, all of it.
        assertThat(deliver(sun, third.subList(1, third.size()), RETRANSMIT_DUE * 3)).isEmpty();
        final List<IkeDatagram> again = deliver(sun, third.subList(0, 1), RETRANSMIT_DUE * 3);
        assertThat(again).hasSameSizeAs(response);
        assertThat(again.getFirst().message()).isEqualTo(response.getFirst().message());

        deliver(moon, again, RETRANSMIT_DUE * 3);
        assertEstablished();
        assertThat(sunInstaller.installed).hasSize(1);
    }

    @Test
    void duplicateFragmentsAreIgnored()
    {
        final List<IkeDatagram> request = initExchange("yes", "yes");
        final List<IkeDatagram> doubled = new ArrayList<>();
        for (final IkeDatagram fragment : request.subList(0, request.size() - 1))
        {
            doubled.add(fragment);
            doubled.add(fragment);
        }
        doubled.add(request.getLast());
        final List<IkeDatagram> response = deliver(sun, doubled, 0);

        assertFragmentsOfOneMessage(response, true);
        assertThat(sun.fragmentCounts()).containsEntry(FragmentEvent.DUPLICATE, (long)request.size() - 1)
            .containsEntry(FragmentEvent.RECEIVED, (long)request.size())
            .containsEntry(FragmentEvent.REASSEMBLED, 1L);
        deliver(moon, response, 0);
        assertEstablished();
    }

    @Test
    void aFragmentWithABadIcvIsDroppedAndCounted()
    {
        final List<IkeDatagram> request = initExchange("yes", "yes");
        final IkeDatagram genuine = request.get(1);
        final byte[] forged = genuine.message().clone();
        forged[forged.length - 1] ^= 0x01;

        final List<IkeDatagram> withForgery = new ArrayList<>(request);
        withForgery.set(1, new IkeDatagram(genuine.local(), genuine.remote(), forged));
        assertThat(deliver(sun, withForgery, 0)).isEmpty();
        assertThat(sun.dropped()).containsEntry(MalformedReason.INTEGRITY_FAILED, 1L);

        final List<IkeDatagram> response = deliver(sun, List.of(genuine), 0);
        assertFragmentsOfOneMessage(response, true);
        deliver(moon, response, 0);
        assertEstablished();
    }

    @Test
    void fragmentationNoOnOneSideSendsTheLargeMessageWhole()
    {
        final List<IkeDatagram> request = initExchange("yes", "no");
        assertThat(moon.fragmentationNegotiated()).isFalse();
        assertThat(request).singleElement()
            .satisfies(d -> assertThat(d.message().length + BELOW_IKE).isGreaterThan(FRAGMENT_SIZE));

        final List<IkeDatagram> response = deliver(sun, request, 0);
        assertThat(response).singleElement()
            .satisfies(d -> assertThat(d.message().length + BELOW_IKE).isGreaterThan(FRAGMENT_SIZE));
        assertThat(sun.fragmentationNegotiated()).isFalse();
        deliver(moon, response, 0);
        assertEstablished();
        assertThat(moon.fragmentCounts()).isEmpty();
        assertThat(sun.fragmentCounts()).isEmpty();
    }

    @Test
    void acceptTakesFragmentsButSendsWhole()
    {
        final List<IkeDatagram> request = initExchange("yes", "accept");
        assertThat(moon.fragmentationNegotiated()).isTrue();
        assertFragmentsOfOneMessage(request, false);

        final List<IkeDatagram> response = deliver(sun, request, 0);
        assertThat(response).singleElement()
            .satisfies(d -> assertThat(d.message().length + BELOW_IKE).isGreaterThan(FRAGMENT_SIZE));
        deliver(moon, response, 0);
        assertEstablished();
    }
}
