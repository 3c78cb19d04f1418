package io.torii.nativeshim;

/**
 * Integrity algorithms of the ipsec-mb layer (RFC 4868): the {@code TORII_IPSECMB_INTEG_*} values
 * of {@code torii_shim.h}.
 */
public enum IpsecMbIntegrity
{
    /** Only with a combined-mode cipher. */
    NONE(0, 0, 0),
    /** HMAC-SHA-256-128. */
    HMAC_SHA2_256_128(1, 32, 16),
    /** HMAC-SHA-384-192. */
    HMAC_SHA2_384_192(2, 48, 24),
    /** HMAC-SHA-512-256. */
    HMAC_SHA2_512_256(3, 64, 32);

    /** Longest HMAC key the C side takes ({@code TORII_IPSECMB_MAX_HMAC_KEY}). */
    public static final int MAX_KEY_LENGTH = 1024;

    private final int code;
    private final int keyLength;
    private final int icvLength;

    IpsecMbIntegrity(final int code, final int keyLength, final int icvLength)
    {
        this.code = code;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    /** @return the {@code TORII_IPSECMB_INTEG_*} value. */
    public int code()
    {
        return code;
    }

    /**
     * @return the key length RFC 4868 section 2.1.1 requires, the hash's output length. Keys of
     *         other lengths (1 to {@link #MAX_KEY_LENGTH}) are accepted for RFC 4231's vectors; the
     *         engine above checks the RFC length.
     */
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
