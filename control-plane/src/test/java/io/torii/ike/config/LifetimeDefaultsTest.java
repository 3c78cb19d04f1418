package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * strongSwan's lifetime defaults, from swanctl.conf(5) and vici's config loading; empty cells are keys
 * not set, times in seconds.
 */
class LifetimeDefaultsTest
{
    private static Duration seconds(final Long value)
    {
        return value == null ? null : Duration.ofSeconds(value);
    }

    @ParameterizedTest(name = "rekey {0} reauth {1} over {2} rand {3}")
    @CsvSource({
        // nothing set: rekey 4h, no reauth, over 10% of 4h, rand the same
        ",,,, 14400, 0, 1440, 1440",
        // only reauth: rekeying is off, over and rand from reauth
        ", 3600,,, 0, 3600, 360, 360",
        // both: over from the longer, rand at most half the shorter
        "3600, 600,,, 3600, 600, 360, 300",
        // an explicit over_time carries into rand_time, capped at half the rekey time
        "1000,, 800,, 1000, 0, 800, 500",
        // explicit values win
        "7200, 0, 60, 30, 7200, 0, 60, 30",
        // rekey off and reauth off: nothing to randomise
        "0,,,, 0, 0, 0, 0",
    })
    void ikeLifetimes(final Long rekey, final Long reauth, final Long over, final Long rand, final long expectedRekey,
        final long expectedReauth, final long expectedOver, final long expectedRand)
    {
        final IkeLifetime lifetime = IkeLifetime.withDefaults(seconds(rekey), seconds(reauth), seconds(over),
            seconds(rand));

        assertThat(lifetime).isEqualTo(new IkeLifetime(Duration.ofSeconds(expectedRekey),
            Duration.ofSeconds(expectedReauth), Duration.ofSeconds(expectedOver), Duration.ofSeconds(expectedRand)));
    }

    @ParameterizedTest(name = "life of {0} is {1}")
    @CsvSource({ "3600, 3960", "0, 0", "1, 1", "150, 165", "8000000000000000000, 8800000000000000000" })
    void childLifeIsTenPercentAboveRekeyWithoutOverflow(final long rekey, final long life)
    {
        assertThat(ChildLifetime.defaultLife(rekey)).isEqualTo(life);
    }

    @ParameterizedTest(name = "rand for rekey {0}, life {1} is {2}")
    @CsvSource({ "3600, 3960, 360", "3600, 3000, 0", "0, 0, 0" })
    void childRandIsTheGapBetweenLifeAndRekey(final long rekey, final long life, final long rand)
    {
        assertThat(ChildLifetime.defaultRand(rekey, life)).isEqualTo(rand);
    }
}
