package io.torii.dataplane.spd;

/**
 * Which traffic a policy applies to, from this gateway's point of view.
 */
public enum PolicyDirection
{
    /** Cleartext traffic leaving through the gateway: source local, destination remote. */
    OUTBOUND,
    /** Traffic arriving at the gateway: source remote, destination local. */
    INBOUND
}
