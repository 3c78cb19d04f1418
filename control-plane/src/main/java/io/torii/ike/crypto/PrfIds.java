package io.torii.ike.crypto;

/** Pseudorandom function transform IDs (transform type 2, IANA "IKEv2 Transform Type 2"). */
public final class PrfIds
{
    /** HMAC-SHA1, RFC 2104; weak, only with {@link WeakAlgorithms#ALLOW}. */
    public static final int PRF_HMAC_SHA1 = 2;
    /** HMAC-SHA-256, RFC 4868. */
    public static final int PRF_HMAC_SHA2_256 = 5;
    /** HMAC-SHA-384, RFC 4868. */
    public static final int PRF_HMAC_SHA2_384 = 6;
    /** HMAC-SHA-512, RFC 4868. */
    public static final int PRF_HMAC_SHA2_512 = 7;

    private PrfIds()
    {
    }

    /**
     * @param id a PRF transform ID.
     * @return its IANA name, or {@code PRF<n>} for one not listed here.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case PRF_HMAC_SHA1 -> "PRF_HMAC_SHA1";
            case PRF_HMAC_SHA2_256 -> "PRF_HMAC_SHA2_256";
            case PRF_HMAC_SHA2_384 -> "PRF_HMAC_SHA2_384";
            case PRF_HMAC_SHA2_512 -> "PRF_HMAC_SHA2_512";
            default -> "PRF" + id;
        };
    }
}
