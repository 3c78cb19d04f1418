package io.torii.ike.proposal;

/**
 * Transform type 1 IDs (IANA "IKEv2 Transform Type 1 - Encryption Algorithm Transform IDs"), the ones
 * Torii's proposal strings know. AES, Camellia and Blowfish carry a Key Length attribute (RFC 7296
 * §3.3.5); ChaCha20-Poly1305 does not (RFC 7634 §4).
 */
public final class EncryptionAlgorithm
{
    /** DES, RFC 2405; 56-bit key. */
    public static final int DES = 2;
    /** Triple DES, RFC 2451; 64-bit block. */
    public static final int TRIPLE_DES = 3;
    /** Blowfish, RFC 2451; 64-bit block. */
    public static final int BLOWFISH = 7;
    /** No encryption, RFC 2410 (ESP only). */
    public static final int NULL = 11;
    /** AES-CBC, RFC 3602. */
    public static final int AES_CBC = 12;
    /** AES-CTR, RFC 3686. */
    public static final int AES_CTR = 13;
    /** AES-CCM with an 8-byte ICV, RFC 4309. */
    public static final int AES_CCM_8 = 14;
    /** AES-CCM with a 12-byte ICV, RFC 4309. */
    public static final int AES_CCM_12 = 15;
    /** AES-CCM with a 16-byte ICV, RFC 4309. */
    public static final int AES_CCM_16 = 16;
    /** AES-GCM with an 8-byte ICV, RFC 4106. */
    public static final int AES_GCM_8 = 18;
    /** AES-GCM with a 12-byte ICV, RFC 4106. */
    public static final int AES_GCM_12 = 19;
    /** AES-GCM with a 16-byte ICV, RFC 4106. */
    public static final int AES_GCM_16 = 20;
    /** AES-GMAC, integrity only, RFC 4543 (ESP only). */
    public static final int NULL_AUTH_AES_GMAC = 21;
    /** Camellia-CBC, RFC 5529. */
    public static final int CAMELLIA_CBC = 23;
    /** ChaCha20-Poly1305, RFC 7634. */
    public static final int CHACHA20_POLY1305 = 28;

    private EncryptionAlgorithm()
    {
    }

    /**
     * @param id an encryption transform ID.
     * @return true when it is a combined-mode (AEAD) algorithm, which takes no integrity transform
     * (RFC 7296 §3.3, RFC 5282 §8). GMAC counts as one: it authenticates in the encryption transform.
     */
    public static boolean isAead(final int id)
    {
        return switch (id)
        {
            case AES_CCM_8, AES_CCM_12, AES_CCM_16, AES_GCM_8, AES_GCM_12, AES_GCM_16, NULL_AUTH_AES_GMAC,
                CHACHA20_POLY1305 -> true;
            default -> false;
        };
    }

    /**
     * @param id an encryption transform ID.
     * @return its IANA name for logs, or {@code ENCR<n>} for one this class does not define.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case DES -> "ENCR_DES";
            case TRIPLE_DES -> "ENCR_3DES";
            case BLOWFISH -> "ENCR_BLOWFISH";
            case NULL -> "ENCR_NULL";
            case AES_CBC -> "ENCR_AES_CBC";
            case AES_CTR -> "ENCR_AES_CTR";
            case AES_CCM_8 -> "ENCR_AES_CCM_8";
            case AES_CCM_12 -> "ENCR_AES_CCM_12";
            case AES_CCM_16 -> "ENCR_AES_CCM_16";
            case AES_GCM_8 -> "ENCR_AES_GCM_8";
            case AES_GCM_12 -> "ENCR_AES_GCM_12";
            case AES_GCM_16 -> "ENCR_AES_GCM_16";
            case NULL_AUTH_AES_GMAC -> "ENCR_NULL_AUTH_AES_GMAC";
            case CAMELLIA_CBC -> "ENCR_CAMELLIA_CBC";
            case CHACHA20_POLY1305 -> "ENCR_CHACHA20_POLY1305";
            default -> "ENCR" + id;
        };
    }
}
