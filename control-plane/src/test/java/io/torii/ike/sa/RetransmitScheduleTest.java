package io.torii.ike.sa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** strongSwan's retransmission timing: timeout * base^n, capped, jittered down, then give up. */
class RetransmitScheduleTest
{
    private static final double NANOS = 1e9;

    @Test
    void defaultsWaitFourSecondsThenGrowByOnePointEightAndGiveUpAfterFiveRetransmissions()
    {
        final RetransmitSchedule schedule = RetransmitSchedule.STRONGSWAN_DEFAULTS;
        final double[] expected = {4.0, 7.2, 12.96, 23.328, 41.9904, 75.58272};
        for (int sent = 1; sent <= expected.length; sent++)
        {
            assertThat(schedule.delayNanos(sent, null) / NANOS).as("after send %d", sent)
                .isCloseTo(expected[sent - 1], within(1e-6));
            assertThat(schedule.retransmitsAfter(sent)).isEqualTo(sent <= 5);
        }
        assertThat(schedule.totalNanos() / NANOS).isCloseTo(165.06, within(0.01));
    }

    @Test
    void theLimitCapsEveryWaitAndJitterOnlyShortensIt()
    {
        final RetransmitSchedule capped = new RetransmitSchedule(4.0, 2.0, 3, 0, 10.0);
        assertThat(capped.delayNanos(3, null) / NANOS).isEqualTo(10.0);
        final RetransmitSchedule jittered = new RetransmitSchedule(10.0, 1.0, 1, 20, 0);
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++)
        {
            final double seconds = jittered.delayNanos(1, random) / NANOS;
            assertThat(seconds).isGreaterThan(8.0).isLessThanOrEqualTo(10.0);
        }
    }

    @Test
    void valuesStrongSwanRefusesAreRefused()
    {
        assertThatThrownBy(() -> new RetransmitSchedule(0, 1.8, 5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetransmitSchedule(4, 0.5, 5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetransmitSchedule(4, 1.8, 5, 101, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetransmitSchedule(Double.NaN, 1.8, 5, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
