package io.torii.dataplane.spd;

/**
 * What the SPD says to do with traffic a policy matches (RFC 4301 §4.4.1).
 */
public enum PolicyAction
{
    /** Send or accept the traffic only through the IPsec SA the policy names. */
    PROTECT,
    /** Let the traffic pass in the clear. */
    BYPASS,
    /** Drop the traffic. */
    DISCARD
}
