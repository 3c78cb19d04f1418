package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.CharonSettings;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.proposal.SelectionPreference;
import io.torii.ike.sa.RetransmitSchedule;
import org.junit.jupiter.api.Test;

/**
 * The {@code charon { }} section of the daemon's configuration, as the IKE daemon receives it.
 */
class IkeSettingsTest
{
    @Test
    void strongSwansDefaultsMeanTheSameOnBothSides()
    {
        assertThat(IkeSettings.STRONGSWAN_DEFAULTS).isEqualTo(new IkeSettings(RetransmitSchedule.STRONGSWAN_DEFAULTS,
            HalfOpenLimits.STRONGSWAN_DEFAULTS, SelectionPreference.CONFIGURED, 1280));
        assertThat(IkeSettings.from(CharonSettings.STRONGSWAN_DEFAULTS).retransmit().totalNanos())
            .isEqualTo(165_061_120_000L);
    }

    @Test
    void aCharonSectionReachesTheScheduleLimitsAndPreference()
    {
        final IkeSettings settings = IkeSettings.from(DaemonConfigReader.read("""
            dataplane {
              wan { port = udp
                    address = 192.0.2.1 }
              lan { port = tun
                    interface = torii0 }
            }
            charon {
              retransmit_timeout = 2
              retransmit_base = 1.5
              retransmit_tries = 2
              retransmit_limit = 3.5
              cookie_threshold = 0
              block_threshold = 7
              half_open_timeout = 10s
              prefer_configured_proposals = no
            }
            """, "torii.conf").charon());

        assertThat(settings.retransmit()).isEqualTo(new RetransmitSchedule(2, 1.5, 2, 0, 3.5));
        // 2, 3 and then 4.5 capped at 3.5 seconds.
        assertThat(settings.retransmit().totalNanos()).isEqualTo(8_500_000_000L);
        assertThat(settings.halfOpen()).isEqualTo(new HalfOpenLimits(0, 3, 7, 10_000_000_000L));
        assertThat(settings.preference()).isEqualTo(SelectionPreference.OFFERED);
    }
}
