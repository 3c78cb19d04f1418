package io.torii.ike.crypto;

/**
 * Whether a connection accepts algorithms kept only for old peers (PRF_HMAC_SHA1,
 * AUTH_HMAC_SHA1_96). A connection must opt in explicitly; the default is {@link #REFUSE}.
 */
public enum WeakAlgorithms
{
    /** Only the SHA-2 PRFs and integrity algorithms. */
    REFUSE,
    /** SHA-1 based PRF and integrity are also offered and accepted. */
    ALLOW
}
