package io.torii.ike.task;

import io.torii.ike.config.IkeLifetime;
import java.util.Random;

/**
 * When an established IKE SA is rekeyed, and when it is deleted because rekeying did not complete, from
 * swanctl.conf's {@code rekey_time}, {@code rand_time} and {@code over_time} as strongSwan applies them:
 * the rekey comes at {@code rekey_time} less a random part of {@code rand_time}, so that both ends do not
 * rekey at once, and the SA is deleted {@code over_time} after that moment. A rekey refused for now is
 * tried again 5 to 15 seconds later (strongSwan's RETRY_INTERVAL of 15 s less up to RETRY_JITTER of 10 s).
 * A {@code rekey_time} of 0 means neither, except for the retry of a rekey asked for by hand. Times are
 * the nanoseconds of the session's clock.
 */
final class IkeRekeySchedule
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long RETRY_INTERVAL_NANOS = 15 * NANOS_PER_SECOND;
    private static final long RETRY_JITTER_NANOS = 10 * NANOS_PER_SECOND;

    private final boolean enabled;
    private final long expireAt;
    private long rekeyAt;
    private boolean rekeyPending;
    private boolean expiryPending;

    private IkeRekeySchedule(final boolean enabled, final long rekeyAt, final long expireAt)
    {
        this.enabled = enabled;
        this.rekeyAt = rekeyAt;
        this.expireAt = expireAt;
        this.rekeyPending = enabled;
        this.expiryPending = enabled;
    }

    /**
     * @param lifetime the connection's IKE lifetimes.
     * @param established when the SA came up.
     * @param random the jitter's source.
     * @return the SA's schedule.
     */
    static IkeRekeySchedule start(final IkeLifetime lifetime, final long established, final Random random)
    {
        final long rekey = lifetime.rekeyTime().toNanos();
        if (rekey <= 0)
        {
            return new IkeRekeySchedule(false, 0, 0);
        }
        final long rand = Math.min(lifetime.randTime().toNanos(), rekey);
        final long jitter = rand > 0 ? Math.floorMod(random.nextLong(), rand) : 0;
        final long rekeyAt = established + rekey - jitter;
        return new IkeRekeySchedule(true, rekeyAt, rekeyAt + lifetime.overTime().toNanos());
    }

    /**
     * @param now the time.
     * @return true once when the rekey is due (again, after {@link #retry}).
     */
    boolean rekeyDue(final long now)
    {
        if (rekeyPending && now - rekeyAt >= 0)
        {
            rekeyPending = false;
            return true;
        }
        return false;
    }

    /**
     * @param now the time.
     * @return true once when the SA outlived its rekey by over_time.
     */
    boolean expired(final long now)
    {
        if (expiryPending && now - expireAt >= 0)
        {
            expiryPending = false;
            return true;
        }
        return false;
    }

    /**
     * The rekey failed for now: it is tried again in 5 to 15 seconds, unless the SA expires first; this
     * holds for a rekey asked for by hand as well.
     *
     * @param now the time.
     * @param random the jitter's source.
     */
    void retry(final long now, final Random random)
    {
        rekeyAt = now + RETRY_INTERVAL_NANOS - Math.floorMod(random.nextLong(), RETRY_JITTER_NANOS);
        rekeyPending = true;
    }

    /** @return when the next rekey is due; meaningless when {@link #enabled()} is false. */
    long rekeyAt()
    {
        return rekeyAt;
    }

    /** @return when the SA is deleted unless a rekey replaced it. */
    long expireAt()
    {
        return expireAt;
    }

    /** @return false when the connection never rekeys its IKE SA. */
    boolean enabled()
    {
        return enabled;
    }
}
