package io.torii.ike.proposal;

/**
 * Transform type 3 IDs (IANA "IKEv2 Transform Type 3 - Integrity Algorithm Transform IDs").
 */
public final class IntegrityAlgorithm
{
    /** No integrity transform; what an AEAD proposal implies. */
    public static final int NONE = 0;
    /** HMAC-MD5-96, RFC 2403. */
    public static final int HMAC_MD5_96 = 1;
    /** HMAC-SHA1-96, RFC 2404. */
    public static final int HMAC_SHA1_96 = 2;
    /** AES-XCBC-MAC-96, RFC 3566. */
    public static final int AES_XCBC_96 = 5;
    /** AES-CMAC-96, RFC 4494. */
    public static final int AES_CMAC_96 = 8;
    /** AES-GMAC with a 128-bit key, RFC 4543 (AH only). */
    public static final int AES_128_GMAC = 9;
    /** AES-GMAC with a 192-bit key, RFC 4543 (AH only). */
    public static final int AES_192_GMAC = 10;
    /** AES-GMAC with a 256-bit key, RFC 4543 (AH only). */
    public static final int AES_256_GMAC = 11;
    /** HMAC-SHA-256-128, RFC 4868. */
    public static final int HMAC_SHA2_256_128 = 12;
    /** HMAC-SHA-384-192, RFC 4868. */
    public static final int HMAC_SHA2_384_192 = 13;
    /** HMAC-SHA-512-256, RFC 4868. */
    public static final int HMAC_SHA2_512_256 = 14;

    private IntegrityAlgorithm()
    {
    }

    /**
     * @param id an integrity transform ID.
     * @return its IANA name for logs, or {@code AUTH<n>} for one this class does not define.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case NONE -> "NONE";
            case HMAC_MD5_96 -> "AUTH_HMAC_MD5_96";
            case HMAC_SHA1_96 -> "AUTH_HMAC_SHA1_96";
            case AES_XCBC_96 -> "AUTH_AES_XCBC_96";
            case AES_CMAC_96 -> "AUTH_AES_CMAC_96";
            case AES_128_GMAC -> "AUTH_AES_128_GMAC";
            case AES_192_GMAC -> "AUTH_AES_192_GMAC";
            case AES_256_GMAC -> "AUTH_AES_256_GMAC";
            case HMAC_SHA2_256_128 -> "AUTH_HMAC_SHA2_256_128";
            case HMAC_SHA2_384_192 -> "AUTH_HMAC_SHA2_384_192";
            case HMAC_SHA2_512_256 -> "AUTH_HMAC_SHA2_512_256";
            default -> "AUTH" + id;
        };
    }
}
