package io.torii.dataplane.crypto;

/**
 * ESP encryption (and combined-mode) algorithms Torii implements, with the sizes ESP processing
 * needs. Key lengths include the 4-byte salt for the algorithms whose keying material carries one
 * (RFC 4106 §8.1, RFC 4543 §3.2, RFC 7634 §2).
 */
public enum EncryptionAlgorithm
{
    /** RFC 2410: no confidentiality, for debugging; needs an integrity algorithm. */
    NULL("null", 0, 0, 0, 4, 0, Kind.NONE),
    /** RFC 3602. */
    AES_CBC_128("aes128", 16, 0, 16, 16, 0, Kind.CIPHER),
    /** RFC 3602. */
    AES_CBC_256("aes256", 32, 0, 16, 16, 0, Kind.CIPHER),
    /** RFC 4106 with a 16-byte ICV. */
    AES_GCM_16_128("aes128gcm16", 16, 4, 8, 4, 16, Kind.AEAD),
    /** RFC 4106 with a 16-byte ICV. */
    AES_GCM_16_256("aes256gcm16", 32, 4, 8, 4, 16, Kind.AEAD),
    /** RFC 7634. */
    CHACHA20_POLY1305("chacha20poly1305", 32, 4, 8, 4, 16, Kind.AEAD),
    /** RFC 4543: authentication only, the payload stays in clear. */
    AES_GMAC_128("aes128gmac", 16, 4, 8, 4, 16, Kind.AUTH_ONLY_AEAD),
    /** RFC 4543: authentication only, the payload stays in clear. */
    AES_GMAC_256("aes256gmac", 32, 4, 8, 4, 16, Kind.AUTH_ONLY_AEAD);

    /** How the algorithm protects the payload. */
    public enum Kind
    {
        /** No encryption: integrity comes from a separate algorithm. */
        NONE,
        /** A cipher that needs a separate integrity algorithm. */
        CIPHER,
        /** Combined mode: encrypts and authenticates, no separate integrity algorithm. */
        AEAD,
        /** Combined mode used for authentication only (GMAC). */
        AUTH_ONLY_AEAD
    }

    private final String keyword;
    private final int keyLength;
    private final int saltLength;
    private final int ivLength;
    private final int blockSize;
    private final int icvLength;
    private final Kind kind;

    EncryptionAlgorithm(final String keyword, final int keyLength, final int saltLength, final int ivLength,
        final int blockSize, final int icvLength, final Kind kind)
    {
        this.keyword = keyword;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.ivLength = ivLength;
        this.blockSize = blockSize;
        this.icvLength = icvLength;
        this.kind = kind;
    }

    /** @return strongSwan's proposal keyword. */
    public String keyword()
    {
        return keyword;
    }

    /** @return the cipher key length in bytes, without the salt. */
    public int keyLength()
    {
        return keyLength;
    }

    /** @return the salt length in bytes that follows the key in the keying material. */
    public int saltLength()
    {
        return saltLength;
    }

    /** @return the length of keying material: key followed by salt. */
    public int keyMaterialLength()
    {
        return keyLength + saltLength;
    }

    /** @return the explicit IV carried in each ESP packet. */
    public int ivLength()
    {
        return ivLength;
    }

    /**
     * @return the size the plaintext (payload, padding, pad length, next header) is padded to a
     *         multiple of: the cipher's block size, and at least 4 (RFC 4303 §2.4).
     */
    public int blockSize()
    {
        return blockSize;
    }

    /** @return the ICV this algorithm produces itself (combined modes), otherwise 0. */
    public int icvLength()
    {
        return icvLength;
    }

    /** @return how the algorithm protects the payload. */
    public Kind kind()
    {
        return kind;
    }

    /** @return true for combined modes, which need no separate integrity algorithm. */
    public boolean isCombinedMode()
    {
        return kind == Kind.AEAD || kind == Kind.AUTH_ONLY_AEAD;
    }
}
