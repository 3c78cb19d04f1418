package io.torii.dataplane.config;

/**
 * The IKE daemon's settings from the {@code charon { }} section of {@code torii daemon --config FILE}, under
 * strongSwan's own names (strongswan.conf(5)) so that a strongSwan user's values can be copied over; the
 * control plane turns them into its retransmission schedule, half-open limits and proposal preference.
 *
 * @param retransmitTimeoutSeconds {@code retransmit_timeout}: the wait before the first retransmission.
 * @param retransmitBase {@code retransmit_base}: the factor each further wait grows by, 1 or more.
 * @param retransmitTries {@code retransmit_tries}: retransmissions before giving up.
 * @param retransmitJitterPercent {@code retransmit_jitter}: the most a wait is shortened at random, 0-100.
 * @param retransmitLimitSeconds {@code retransmit_limit}: the longest wait; 0 for no limit.
 * @param cookieThreshold {@code cookie_threshold}: half-open IKE SAs in all from which cookies are asked for.
 * @param cookieThresholdIp {@code cookie_threshold_ip}: half-open IKE SAs of one peer address from which its
 *        requests must carry a cookie.
 * @param blockThreshold {@code block_threshold}: half-open IKE SAs of one peer address from which its
 *        requests are dropped.
 * @param halfOpenTimeoutNanos {@code half_open_timeout}: how long an IKE SA may stay half-open.
 * @param preferConfiguredProposals {@code prefer_configured_proposals}: whether our proposal order decides
 *        as responder (yes) or the peer's (no).
 * @param fragmentSize {@code fragment_size}: the largest IP datagram an IKE fragment may make (RFC 7383),
 *        1280 by default; 0 for strongSwan's per-family defaults (576 for IPv4, 1280 for IPv6).
 */
public record CharonSettings(
    double retransmitTimeoutSeconds,
    double retransmitBase,
    int retransmitTries,
    int retransmitJitterPercent,
    double retransmitLimitSeconds,
    int cookieThreshold,
    int cookieThresholdIp,
    int blockThreshold,
    long halfOpenTimeoutNanos,
    boolean preferConfiguredProposals,
    int fragmentSize)
{
    /** strongSwan's defaults, what an absent {@code charon { }} section means. */
    public static final CharonSettings STRONGSWAN_DEFAULTS =
        new CharonSettings(4.0, 1.8, 5, 0, 0, 30, 3, 5, 30_000_000_000L, true, 1280);

    /**
     * @throws IllegalArgumentException when a value is outside what {@link CharonSettingsReader} accepts.
     */
    public CharonSettings
    {
        if (!(retransmitTimeoutSeconds > 0) || !(retransmitBase >= 1) || retransmitTries < 0 ||
            retransmitJitterPercent < 0 || retransmitJitterPercent > 100 || !(retransmitLimitSeconds >= 0) ||
            cookieThreshold < 0 || cookieThresholdIp < 0 || blockThreshold < 0 || halfOpenTimeoutNanos <= 0 ||
            fragmentSize < 0 || fragmentSize > 65535)
        {
            throw new IllegalArgumentException("charon settings out of range: " + retransmitTimeoutSeconds + " s, " +
                retransmitBase + ", " + retransmitTries + " tries, " + retransmitJitterPercent + " %, " +
                retransmitLimitSeconds + " s, " + cookieThreshold + "/" + cookieThresholdIp + "/" + blockThreshold +
                ", " + halfOpenTimeoutNanos + " ns, fragment size " + fragmentSize);
        }
    }
}
