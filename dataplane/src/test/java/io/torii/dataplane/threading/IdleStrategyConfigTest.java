package io.torii.dataplane.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

/**
 * Each configured idle strategy builds the Agrona strategy of that kind with the configured
 * parameters, read back from Agrona's own {@code toString}.
 */
class IdleStrategyConfigTest
{
    @Test
    void backoffCarriesItsFourParameters()
    {
        final IdleStrategy strategy = IdleStrategyConfig.backoff(7, 3, 250, 40_000).newIdleStrategy();

        assertThat(strategy).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(strategy.toString()).contains("maxSpins=7", "maxYields=3", "minParkPeriodNs=250",
            "maxParkPeriodNs=40000");
    }

    @Test
    void theDefaultIsBackoffWithAgronasUsualParameters()
    {
        assertThat(IdleStrategyConfig.DEFAULT.newIdleStrategy()).isInstanceOf(BackoffIdleStrategy.class)
            .hasToString(new BackoffIdleStrategy(100, 10, 1_000, 1_000_000).toString());
    }

    @Test
    void sleepingCarriesItsPeriod()
    {
        final IdleStrategy strategy = IdleStrategyConfig.sleeping(123_000).newIdleStrategy();

        assertThat(strategy).isInstanceOf(SleepingIdleStrategy.class);
        assertThat(strategy.toString()).contains("sleepPeriodNs=123000");
    }

    @Test
    void theKindsWithoutParametersBuildTheirStrategy()
    {
        assertThat(IdleStrategyConfig.of(IdleStrategyConfig.Kind.BUSY_SPIN).newIdleStrategy())
            .isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(IdleStrategyConfig.of(IdleStrategyConfig.Kind.YIELD).newIdleStrategy())
            .isInstanceOf(YieldingIdleStrategy.class);
        assertThat(IdleStrategyConfig.of(IdleStrategyConfig.Kind.NO_OP).newIdleStrategy())
            .isInstanceOf(NoOpIdleStrategy.class);
    }

    @Test
    void eachThreadGetsAStrategyOfItsOwn()
    {
        assertThat(IdleStrategyConfig.DEFAULT.newIdleStrategy()).isNotSameAs(IdleStrategyConfig.DEFAULT
            .newIdleStrategy());
    }

    @Test
    void rejectsAMinimumParkAboveTheMaximumAndNegativeCounts()
    {
        assertThatThrownBy(() -> IdleStrategyConfig.backoff(1, 1, 2_000, 1_000))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above max park");
        assertThatThrownBy(() -> IdleStrategyConfig.backoff(-1, 1, 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdleStrategyConfig.sleeping(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
