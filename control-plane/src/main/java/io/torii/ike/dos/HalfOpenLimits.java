package io.torii.ike.dos;

/**
 * When a responder asks for cookies and when it drops IKE_SA_INIT requests outright, by half-open IKE
 * SAs (RFC 7296 §2.6): SAs whose IKE_SA_INIT was answered and whose IKE_AUTH has not completed.
 * strongSwan's settings and defaults are the reference.
 *
 * @param cookieThreshold half-open SAs in all from which every new request must carry a cookie
 *        ({@code charon.cookie_threshold}, 30); 0 asks for cookies always.
 * @param cookieThresholdPerAddress half-open SAs of one source address from which its requests must carry
 *        a cookie ({@code charon.cookie_threshold_ip}, 3).
 * @param blockThreshold half-open SAs of one source address from which its requests are dropped
 *        ({@code charon.block_threshold}, 5); 0 never drops.
 * @param halfOpenTimeoutNanos how long an SA may stay half-open before it is deleted
 *        ({@code charon.half_open_timeout}, 30 s).
 */
public record HalfOpenLimits(int cookieThreshold, int cookieThresholdPerAddress, int blockThreshold,
    long halfOpenTimeoutNanos)
{
    /** strongSwan's defaults. */
    public static final HalfOpenLimits STRONGSWAN_DEFAULTS = new HalfOpenLimits(30, 3, 5, 30_000_000_000L);

    /**
     * @throws IllegalArgumentException when a threshold is negative or the timeout not positive.
     */
    public HalfOpenLimits
    {
        if (cookieThreshold < 0 || cookieThresholdPerAddress < 0 || blockThreshold < 0 || halfOpenTimeoutNanos <= 0)
        {
            throw new IllegalArgumentException("half-open limits " + cookieThreshold + "/" + cookieThresholdPerAddress +
                "/" + blockThreshold + ", timeout " + halfOpenTimeoutNanos + " ns: expected thresholds of 0 or " +
                "more and a timeout of more than 0");
        }
    }
}
