package io.torii.nativeshim;

/**
 * ESP ciphers of the ipsec-mb layer: the {@code TORII_IPSECMB_CIPHER_*} values of
 * {@code torii_shim.h}, with the sizes a caller needs to lay out packets and check keys.
 */
public enum IpsecMbCipher
{
    /** RFC 2410: nothing encrypted, no IV; ESP with an HMAC, or AH. */
    NULL(0, 0, 0, 0),
    /** RFC 3602 with a 16-byte key; needs an HMAC. */
    AES_CBC_128(1, 16, 16, 0),
    /** RFC 3602 with a 32-byte key; needs an HMAC. */
    AES_CBC_256(2, 32, 16, 0),
    /** RFC 4106 with a 16-byte ICV: a 16-byte key then the 4-byte salt. */
    AES_GCM_128(3, 20, 8, 16),
    /** RFC 4106 with a 16-byte ICV: a 32-byte key then the 4-byte salt. */
    AES_GCM_256(4, 36, 8, 16),
    /** RFC 7634: a 32-byte key then the 4-byte salt. */
    CHACHA20_POLY1305(5, 36, 8, 16),
    /** RFC 4543, authentication only: a 16-byte key then the 4-byte salt. */
    AES_GMAC_128(6, 20, 8, 16),
    /** RFC 4543, authentication only: a 32-byte key then the 4-byte salt. */
    AES_GMAC_256(7, 36, 8, 16);

    private final int code;
    private final int keyMaterialLength;
    private final int ivLength;
    private final int icvLength;

    IpsecMbCipher(final int code, final int keyMaterialLength, final int ivLength, final int icvLength)
    {
        this.code = code;
        this.keyMaterialLength = keyMaterialLength;
        this.ivLength = ivLength;
        this.icvLength = icvLength;
    }

    /** @return the {@code TORII_IPSECMB_CIPHER_*} value. */
    public int code()
    {
        return code;
    }

    /** @return bytes of key material: the key and, for the combined modes, the 4-byte salt after it. */
    public int keyMaterialLength()
    {
        return keyMaterialLength;
    }

    /** @return bytes of explicit IV in each packet. */
    public int ivLength()
    {
        return ivLength;
    }

    /** @return the ICV of a combined mode; 0 for the ciphers whose ICV comes from an HMAC. */
    public int icvLength()
    {
        return icvLength;
    }

    /** @return true for GCM, ChaCha20-Poly1305 and GMAC, which take no separate integrity algorithm. */
    public boolean isCombined()
    {
        return icvLength != 0;
    }

    /** @return true for AES-CBC, whose encrypted part must be whole 16-byte blocks. */
    public boolean isCbc()
    {
        return this == AES_CBC_128 || this == AES_CBC_256;
    }
}
