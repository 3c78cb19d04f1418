package io.torii.dataplane.crypto;

/**
 * Integrity algorithms for ESP with a non-combined cipher and for AH (RFC 4868).
 */
public enum IntegrityAlgorithm
{
    /** Only with a combined-mode encryption algorithm. */
    NONE("", "", 0, 0),
    /** HMAC-SHA-256-128, RFC 4868. */
    HMAC_SHA2_256_128("sha256", "HmacSHA256", 32, 16),
    /** HMAC-SHA-384-192, RFC 4868. */
    HMAC_SHA2_384_192("sha384", "HmacSHA384", 48, 24),
    /** HMAC-SHA-512-256, RFC 4868. */
    HMAC_SHA2_512_256("sha512", "HmacSHA512", 64, 32);

    private final String keyword;
    private final String jcaName;
    private final int keyLength;
    private final int icvLength;

    IntegrityAlgorithm(final String keyword, final String jcaName, final int keyLength, final int icvLength)
    {
        this.keyword = keyword;
        this.jcaName = jcaName;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    /** @return strongSwan's proposal keyword. */
    public String keyword()
    {
        return keyword;
    }

    /** @return the JCA name of the MAC. */
    public String jcaName()
    {
        return jcaName;
    }

    /** @return the key length in bytes (RFC 4868 §2.1.1: the hash's output length). */
    public int keyLength()
    {
        return keyLength;
    }

    /** @return the truncated ICV length in bytes. */
    public int icvLength()
    {
        return icvLength;
    }
}
