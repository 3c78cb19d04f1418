package io.torii.ike.config;

/**
 * Whether a child's SAs are offloaded to the NIC, swanctl.conf's {@code hw_offload}; the keyword is
 * the name in lower case.
 */
public enum HwOffload
{
    /** No offload; the default. */
    NO,
    /** Offload or fail to install the SA; not implemented by Torii. */
    YES,
    /** Offload when supported, otherwise not; Torii never offloads, so this is {@link #NO}. */
    AUTO
}
