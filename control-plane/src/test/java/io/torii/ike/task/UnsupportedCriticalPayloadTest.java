package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.SwanctlReader;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.IkeMessageDecoder;
import io.torii.ike.message.IkeMessageEncoder;
import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.message.payload.Payload;
import io.torii.ike.message.payload.UnknownPayload;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.5: a request with a critical payload of unknown type is refused whole, naming the type. */
class UnsupportedCriticalPayloadTest
{
    private static final long INITIATOR_SPI = 0x0102_0304_0506_0708L;
    private static final int UNKNOWN_TYPE = 200;

    private final InetSocketAddress moon = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 500);
    private final InetSocketAddress sun = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 500);

    private static PeerProfile profile()
    {
        return PeerProfiles.from(SwanctlReader.read("""
            connections {
              c {
                proposals = aes256gcm16-prfsha256-x25519
                local {
                  auth = psk
                  id = sun.example
                }
                remote {
                  auth = psk
                }
                children {
                  net {
                    local_ts = 10.2.0.0/24
                    remote_ts = 10.1.0.0/24
                  }
                }
              }
            }
            secrets {
              ike {
                secret = k
              }
            }
            """, "swanctl.conf").config(), RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst();
    }

    @Test
    void anIkeSaInitWithAnUnknownCriticalPayloadGetsTheNotifyAndNoSa()
    {
        // A real IKE_SA_INIT from a Torii initiator, with one payload added that nobody knows, marked critical.
        final IkeSession initiator = IkeSession.initiate(profile(), moon, sun, new SecureRandom(),
            new RecordingInstaller(0x1000), INITIATOR_SPI);
        final byte[] first = initiator.start(0).getFirst().message();
        final IkeMessage parsed = IkeMessageDecoder.decode(first, 0, first.length, null).message();
        final List<Payload> payloads = new ArrayList<>(parsed.payloads());
        payloads.add(new UnknownPayload(UNKNOWN_TYPE, true, new byte[] {1, 2, 3}));
        final byte[] request = IkeMessageEncoder.encode(IkeMessage.plain(INITIATOR_SPI, 0, ExchangeType.IKE_SA_INIT,
            true, false, 0, payloads), null);
        final IkeDatagram arrived = new IkeDatagram(sun, moon, request);
        final IkeSession responder = IkeSession.respond(List.of(profile()), new SecureRandom(),
            new RecordingInstaller(0x2000), INITIATOR_SPI, 0x0a0b_0c0d_0e0f_1011L, arrived);

        final List<IkeDatagram> answer = responder.receive(arrived, 0);

        assertThat(answer).hasSize(1);
        final IkeMessage response = IkeMessageDecoder.decode(answer.getFirst().message(), 0,
            answer.getFirst().message().length, null).message();
        assertThat(response.response()).isTrue();
        assertThat(response.payloads()).singleElement().isInstanceOfSatisfying(NotifyPayload.class, notify ->
        {
            assertThat(notify.notifyType()).isEqualTo(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD);
            assertThat(notify.data()).containsExactly(UNKNOWN_TYPE);
        });
        assertThat(responder.state()).isEqualTo(IkeSession.State.FAILED);
        assertThat(responder.dropped()).containsEntry(MalformedReason.UNSUPPORTED_CRITICAL_PAYLOAD, 1L);

        // The same payload, not critical, is skipped as RFC 7296 §2.5 says, and the exchange goes on.
        payloads.set(payloads.size() - 1, new UnknownPayload(UNKNOWN_TYPE, false, new byte[] {1, 2, 3}));
        final byte[] lenient = IkeMessageEncoder.encode(IkeMessage.plain(INITIATOR_SPI, 0, ExchangeType.IKE_SA_INIT,
            true, false, 0, payloads), null);
        final IkeDatagram second = new IkeDatagram(sun, moon, lenient);
        final IkeSession accepting = IkeSession.respond(List.of(profile()), new SecureRandom(),
            new RecordingInstaller(0x3000), INITIATOR_SPI, 0x1111_2222_3333_4444L, second);
        assertThat(accepting.receive(second, 0)).hasSize(1);
        assertThat(accepting.state()).isEqualTo(IkeSession.State.CONNECTING);
    }
}
