package io.torii.ike.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When a child SA is rekeyed and when it dies, by time, bytes and packets. Rekeying happens at the
 * rekey limit minus a random amount up to the rand value; the life limit is the hard one. Zero
 * disables a limit. strongSwan's defaults: rekey after 1h; life 10% above rekey; rand the
 * difference of life and rekey (never negative); bytes and packets unlimited.
 *
 * @param rekeyTime when to rekey.
 * @param lifeTime when to delete.
 * @param randTime the range of the random time subtracted from rekeyTime.
 * @param rekeyBytes bytes before rekeying; 0 for no limit.
 * @param lifeBytes bytes before deleting; 0 for no limit.
 * @param randBytes the range of the random count subtracted from rekeyBytes.
 * @param rekeyPackets packets before rekeying; 0 for no limit.
 * @param lifePackets packets before deleting; 0 for no limit.
 * @param randPackets the range of the random count subtracted from rekeyPackets.
 */
public record ChildLifetime(
    Duration rekeyTime,
    Duration lifeTime,
    Duration randTime,
    long rekeyBytes,
    long lifeBytes,
    long randBytes,
    long rekeyPackets,
    long lifePackets,
    long randPackets)
{
    /** strongSwan's default child rekey time. */
    public static final Duration DEFAULT_REKEY_TIME = Duration.ofHours(1);

    /**
     * Checks that no time is missing.
     */
    public ChildLifetime
    {
        Objects.requireNonNull(rekeyTime, "rekeyTime");
        Objects.requireNonNull(lifeTime, "lifeTime");
        Objects.requireNonNull(randTime, "randTime");
    }

    /**
     * @param rekey the soft limit.
     * @return strongSwan's default hard limit: 10% above the soft one.
     */
    static long defaultLife(final long rekey)
    {
        return rekey / 100 * 110 + rekey % 100 * 110 / 100;
    }

    /**
     * @return strongSwan's default random range: the hard limit less the soft one, at least 0.
     */
    static long defaultRand(final long rekey, final long life)
    {
        return life - Math.min(life, rekey);
    }
}
