package io.torii.ike.config;

/**
 * The IPsec mode of a child, swanctl.conf's {@code mode}; the keyword is the name in lower case.
 */
public enum ChildMode
{
    /** IPsec tunnel mode; the default. */
    TUNNEL,
    /** IPsec transport mode, negotiated with USE_TRANSPORT_MODE. */
    TRANSPORT,
    /** Mobile IPv6 transport proxy mode; not implemented by Torii. */
    TRANSPORT_PROXY,
    /** Bound end-to-end tunnel mode; not implemented by Torii. */
    BEET,
    /** A shunt: matching traffic bypasses IPsec, nothing is negotiated. */
    PASS,
    /** A shunt: matching traffic is dropped, nothing is negotiated. */
    DROP
}
