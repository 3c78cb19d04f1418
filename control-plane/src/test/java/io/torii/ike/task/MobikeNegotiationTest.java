package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.SwanctlReader;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether MOBIKE is in use after IKE_AUTH (RFC 4555 §3.3), for each side's {@code mobike} setting, and where
 * IKE runs then: with MOBIKE configured the initiator floats to port 4500 even without a NAT, as strongSwan
 * does; without it, IKE stays on port 500 when no NAT is found.
 */
class MobikeNegotiationTest
{
    private static final InetSocketAddress MOON = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 500);
    private static final InetSocketAddress SUN = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 500);

    private static PeerProfile profile(final String self, final String peer, final String mobike)
    {
        final String text = """
            connections {
              c {
                proposals = aes256gcm16-prfsha256-x25519
                mobike = %s
                local {
                  auth = psk
                  id = %s
                }
                remote {
                  auth = psk
                  id = %s
                }
                children {
                  net {
                    esp_proposals = aes256gcm16
                  }
                }
              }
            }
            secrets {
              ike-1 {
                secret = a-secret-both-know
              }
            }
            """.formatted(mobike, self, peer);
        return PeerProfiles.from(SwanctlReader.read(text, "swanctl.conf").config(),
            RetransmitSchedule.STRONGSWAN_DEFAULTS).getFirst();
    }

    @ParameterizedTest(name = "moon mobike = {0}, sun mobike = {1}")
    @CsvSource({"yes, yes, true, 4500", "yes, no, false, 4500", "no, yes, false, 500", "no, no, false, 500"})
    void mobikeIsInUseOnlyWhenBothSidesWantIt(final String moonMobike, final String sunMobike,
        final boolean negotiated, final int ikeAuthPort)
    {
        final SecureRandom random = new SecureRandom();
        final IkeSession moon = IkeSession.initiate(profile("moon.example", "sun.example", moonMobike), MOON, SUN,
            random, new RecordingInstaller(0xc000_0001), 1);
        final List<IkeDatagram> init = moon.start(0);
        final IkeSession sun = IkeSession.respond(List.of(profile("sun.example", "moon.example", sunMobike)), random,
            new RecordingInstaller(0xd000_0001), 1, 2, TwoPeers.arrived(init.getFirst()));
        final List<IkeDatagram> moonSent = new ArrayList<>();
        List<IkeDatagram> toSun = init;
        for (int round = 0; round < 4 && !toSun.isEmpty(); round++)
        {
            moonSent.addAll(toSun);
            final List<IkeDatagram> toMoon = new ArrayList<>();
            toSun.forEach(d -> toMoon.addAll(sun.receive(TwoPeers.arrived(d), 0)));
            final List<IkeDatagram> next = new ArrayList<>();
            toMoon.forEach(d -> next.addAll(moon.receive(TwoPeers.arrived(d), 0)));
            toSun = next;
        }

        assertThat(moon.state()).as(String.valueOf(moon.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(sun.state()).as(String.valueOf(sun.failure())).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(moon.mobikeNegotiated()).isEqualTo(negotiated);
        assertThat(sun.mobikeNegotiated()).isEqualTo(negotiated);
        assertThat(moonSent).hasSize(2);
        assertThat(moonSent.get(0).remote().getPort()).as("IKE_SA_INIT").isEqualTo(500);
        assertThat(moonSent.get(1).remote().getPort()).as("IKE_AUTH").isEqualTo(ikeAuthPort);
        assertThat(moon.updateAddresses(new InetSocketAddress(InetAddress.ofLiteral("198.51.100.7"), 4500), 0))
            .as("an SA without MOBIKE cannot move").hasSize(negotiated ? 1 : 0);
    }
}
