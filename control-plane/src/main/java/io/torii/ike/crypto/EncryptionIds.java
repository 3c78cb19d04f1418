package io.torii.ike.crypto;

/** Encryption algorithm transform IDs (transform type 1, IANA "IKEv2 Transform Type 1"). */
public final class EncryptionIds
{
    /** AES in CBC mode, RFC 3602; needs a Key Length attribute of 128, 192 or 256. */
    public static final int ENCR_AES_CBC = 12;
    /** AES-GCM with a 16-byte ICV, RFC 4106 / RFC 5282; Key Length 128, 192 or 256. */
    public static final int ENCR_AES_GCM_16 = 20;
    /** ChaCha20-Poly1305, RFC 7634; no Key Length attribute. */
    public static final int ENCR_CHACHA20_POLY1305 = 28;

    private EncryptionIds()
    {
    }

    /**
     * @param id an encryption transform ID.
     * @return its IANA name, or {@code ENCR<n>} for one not listed here.
     */
    public static String name(final int id)
    {
        return switch (id)
        {
            case ENCR_AES_CBC -> "ENCR_AES_CBC";
            case ENCR_AES_GCM_16 -> "ENCR_AES_GCM_16";
            case ENCR_CHACHA20_POLY1305 -> "ENCR_CHACHA20_POLY1305";
            default -> "ENCR" + id;
        };
    }
}
