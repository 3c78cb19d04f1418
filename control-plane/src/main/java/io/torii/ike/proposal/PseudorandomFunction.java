package io.torii.ike.proposal;

/**
 * Transform type 2 IDs (IANA "IKEv2 Transform Type 2 - Pseudorandom Function Transform IDs").
 */
public final class PseudorandomFunction
{
    /** HMAC-MD5, RFC 2104. */
    public static final int HMAC_MD5 = 1;
    /** HMAC-SHA1, RFC 2104. */
    public static final int HMAC_SHA1 = 2;
    /** AES-XCBC-PRF-128, RFC 4434. */
    public static final int AES128_XCBC = 4;
    /** HMAC-SHA-256, RFC 4868. */
    public static final int HMAC_SHA2_256 = 5;
    /** HMAC-SHA-384, RFC 4868. */
    public static final int HMAC_SHA2_384 = 6;
    /** HMAC-SHA-512, RFC 4868. */
    public static final int HMAC_SHA2_512 = 7;
    /** AES-CMAC-PRF-128, RFC 4615. */
    public static final int AES128_CMAC = 8;

    private PseudorandomFunction()
    {
    }

    /**
     * @param id a PRF transform ID.
     * @return its IANA name for logs, or {@code PRF<n>} for one this class does not define.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case HMAC_MD5 -> "PRF_HMAC_MD5";
            case HMAC_SHA1 -> "PRF_HMAC_SHA1";
            case AES128_XCBC -> "PRF_AES128_XCBC";
            case HMAC_SHA2_256 -> "PRF_HMAC_SHA2_256";
            case HMAC_SHA2_384 -> "PRF_HMAC_SHA2_384";
            case HMAC_SHA2_512 -> "PRF_HMAC_SHA2_512";
            case AES128_CMAC -> "PRF_AES128_CMAC";
            default -> "PRF" + id;
        };
    }
}
