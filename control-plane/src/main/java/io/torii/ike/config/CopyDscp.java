package io.torii.ike.config;

/**
 * Which way the DSCP field is copied between inner and outer header in tunnel mode, swanctl.conf's
 * {@code copy_dscp}; the keyword is the name in lower case.
 */
public enum CopyDscp
{
    /** Never copied. */
    NO,
    /** Copied from the outer to the inner header when decapsulating only. */
    IN,
    /** Copied from the inner to the outer header when encapsulating only; the default. */
    OUT,
    /** Copied both ways. */
    YES
}
