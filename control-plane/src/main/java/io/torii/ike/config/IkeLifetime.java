package io.torii.ike.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When an IKE_SA is rekeyed or reauthenticated, and how long it may outlive a rekey that does not
 * complete. Zero disables rekeying or reauthentication. strongSwan's defaults: rekey after 4h when
 * neither rekey nor reauth time is given (0 when only reauth is); reauth never; over time 10% of the
 * longer of the two; rand time the over time, but at most half of the shorter non-zero one.
 *
 * @param rekeyTime when to rekey; zero for never.
 * @param reauthTime when to reauthenticate; zero for never.
 * @param overTime how long after rekey or reauth time the IKE_SA is closed if they fail.
 * @param randTime the range of the random time subtracted from rekey and reauth times.
 */
public record IkeLifetime(Duration rekeyTime, Duration reauthTime, Duration overTime, Duration randTime)
{
    /** strongSwan's default IKE rekey time. */
    public static final Duration DEFAULT_REKEY_TIME = Duration.ofHours(4);

    /**
     * Checks that no time is missing.
     */
    public IkeLifetime
    {
        Objects.requireNonNull(rekeyTime, "rekeyTime");
        Objects.requireNonNull(reauthTime, "reauthTime");
        Objects.requireNonNull(overTime, "overTime");
        Objects.requireNonNull(randTime, "randTime");
    }

    /**
     * Applies strongSwan's defaults to the times a connection gives.
     *
     * @param rekey the rekey_time, or null when not set.
     * @param reauth the reauth_time, or null when not set.
     * @param over the over_time, or null when not set.
     * @param rand the rand_time, or null when not set.
     * @return the lifetimes strongSwan would use.
     */
    static IkeLifetime withDefaults(final Duration rekey, final Duration reauth, final Duration over,
        final Duration rand)
    {
        final Duration rekeyTime = rekey != null ? rekey : reauth == null ? DEFAULT_REKEY_TIME : Duration.ZERO;
        final Duration reauthTime = reauth != null ? reauth : Duration.ZERO;
        final Duration longer = max(rekeyTime, reauthTime);
        final Duration overTime = over != null ? over : longer.dividedBy(10);
        final Duration randTime;
        if (rand != null)
        {
            randTime = rand;
        }
        else
        {
            final Duration base = !rekeyTime.isZero() && !reauthTime.isZero() ? min(rekeyTime, reauthTime) : longer;
            randTime = min(overTime, base.dividedBy(2));
        }
        return new IkeLifetime(rekeyTime, reauthTime, overTime, randTime);
    }

    private static Duration max(final Duration a, final Duration b)
    {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(final Duration a, final Duration b)
    {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
