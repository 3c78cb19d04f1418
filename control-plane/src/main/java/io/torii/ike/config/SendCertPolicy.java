package io.torii.ike.config;

/**
 * When to send certificate payloads, swanctl.conf's {@code send_cert}; the keyword is the name in lower case.
 */
public enum SendCertPolicy
{
    /** Only when the peer sent a certificate request; the default. */
    IFASKED,
    /** Whenever certificate authentication is used. */
    ALWAYS,
    /** Never. */
    NEVER
}
