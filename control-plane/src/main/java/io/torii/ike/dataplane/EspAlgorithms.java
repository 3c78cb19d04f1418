package io.torii.ike.dataplane;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import java.util.Optional;

/**
 * The dataplane's ESP algorithms by their IKEv2 transform IDs (IANA "Transform Type 1" and "3"):
 * what a negotiated Child SA proposal means to the ESP engine, and so how much key material it takes
 * (RFC 7296 §2.17: encryption key first, salt included for the AEADs, RFC 4106 §8.1 and RFC 7634 §2).
 */
public final class EspAlgorithms
{
    private EspAlgorithms()
    {
    }

    /**
     * @param encryptionId the ENCR transform ID.
     * @param keyBits its Key Length attribute, 0 when absent.
     * @return the engine's algorithm, or empty when the engine has none for it.
     */
    public static Optional<EncryptionAlgorithm> encryption(final int encryptionId, final int keyBits)
    {
        return Optional.ofNullable(switch (encryptionId)
        {
            case io.torii.ike.proposal.EncryptionAlgorithm.AES_CBC -> keyBits == 128 ? EncryptionAlgorithm.AES_CBC_128 :
                keyBits == 256 ? EncryptionAlgorithm.AES_CBC_256 : null;
            case io.torii.ike.proposal.EncryptionAlgorithm.AES_GCM_16 -> keyBits == 128 ?
                EncryptionAlgorithm.AES_GCM_16_128 : keyBits == 256 ? EncryptionAlgorithm.AES_GCM_16_256 : null;
            case io.torii.ike.proposal.EncryptionAlgorithm.NULL_AUTH_AES_GMAC -> keyBits == 128 ?
                EncryptionAlgorithm.AES_GMAC_128 : keyBits == 256 ? EncryptionAlgorithm.AES_GMAC_256 : null;
            case io.torii.ike.proposal.EncryptionAlgorithm.CHACHA20_POLY1305 -> keyBits == 0 ?
                EncryptionAlgorithm.CHACHA20_POLY1305 : null;
            case io.torii.ike.proposal.EncryptionAlgorithm.NULL -> EncryptionAlgorithm.NULL;
            default -> null;
        });
    }

    /**
     * @param integrityId the INTEG transform ID, 0 for none.
     * @return the engine's algorithm, or empty when the engine has none for it.
     */
    public static Optional<IntegrityAlgorithm> integrity(final int integrityId)
    {
        return Optional.ofNullable(switch (integrityId)
        {
            case io.torii.ike.proposal.IntegrityAlgorithm.NONE -> IntegrityAlgorithm.NONE;
            case io.torii.ike.proposal.IntegrityAlgorithm.HMAC_SHA2_256_128 -> IntegrityAlgorithm.HMAC_SHA2_256_128;
            case io.torii.ike.proposal.IntegrityAlgorithm.HMAC_SHA2_384_192 -> IntegrityAlgorithm.HMAC_SHA2_384_192;
            case io.torii.ike.proposal.IntegrityAlgorithm.HMAC_SHA2_512_256 -> IntegrityAlgorithm.HMAC_SHA2_512_256;
            default -> null;
        });
    }
}
