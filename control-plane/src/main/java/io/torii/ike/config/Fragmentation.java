package io.torii.ike.config;

/**
 * IKE fragmentation (RFC 7383), swanctl.conf's {@code fragmentation}; the keyword is the name in lower case.
 */
public enum Fragmentation
{
    /** Announce support and fragment oversized messages when the peer supports it; the default. */
    YES,
    /** Announce support but never fragment our own messages. */
    ACCEPT,
    /** IKEv1 only: fragment even the first message; Torii treats it as {@link #YES}. */
    FORCE,
    /** Do not announce support. Fragments from the peer are still accepted. */
    NO
}
