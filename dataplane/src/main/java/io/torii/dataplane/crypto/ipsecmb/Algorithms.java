package io.torii.dataplane.crypto.ipsecmb;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.nativeshim.IpsecMbCipher;
import io.torii.nativeshim.IpsecMbIntegrity;

/**
 * Maps Torii's algorithm names onto the shim's.
 */
final class Algorithms
{
    private Algorithms()
    {
    }

    static IpsecMbCipher cipher(final EncryptionAlgorithm algorithm)
    {
        return switch (algorithm)
        {
            case NULL -> IpsecMbCipher.NULL;
            case AES_CBC_128 -> IpsecMbCipher.AES_CBC_128;
            case AES_CBC_256 -> IpsecMbCipher.AES_CBC_256;
            case AES_GCM_16_128 -> IpsecMbCipher.AES_GCM_128;
            case AES_GCM_16_256 -> IpsecMbCipher.AES_GCM_256;
            case CHACHA20_POLY1305 -> IpsecMbCipher.CHACHA20_POLY1305;
            case AES_GMAC_128 -> IpsecMbCipher.AES_GMAC_128;
            case AES_GMAC_256 -> IpsecMbCipher.AES_GMAC_256;
        };
    }

    static IpsecMbIntegrity integrity(final IntegrityAlgorithm algorithm)
    {
        return switch (algorithm)
        {
            case NONE -> IpsecMbIntegrity.NONE;
            case HMAC_SHA2_256_128 -> IpsecMbIntegrity.HMAC_SHA2_256_128;
            case HMAC_SHA2_384_192 -> IpsecMbIntegrity.HMAC_SHA2_384_192;
            case HMAC_SHA2_512_256 -> IpsecMbIntegrity.HMAC_SHA2_512_256;
        };
    }
}
