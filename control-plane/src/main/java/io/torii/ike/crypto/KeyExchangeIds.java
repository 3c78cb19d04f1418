package io.torii.ike.crypto;

/** Key exchange method IDs (transform type 4, IANA "IKEv2 Transform Type 4"). */
public final class KeyExchangeIds
{
    /** No key exchange: a Child SA created without PFS. */
    public static final int NONE = 0;
    /**
     * 1024-bit MODP group, RFC 2409 §6.2 (Oakley group 2); weak (RFC 8247 §2.4), only for connections that
     * allow weak algorithms.
     */
    public static final int MODP_1024 = 2;
    /** 2048-bit MODP group, RFC 3526 §3. */
    public static final int MODP_2048 = 14;
    /** 3072-bit MODP group, RFC 3526 §4. */
    public static final int MODP_3072 = 15;
    /** 4096-bit MODP group, RFC 3526 §5. */
    public static final int MODP_4096 = 16;
    /** 256-bit random ECP group (NIST P-256), RFC 5903 §3.1. */
    public static final int ECP_256 = 19;
    /** 384-bit random ECP group (NIST P-384), RFC 5903 §3.2. */
    public static final int ECP_384 = 20;
    /** 521-bit random ECP group (NIST P-521), RFC 5903 §3.3. */
    public static final int ECP_521 = 21;
    /** Curve25519 (X25519), RFC 8031. */
    public static final int CURVE25519 = 31;
    /** Curve448 (X448), RFC 8031. */
    public static final int CURVE448 = 32;

    private KeyExchangeIds()
    {
    }

    /**
     * @param id a key exchange method ID.
     * @return its IANA name, or {@code KE<n>} for one not listed here.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case NONE -> "NONE";
            case MODP_1024 -> "MODP_1024";
            case MODP_2048 -> "MODP_2048";
            case MODP_3072 -> "MODP_3072";
            case MODP_4096 -> "MODP_4096";
            case ECP_256 -> "ECP_256";
            case ECP_384 -> "ECP_384";
            case ECP_521 -> "ECP_521";
            case CURVE25519 -> "CURVE25519";
            case CURVE448 -> "CURVE448";
            default -> "KE" + id;
        };
    }
}
