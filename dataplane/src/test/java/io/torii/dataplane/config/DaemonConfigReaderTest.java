package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DaemonConfigReaderTest
{
    static final String GOOD = """
        dataplane {
          workers = 2
          wan {
            port = udp
            address = 192.0.2.1
            udp_port = 4500
          }
          lan {
            port = tun
            interface = torii0
            mtu = 1400
          }
        }
        sas {
          sa-out {
            spi = 0x1000
            src = 192.0.2.1
            dst = 192.0.2.2
            proposal = aes128gcm16
            enc_key = 0x000102030405060708090a0b0c0d0e0f10111213
          }
          sa-in {
            spi = 0x2000
            src = 192.0.2.2
            dst = 192.0.2.1
            proposal = aes128gcm16
            enc_key = 0x101112131415161718191a1b1c1d1e1f20212223
          }
        }
        tunnels {
          site-b {
            local_ts = 10.1.0.0/24
            remote_ts = 10.2.0.0/24
            out = sa-out
            in = sa-in
          }
        }
        """;

    @Test
    void readsPortsSasAndTunnels()
    {
        final DaemonConfig config = DaemonConfigReader.read(GOOD, "torii.conf");

        assertThat(config.workers()).isEqualTo(2);
        assertThat(config.maxSas()).isEqualTo(DaemonConfigReader.DEFAULT_MAX_SAS);
        assertThat(DaemonConfigReader.read(GOOD.replace("workers = 2", "max_sas = 50000"), "t.conf").maxSas())
            .isEqualTo(50000);
        assertThat(config.wan().kind()).isEqualTo("udp");
        assertThat(config.wan().address().orElseThrow().getHostAddress()).isEqualTo("192.0.2.1");
        assertThat(config.wan().udpPort()).isEqualTo(4500);
        assertThat(config.lan().kind()).isEqualTo("tun");
        assertThat(config.lan().interfaceName()).contains("torii0");
        assertThat(config.lan().mtu()).isEqualTo(1400);
        assertThat(config.sas()).extracting(sa -> sa.name()).containsExactly("sa-out", "sa-in");
        assertThat(config.tunnels()).singleElement().satisfies(tunnel ->
        {
            assertThat(tunnel.name()).isEqualTo("site-b");
            assertThat(tunnel.localTs()).isEqualTo("10.1.0.0/24");
            assertThat(tunnel.remoteTs()).isEqualTo("10.2.0.0/24");
            assertThat(tunnel.outbound()).isEqualTo("sa-out");
            assertThat(tunnel.inbound()).isEqualTo(List.of("sa-in"));
        });
        assertThat(config.sa("sa-in").spi()).isEqualTo(0x2000);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "port = udp     | port = quic                          | torii.conf:4  | unknown port kind 'quic'",
        "address = 192.0.2.1 | address =                      | torii.conf:3  | needs address",
        "address = 192.0.2.1 | address = gw.example            | torii.conf:5  | gw.example",
        "udp_port = 4500 | speed = 9                           | torii.conf:6  | unknown key 'speed'",
        "port = tun     | port = tun  interface = torii0       | torii.conf:9  | one setting per line",
        "out = sa-out   | out = sa-nope                        | torii.conf:34 | no SA named 'sa-nope'",
        "in = sa-in     | in = sa-in, sa-x                     | torii.conf:35 | no SA named 'sa-x'",
        "interface = torii0 | name = torii0                    | torii.conf:10 | unknown key 'name'",
    })
    void errorsNameFileLineAndWhatWasExpected(final String from, final String to, final String where,
        final String what)
    {
        assertThatThrownBy(() -> DaemonConfigReader.read(GOOD.replace(from, to), "torii.conf"))
            .isInstanceOf(SettingsException.class)
            .hasMessageContaining(where)
            .hasMessageContaining(what);
    }

    @Test
    void aMissingDataplaneSectionIsNamed()
    {
        assertThatThrownBy(() -> DaemonConfigReader.read("sas { }", "x.conf"))
            .hasMessageContaining("x.conf").hasMessageContaining("dataplane { }");
    }
}
