package io.torii.dataplane.handoff;

/**
 * The limits after which the dataplane reports an SA as expiring (soft: rekey now) or expired (hard: the SA
 * is no longer used), as XFRM's {@code xfrm_lifetime_cfg}. Zero means no limit.
 *
 * @param softBytes bytes protected before the soft event.
 * @param hardBytes bytes protected before the hard event.
 * @param softPackets packets protected before the soft event.
 * @param hardPackets packets protected before the hard event.
 * @param softSeconds seconds after installation before the soft event.
 * @param hardSeconds seconds after installation before the hard event.
 */
public record SaLifetimes(
    long softBytes,
    long hardBytes,
    long softPackets,
    long hardPackets,
    long softSeconds,
    long hardSeconds)
{
    /** No limits at all: the control plane handles expiry alone. */
    public static final SaLifetimes NONE = new SaLifetimes(0, 0, 0, 0, 0, 0);

    /**
     * Checks that no limit is negative and that each soft limit comes before its hard one.
     *
     * @throws IllegalArgumentException saying which limit is wrong.
     */
    public SaLifetimes
    {
        check("bytes", softBytes, hardBytes);
        check("packets", softPackets, hardPackets);
        check("seconds", softSeconds, hardSeconds);
    }

    private static void check(final String what, final long soft, final long hard)
    {
        if (soft < 0 || hard < 0)
        {
            throw new IllegalArgumentException("lifetime " + what + " must be 0 (no limit) or more, got soft " +
                soft + " hard " + hard);
        }
        if (soft != 0 && hard != 0 && soft > hard)
        {
            throw new IllegalArgumentException("soft lifetime " + what + " " + soft + " must not exceed hard " + hard);
        }
    }
}
