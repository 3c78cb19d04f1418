package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.config.SettingsException;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.proposal.SelectionPreference;
import io.torii.ike.proposal.TransformNames;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import io.torii.ike.sa.WeakAlgorithmNotice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two in-process peers whose connections differ in what the configuration lets them negotiate: weak
 * algorithms with and without {@code allow_weak}, and whose proposal order wins
 * ({@code prefer_configured_proposals}).
 */
class ConfiguredAlgorithmsSessionTest
{
    private static final String WEAK = "aes128-sha1-modp1024";
    private static final InetSocketAddress MOON = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 500);
    private static final InetSocketAddress SUN = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 500);

    private static PeerProfile profile(final String self, final String peer, final String proposals,
        final String allowWeak)
    {
        final String text = """
            connections {
              c {
                proposals = %s
                %s
                local { auth = psk
                        id = %s }
                remote { auth = psk
                         id = %s }
                children {
                  net {
                    local_ts = 10.1.0.0/24
                    remote_ts = 10.2.0.0/24
                    esp_proposals = aes128-sha256
                  }
                }
              }
            }
            secrets { ike-1 { secret = a-secret-both-know } }
            """.formatted(proposals, allowWeak, self, peer);
        return PeerProfiles.from(SwanctlReader.read(text, "swanctl.conf").config(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst();
    }

    /** Runs IKE_SA_INIT and IKE_AUTH between the two, message by message; returns the responder. */
    private static IkeSession[] establish(final PeerProfile moonProfile, final PeerProfile sunProfile)
    {
        final SecureRandom random = new SecureRandom();
        final IkeSession moon = IkeSession.initiate(moonProfile, MOON, SUN, random, new RecordingInstaller(0xc0000001),
            0x1111_2222_3333_4444L);
        final List<IkeDatagram> init = moon.start(0);
        final IkeSession sun = IkeSession.respond(List.of(sunProfile), random, new RecordingInstaller(0xd0000001),
            0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L, TwoPeers.arrived(init.getFirst()));
        List<IkeDatagram> toSun = init;
        List<IkeDatagram> toMoon = List.of();
        for (int round = 0; round < 10 && !(toSun.isEmpty() && toMoon.isEmpty()); round++)
        {
            final List<IkeDatagram> fromSun = new ArrayList<>();
            toSun.forEach(d -> fromSun.addAll(sun.receive(TwoPeers.arrived(d), 0)));
            final List<IkeDatagram> fromMoon = new ArrayList<>();
            toMoon.forEach(d -> fromMoon.addAll(moon.receive(TwoPeers.arrived(d), 0)));
            toSun = fromMoon;
            toMoon = fromSun;
        }
        return new IkeSession[] {moon, sun};
    }

    @Test
    void weakProposalsAreRefusedWithoutAllowWeakAndTheMessageSaysHowToAllowThem()
    {
        assertThatThrownBy(() -> profile("moon.example", "sun.example", WEAK, ""))
            .isInstanceOf(SettingsException.class)
            .hasMessageStartingWith("swanctl.conf:2: c: ")
            .hasMessageContaining("'sha1' is weak")
            .hasMessageEndingWith("Torii refuses weak algorithms unless the connection sets allow_weak = yes");
    }

    @Test
    void aProposalThatIsWrongForAnotherReasonGetsNoAllowWeakHint()
    {
        assertThatThrownBy(() -> profile("moon.example", "sun.example", "aes128-sha1-modp1024-nonsense", ""))
            .isInstanceOf(SettingsException.class)
            .hasMessageContaining("'sha1' is weak")
            .as("allow_weak would not make this proposal valid, so the message does not suggest it")
            .hasMessageNotContaining("allow_weak");
    }

    @Test
    void withAllowWeakBothSidesNegotiateModp1024AndSha1AndTheNoticeNamesThem()
    {
        final PeerProfile moonProfile = profile("moon.example", "sun.example", WEAK, "allow_weak = yes");
        final PeerProfile sunProfile = profile("sun.example", "moon.example", WEAK, "allow_weak = yes");

        final IkeSession[] sessions = establish(moonProfile, sunProfile);

        for (final IkeSession session : sessions)
        {
            assertThat(session.state()).as(String.valueOf(session.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        }
        assertThat(TransformNames.describe(sessions[1].ikeProposal())).contains("MODP_1024", "HMAC_SHA1");
        assertThat(WeakAlgorithmNotice.weakAlgorithms(moonProfile)).hasSize(3)
            .anySatisfy(name -> assertThat(name).contains("MODP_1024"))
            .anySatisfy(name -> assertThat(name).contains("PRF_HMAC_SHA1"))
            .anySatisfy(name -> assertThat(name).contains("HMAC_SHA1_96"));
        assertThat(WeakAlgorithmNotice.describe(moonProfile).orElseThrow())
            .startsWith("connection 'c' allows weak algorithms (allow_weak = yes): ").contains("MODP_1024");
    }

    @Test
    void allowWeakWithStrongProposalsDrawsNoNotice()
    {
        final PeerProfile strong = profile("moon.example", "sun.example", "aes256gcm16-prfsha256-x25519",
            "allow_weak = yes");

        assertThat(WeakAlgorithmNotice.describe(strong)).isEmpty();
    }

    @Test
    void theResponderTakesItsOwnOrderOrThePeersAsPreferenceSays()
    {
        final String moonOrder = "aes128-sha256-x25519, aes256gcm16-prfsha256-x25519";
        final String sunOrder = "aes256gcm16-prfsha256-x25519, aes128-sha256-x25519";
        final PeerProfile moonProfile = profile("moon.example", "sun.example", moonOrder, "");

        final IkeSession[] configured = establish(moonProfile,
            profile("sun.example", "moon.example", sunOrder, ""));
        final IkeSession[] offered = establish(moonProfile,
            profile("sun.example", "moon.example", sunOrder, "").withPreference(SelectionPreference.OFFERED));

        assertThat(configured[1].state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(offered[1].state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(TransformNames.describe(configured[1].ikeProposal())).contains("AES_GCM_16");
        assertThat(TransformNames.describe(offered[1].ikeProposal())).contains("AES_CBC").doesNotContain("GCM");
    }
}
