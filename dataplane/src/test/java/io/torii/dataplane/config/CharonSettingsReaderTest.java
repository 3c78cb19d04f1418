package io.torii.dataplane.config;

import static io.torii.dataplane.config.SettingsErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The daemon configuration's {@code charon { }} section: strongSwan's names and defaults, and an error at
 * the file and line for anything it cannot mean.
 */
class CharonSettingsReaderTest
{
    /** The dataplane part every configuration needs, lines 1 to 6 (a value ends its line); charon opens on 7. */
    private static final String DATAPLANE = """
        dataplane {
          wan { port = udp\naddress = 192.0.2.1 }
          lan { port = tun\ninterface = torii0 }
        }
        """;

    private static DaemonConfig read(final String charon)
    {
        return DaemonConfigReader.read(DATAPLANE + charon, "torii.conf");
    }

    @Test
    void withoutTheSectionStrongSwansDefaultsApply()
    {
        final CharonSettings settings = DaemonConfigReader.read(DATAPLANE, "torii.conf").charon();

        assertThat(settings).isEqualTo(new CharonSettings(4.0, 1.8, 5, 0, 0, 30, 3, 5, 30_000_000_000L, true, 1280));
        assertThat(read("charon {\n}\n").charon()).isEqualTo(CharonSettings.STRONGSWAN_DEFAULTS);
    }

    @Test
    void readsEveryKeyUnderStrongSwansName()
    {
        final CharonSettings settings = read("""
            charon {
              retransmit_timeout = 2.5
              retransmit_base = 1.4
              retransmit_tries = 3
              retransmit_jitter = 20
              retransmit_limit = 30
              cookie_threshold = 10
              cookie_threshold_ip = 2
              block_threshold = 0
              half_open_timeout = 1m
              prefer_configured_proposals = no
              fragment_size = 1400
            }
            """).charon();

        assertThat(settings).isEqualTo(new CharonSettings(2.5, 1.4, 3, 20, 30, 10, 2, 0, 60_000_000_000L, false, 1400));
    }

    @Test
    void anEmptyValueKeepsTheDefaultAndTemplatesWork()
    {
        final CharonSettings settings = read("""
            ike-defaults { retransmit_tries = 2 }
            charon : ike-defaults {
              retransmit_timeout =
            }
            """).charon();

        assertThat(settings.retransmitTries()).isEqualTo(2);
        assertThat(settings.retransmitTimeoutSeconds()).isEqualTo(4.0);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "retransmit_timeout = 0          | retransmit_timeout: must be above 0 seconds",
        "retransmit_timeout = 4,0        | retransmit_timeout: expected a decimal number such as 4 or 1.8",
        "retransmit_base = 0.5           | retransmit_base: must be 1 or more",
        "retransmit_tries = 101          | retransmit_tries: '101' is above 100",
        "retransmit_jitter = 150         | retransmit_jitter: '150' is above 100",
        "retransmit_limit = -1           | retransmit_limit: expected a decimal number",
        "cookie_threshold = many         | cookie_threshold: expected a decimal number",
        "half_open_timeout = 0           | half_open_timeout: must be above 0",
        "half_open_timeout = soon        | half_open_timeout: expected a time such as 10s",
        "prefer_configured_proposals = 2 | prefer_configured_proposals: expected yes or no",
        "fragment_size = 500             | fragment_size: must be 0 (the per-family defaults) or 576 to 65535",
        "fragment_size = 70000           | fragment_size: '70000' is above 65535",
        "threads = 16                    | threads: unknown key in charon; Torii reads only [block_threshold,",
        "plugins { }                     | unknown section 'plugins' in charon"})
    void badValuesAreErrorsAtTheirLine(final String line, final String message)
    {
        assertError(() -> read("charon {\n" + line + "\n}\n"), "torii.conf", 8, message);
    }
}
