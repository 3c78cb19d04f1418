package io.torii.ike.crypto;

/** The HMAC integrity transforms the SK payload may use, with their key and truncated ICV lengths. */
enum IntegrityAlgorithm
{
    /** RFC 2404: 20-byte key, 12-byte ICV. */
    HMAC_SHA1_96(IntegrityIds.AUTH_HMAC_SHA1_96, "HmacSHA1", 20, 12, true),
    /** RFC 4868: 32-byte key, 16-byte ICV. */
    HMAC_SHA2_256_128(IntegrityIds.AUTH_HMAC_SHA2_256_128, "HmacSHA256", 32, 16, false),
    /** RFC 4868: 48-byte key, 24-byte ICV. */
    HMAC_SHA2_384_192(IntegrityIds.AUTH_HMAC_SHA2_384_192, "HmacSHA384", 48, 24, false),
    /** RFC 4868: 64-byte key, 32-byte ICV. */
    HMAC_SHA2_512_256(IntegrityIds.AUTH_HMAC_SHA2_512_256, "HmacSHA512", 64, 32, false);

    private final int id;
    private final String macAlgorithm;
    private final int keyLength;
    private final int icvLength;
    private final boolean weak;

    IntegrityAlgorithm(final int id, final String macAlgorithm, final int keyLength, final int icvLength,
        final boolean weak)
    {
        this.id = id;
        this.macAlgorithm = macAlgorithm;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
        this.weak = weak;
    }

    int id()
    {
        return id;
    }

    String macAlgorithm()
    {
        return macAlgorithm;
    }

    int keyLength()
    {
        return keyLength;
    }

    int icvLength()
    {
        return icvLength;
    }

    static IntegrityAlgorithm forId(final int id, final WeakAlgorithms weakAlgorithms)
    {
        for (final IntegrityAlgorithm algorithm : values())
        {
            if (algorithm.id == id && (!algorithm.weak || weakAlgorithms == WeakAlgorithms.ALLOW))
            {
                return algorithm;
            }
        }
        return null;
    }
}
