package io.torii.ike.crypto;

/** Integrity algorithm transform IDs (transform type 3, IANA "IKEv2 Transform Type 3"). */
public final class IntegrityIds
{
    /** No integrity transform: what AEAD ciphers are proposed with (RFC 5282 §8). */
    public static final int NONE = 0;
    /** HMAC-SHA1 truncated to 96 bits, RFC 2404; weak, only with {@link WeakAlgorithms#ALLOW}. */
    public static final int AUTH_HMAC_SHA1_96 = 2;
    /** HMAC-SHA-256 truncated to 128 bits, RFC 4868. */
    public static final int AUTH_HMAC_SHA2_256_128 = 12;
    /** HMAC-SHA-384 truncated to 192 bits, RFC 4868. */
    public static final int AUTH_HMAC_SHA2_384_192 = 13;
    /** HMAC-SHA-512 truncated to 256 bits, RFC 4868. */
    public static final int AUTH_HMAC_SHA2_512_256 = 14;

    private IntegrityIds()
    {
    }

    /**
     * @param id an integrity transform ID.
     * @return its IANA name, or {@code AUTH<n>} for one not listed here.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case NONE -> "NONE";
            case AUTH_HMAC_SHA1_96 -> "AUTH_HMAC_SHA1_96";
            case AUTH_HMAC_SHA2_256_128 -> "AUTH_HMAC_SHA2_256_128";
            case AUTH_HMAC_SHA2_384_192 -> "AUTH_HMAC_SHA2_384_192";
            case AUTH_HMAC_SHA2_512_256 -> "AUTH_HMAC_SHA2_512_256";
            default -> "AUTH" + id;
        };
    }
}
