package io.torii.ike.config;

/**
 * How certificate revocation checking fails, swanctl.conf's {@code revocation}; the keyword is the name in lower case.
 */
public enum RevocationPolicy
{
    /** Fail unless the certificate is known to be unrevoked. */
    STRICT,
    /** Fail when a CRL or OCSP URI exists but checking fails. */
    IFURI,
    /** Fail only when the certificate is known to be revoked; the default. */
    RELAXED
}
