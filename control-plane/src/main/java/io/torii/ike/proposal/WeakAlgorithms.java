package io.torii.ike.proposal;

import java.util.Optional;

/**
 * Algorithms that Torii refuses unless the configuration explicitly allows weak ones, with the reason
 * from the current algorithm requirements: RFC 8247 for IKEv2, RFC 8221 for ESP and AH.
 */
public final class WeakAlgorithms
{
    private WeakAlgorithms()
    {
    }

    /**
     * @param transform any transform.
     * @return why it is weak, or empty when it is not.
     */
    public static Optional<String> reason(final Transform transform)
    {
        final int id = transform.id();
        return Optional.ofNullable(switch (transform.type())
        {
            case TransformType.ENCRYPTION -> encryption(id);
            case TransformType.PRF -> prf(id);
            case TransformType.INTEGRITY -> integrity(id);
            case TransformType.KEY_EXCHANGE -> keyExchange(id);
            default -> null;
        });
    }

    /**
     * @param transform any transform.
     * @return true when {@link #reason(Transform)} has one.
     */
    public static boolean isWeak(final Transform transform)
    {
        return reason(transform).isPresent();
    }

    private static String encryption(final int id)
    {
        return switch (id)
        {
            case EncryptionAlgorithm.DES ->
                "DES has a 56-bit key that can be searched exhaustively (RFC 8221 §5: MUST NOT)";
            case EncryptionAlgorithm.TRIPLE_DES ->
                "3DES has a 64-bit block, open to birthday attacks on long-lived SAs (RFC 8221 §5 and " +
                "RFC 8247 §2.1: SHOULD NOT)";
            case EncryptionAlgorithm.BLOWFISH ->
                "Blowfish has a 64-bit block, open to birthday attacks (RFC 8221 §5: MUST NOT)";
            default -> null;
        };
    }

    private static String prf(final int id)
    {
        return switch (id)
        {
            case PseudorandomFunction.HMAC_MD5 ->
                "HMAC-MD5 as PRF rests on the broken MD5 hash (RFC 8247 §2.2: MUST NOT)";
            case PseudorandomFunction.HMAC_SHA1 ->
                "HMAC-SHA1 as PRF rests on the broken SHA-1 hash and is being phased out (RFC 8247 §2.2)";
            default -> null;
        };
    }

    private static String integrity(final int id)
    {
        return switch (id)
        {
            case IntegrityAlgorithm.HMAC_MD5_96 ->
                "HMAC-MD5-96 rests on the broken MD5 hash (RFC 8247 §2.3 and RFC 8221 §6: MUST NOT)";
            case IntegrityAlgorithm.HMAC_SHA1_96 ->
                "HMAC-SHA1-96 rests on the broken SHA-1 hash and is being phased out (RFC 8247 §2.3, " +
                "RFC 8221 §6)";
            default -> null;
        };
    }

    private static String keyExchange(final int id)
    {
        return switch (id)
        {
            case KeyExchangeMethod.MODP_768 ->
                "the 768-bit MODP group is far too small (RFC 8247 §2.4: MUST NOT)";
            case KeyExchangeMethod.MODP_1024 ->
                "the 1024-bit MODP group is within reach of precomputation attacks (RFC 8247 §2.4: SHOULD NOT)";
            case KeyExchangeMethod.MODP_1536 ->
                "the 1536-bit MODP group offers less than 128-bit security (RFC 8247 §2.4: SHOULD NOT)";
            case KeyExchangeMethod.MODP_1024_160, KeyExchangeMethod.MODP_2048_224,
                KeyExchangeMethod.MODP_2048_256 ->
                "the RFC 5114 MODP groups with small subgroups need extra checks and have primes of unclear " +
                "origin (RFC 8247 §2.4: SHOULD NOT)";
            default -> null;
        };
    }
}
