package io.torii.ike.task;

import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.ike.config.ChildLifetime;
import java.util.random.RandomGenerator;

/**
 * When one installed Child SA pair is to be rekeyed and when it expires, drawn once per pair from its
 * child's {@code rekey_time}, {@code life_time}, {@code rand_time} and the byte and packet counterparts, as
 * charon does: the soft limit is the rekey value less a random part of the rand value (so that the two
 * peers, and the pairs of one tunnel, do not all rekey at once), the hard limit is the life value. Time is
 * the session's to watch; bytes and packets are the dataplane's, which reports crossing them as events.
 *
 * @param rekeys true when the pair is rekeyed by time at all ({@code rekey_time} not 0).
 * @param rekeyAt when to rekey, on the session clock, nanoseconds.
 * @param expires true when the pair expires by time ({@code life_time} not 0).
 * @param expireAt when it expires.
 * @param dataplane the byte and packet limits for the dataplane; the seconds stay 0, the session counts time.
 */
record ChildLifetimePlan(boolean rekeys, long rekeyAt, boolean expires, long expireAt, SaLifetimes dataplane)
{
    /**
     * @param lifetime the child's configured limits.
     * @param now the time the pair was installed.
     * @param random where the jitter comes from.
     * @return the pair's limits.
     */
    static ChildLifetimePlan draw(final ChildLifetime lifetime, final long now, final RandomGenerator random)
    {
        final long rekeyNanos = lifetime.rekeyTime().toNanos();
        final long lifeNanos = lifetime.lifeTime().toNanos();
        final long rekeyAt = now + soft(rekeyNanos, lifetime.randTime().toNanos(), lifeNanos, random);
        final SaLifetimes dataplane = new SaLifetimes(
            soft(lifetime.rekeyBytes(), lifetime.randBytes(), lifetime.lifeBytes(), random), lifetime.lifeBytes(),
            soft(lifetime.rekeyPackets(), lifetime.randPackets(), lifetime.lifePackets(), random),
            lifetime.lifePackets(), 0, 0);
        return new ChildLifetimePlan(rekeyNanos > 0, rekeyAt, lifeNanos > 0, now + lifeNanos, dataplane);
    }

    /**
     * @return the rekey value less a random amount from 0 to the rand value, at least 1 and never above the
     *         life value (a configuration with rekey above life would otherwise never rekey); 0 when the rekey
     *         value is 0 (no limit).
     */
    private static long soft(final long rekey, final long rand, final long life, final RandomGenerator random)
    {
        if (rekey <= 0)
        {
            return 0;
        }
        final long jitter = rand <= 0 ? 0 : random.nextLong(Math.min(rand, rekey - 1) + 1);
        final long soft = Math.max(1, rekey - jitter);
        return life > 0 ? Math.min(soft, life) : soft;
    }
}
