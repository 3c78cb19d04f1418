package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sa_statistics_interval} and {@code acquire_interval} in the daemon's {@code dataplane} section, written
 * as strongSwan writes times.
 */
class EventIntervalsConfigTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void defaultsAreStatisticsOnRemovalOnlyAndOneAcquirePerSecond()
    {
        final DaemonConfig config = DaemonConfigReader.read(DaemonConfigReaderTest.GOOD, "t.conf");

        assertThat(config.events()).isEqualTo(EventIntervals.DEFAULTS);
        assertThat(config.events().saStatisticsNanos()).isZero();
        assertThat(config.events().acquireNanos()).isEqualTo(SECOND);
    }

    @Test
    void bothIntervalsAreRead()
    {
        final DaemonConfig config = DaemonConfigReader.read(DaemonConfigReaderTest.GOOD.replace("workers = 2",
            "workers = 2\n  sa_statistics_interval = 2m\n  acquire_interval = 500ms"), "t.conf");

        assertThat(config.events()).isEqualTo(new EventIntervals(120 * SECOND, SECOND / 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "10, 10000000000",
        "10s, 10000000000",
        "250ms, 250000000",
        "5m, 300000000000",
        "1h, 3600000000000",
        "1d, 86400000000000",
        "0, 0",
    })
    void timesTakeStrongSwansUnits(final String text, final long nanos)
    {
        assertThat(DurationSetting.nanos(new SettingsValue("k", text, new SettingsLocation("t.conf", 3))))
            .isEqualTo(nanos);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "sa_statistics_interval = soon, soon",
        "sa_statistics_interval = 10 s, 10 s",
        "acquire_interval = -1s, -1s",
        "acquire_interval = 1w, 1w",
        "acquire_interval = 400d, longer than a year",
    })
    void badTimesNameTheLine(final String setting, final String what)
    {
        assertThatThrownBy(() -> DaemonConfigReader.read(DaemonConfigReaderTest.GOOD.replace("workers = 2",
            "workers = 2\n  " + setting), "torii.conf"))
            .isInstanceOf(SettingsException.class)
            .hasMessageContaining("torii.conf:3")
            .hasMessageContaining(what);
    }
}
