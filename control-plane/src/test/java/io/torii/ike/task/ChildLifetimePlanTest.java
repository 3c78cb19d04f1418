package io.torii.ike.task;

import static io.torii.ike.task.TwoPeers.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.ike.config.ChildLifetime;
import io.torii.ike.sa.ChildSa;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The limits drawn for one installed pair from swanctl.conf's lifetime settings. */
class ChildLifetimePlanTest
{
    private static ChildLifetime times(final long rekey, final long life, final long rand)
    {
        return new ChildLifetime(Duration.ofSeconds(rekey), Duration.ofSeconds(life), Duration.ofSeconds(rand),
            0, 0, 0, 0, 0, 0);
    }

    @Test
    void theRekeyFallsBetweenRekeyLessRandAndRekeyAndTheExpiryAtLifeCountedFromInstallation()
    {
        final Random random = new Random(7);
        final Set<Long> seen = new HashSet<>();
        for (int draw = 0; draw < 200; draw++)
        {
            final ChildLifetimePlan plan = ChildLifetimePlan.draw(times(3600, 3960, 360), 1_000, random);
            assertThat(plan.rekeys()).isTrue();
            assertThat(plan.rekeyAt() - 1_000).isBetween(3240 * SECOND, 3600 * SECOND);
            assertThat(plan.expires()).isTrue();
            assertThat(plan.expireAt()).isEqualTo(1_000 + 3960 * SECOND);
            seen.add(plan.rekeyAt());
        }
        assertThat(seen).as("jittered, not one fixed time").hasSizeGreaterThan(100);
    }

    @Test
    void zeroMeansNoLimitAndARekeyAboveTheLifeIsHeldToTheLife()
    {
        final ChildLifetimePlan none = ChildLifetimePlan.draw(times(0, 0, 0), 0, new Random(1));
        assertThat(none.rekeys()).isFalse();
        assertThat(none.expires()).isFalse();
        assertThat(none.dataplane()).isEqualTo(SaLifetimes.NONE);

        final ChildLifetimePlan inverted = ChildLifetimePlan.draw(times(100, 50, 0), 0, new Random(1));
        assertThat(inverted.rekeyAt()).isEqualTo(50 * SECOND);
    }

    @Test
    void byteAndPacketLimitsKeepTheSoftOneAtLeastOneAndAtMostTheHardOne()
    {
        final ChildLifetime counts = new ChildLifetime(Duration.ZERO, Duration.ZERO, Duration.ZERO, 10, 8, 100,
            5, 0, 4);
        for (int draw = 0; draw < 50; draw++)
        {
            final SaLifetimes limits = ChildLifetimePlan.draw(counts, 0, new Random(draw)).dataplane();
            assertThat(limits.softBytes()).isBetween(1L, 8L);
            assertThat(limits.hardBytes()).isEqualTo(8);
            assertThat(limits.softPackets()).isBetween(1L, 5L);
            assertThat(limits.hardPackets()).isZero();
        }
    }

    @Test
    void statesMoveWholeToTheIkeSaThatTakesOverTheChildren()
    {
        final TwoPeers peers = new TwoPeers(TwoPeers.Settings.plain(), TwoPeers.Settings.plain());
        final IkeSaContext old = peers.moon.context();
        final ChildSaStates successor = new ChildSaStates();
        final ChildSa net = TwoPeers.child(peers.moon, "net");

        old.childStates.transferTo(successor);

        assertThat(successor.get(net)).isNotNull();
        assertThat(successor.bySpi(net.outboundSpi())).isSameAs(net);
        assertThat(old.childStates.get(net)).isNull();
    }
}
