package io.torii.ike.proposal;

/**
 * Transform type 4 IDs (IANA "IKEv2 Transform Type 4 - Key Exchange Method Transform IDs"): the MODP
 * groups of RFC 2409, RFC 3526 and RFC 5114, the elliptic curves of RFC 5903, RFC 5114 and RFC 6954,
 * the curves of RFC 8031, and ML-KEM (draft-ietf-ipsecme-ikev2-mlkem, used with RFC 9370).
 */
public final class KeyExchangeMethod
{
    /** No key exchange: in an ESP or AH proposal, PFS is optional. */
    public static final int NONE = 0;
    /** 768-bit MODP group, RFC 2409. */
    public static final int MODP_768 = 1;
    /** 1024-bit MODP group, RFC 2409. */
    public static final int MODP_1024 = 2;
    /** 1536-bit MODP group, RFC 3526. */
    public static final int MODP_1536 = 5;
    /** 2048-bit MODP group, RFC 3526. */
    public static final int MODP_2048 = 14;
    /** 3072-bit MODP group, RFC 3526. */
    public static final int MODP_3072 = 15;
    /** 4096-bit MODP group, RFC 3526. */
    public static final int MODP_4096 = 16;
    /** 6144-bit MODP group, RFC 3526. */
    public static final int MODP_6144 = 17;
    /** 8192-bit MODP group, RFC 3526. */
    public static final int MODP_8192 = 18;
    /** NIST P-256, RFC 5903. */
    public static final int ECP_256 = 19;
    /** NIST P-384, RFC 5903. */
    public static final int ECP_384 = 20;
    /** NIST P-521, RFC 5903. */
    public static final int ECP_521 = 21;
    /** 1024-bit MODP group with 160-bit prime order subgroup, RFC 5114. */
    public static final int MODP_1024_160 = 22;
    /** 2048-bit MODP group with 224-bit prime order subgroup, RFC 5114. */
    public static final int MODP_2048_224 = 23;
    /** 2048-bit MODP group with 256-bit prime order subgroup, RFC 5114. */
    public static final int MODP_2048_256 = 24;
    /** NIST P-192, RFC 5114. */
    public static final int ECP_192 = 25;
    /** NIST P-224, RFC 5114. */
    public static final int ECP_224 = 26;
    /** brainpoolP224r1, RFC 6954. */
    public static final int BRAINPOOL_P224 = 27;
    /** brainpoolP256r1, RFC 6954. */
    public static final int BRAINPOOL_P256 = 28;
    /** brainpoolP384r1, RFC 6954. */
    public static final int BRAINPOOL_P384 = 29;
    /** brainpoolP512r1, RFC 6954. */
    public static final int BRAINPOOL_P512 = 30;
    /** Curve25519, RFC 8031. */
    public static final int CURVE25519 = 31;
    /** Curve448, RFC 8031. */
    public static final int CURVE448 = 32;
    /** ML-KEM-512. */
    public static final int ML_KEM_512 = 35;
    /** ML-KEM-768. */
    public static final int ML_KEM_768 = 36;
    /** ML-KEM-1024. */
    public static final int ML_KEM_1024 = 37;

    private KeyExchangeMethod()
    {
    }

    /**
     * @param id a key exchange transform ID.
     * @return its name for logs, or {@code KE<n>} for one this class does not define.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case NONE -> "NONE";
            case MODP_768 -> "MODP_768";
            case MODP_1024 -> "MODP_1024";
            case MODP_1536 -> "MODP_1536";
            case MODP_2048 -> "MODP_2048";
            case MODP_3072 -> "MODP_3072";
            case MODP_4096 -> "MODP_4096";
            case MODP_6144 -> "MODP_6144";
            case MODP_8192 -> "MODP_8192";
            case ECP_256 -> "ECP_256";
            case ECP_384 -> "ECP_384";
            case ECP_521 -> "ECP_521";
            case MODP_1024_160 -> "MODP_1024_160";
            case MODP_2048_224 -> "MODP_2048_224";
            case MODP_2048_256 -> "MODP_2048_256";
            case ECP_192 -> "ECP_192";
            case ECP_224 -> "ECP_224";
            case BRAINPOOL_P224 -> "ECP_224_BP";
            case BRAINPOOL_P256 -> "ECP_256_BP";
            case BRAINPOOL_P384 -> "ECP_384_BP";
            case BRAINPOOL_P512 -> "ECP_512_BP";
            case CURVE25519 -> "CURVE_25519";
            case CURVE448 -> "CURVE_448";
            case ML_KEM_512 -> "ML_KEM_512";
            case ML_KEM_768 -> "ML_KEM_768";
            case ML_KEM_1024 -> "ML_KEM_1024";
            default -> "KE" + id;
        };
    }
}
