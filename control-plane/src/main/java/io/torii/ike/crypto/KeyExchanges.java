package io.torii.ike.crypto;

import java.security.SecureRandom;
import java.util.List;

/**
 * Creates {@link KeyExchange}s by key exchange method ID. Supported: MODP 14, 15, 16 (RFC 3526), ECP
 * 19, 20, 21 (RFC 5903), Curve25519 31 and Curve448 32 (RFC 8031), and the weak MODP 2 (RFC 2409), which
 * only connections that allow weak algorithms can configure (the proposal parser refuses it otherwise).
 */
public final class KeyExchanges
{
    /** The supported IDs, in our order of preference: fastest strong curves first, MODP last. */
    private static final List<Integer> SUPPORTED = List.of(
        KeyExchangeIds.CURVE25519, KeyExchangeIds.ECP_256, KeyExchangeIds.ECP_384, KeyExchangeIds.CURVE448,
        KeyExchangeIds.ECP_521, KeyExchangeIds.MODP_3072, KeyExchangeIds.MODP_4096, KeyExchangeIds.MODP_2048,
        KeyExchangeIds.MODP_1024);

    private KeyExchanges()
    {
    }

    /** @return the supported key exchange method IDs, most preferred first. */
    public static List<Integer> supportedGroups()
    {
        return SUPPORTED;
    }

    /** @return true when {@code group} is a supported key exchange method ID. */
    public static boolean isSupported(final int group)
    {
        return SUPPORTED.contains(group);
    }

    /**
     * @param group a supported key exchange method ID.
     * @return the exact length of the group's public values in a KE payload.
     * @throws IllegalArgumentException when the group is not supported.
     */
    public static int publicValueLength(final int group)
    {
        final ModpGroup modp = ModpGroup.forId(group);
        if (modp != null)
        {
            return modp.length();
        }
        final EcpCurve ecp = EcpCurve.forId(group);
        if (ecp != null)
        {
            return 2 * ecp.coordinateLength();
        }
        return xdhCurve(group).length();
    }

    /**
     * @param group a supported key exchange method ID.
     * @param random the source of the private value.
     * @return a fresh exchange with a random private value.
     * @throws IllegalArgumentException when the group is not supported.
     */
    public static KeyExchange create(final int group, final SecureRandom random)
    {
        final ModpGroup modp = ModpGroup.forId(group);
        if (modp != null)
        {
            return ModpKeyExchange.generate(modp, random);
        }
        final EcpCurve ecp = EcpCurve.forId(group);
        if (ecp != null)
        {
            return EcpKeyExchange.generate(ecp, random);
        }
        return XdhKeyExchange.generate(xdhCurve(group), random);
    }

    /**
     * An exchange with a given private value, for deterministic tests and known-answer vectors.
     *
     * @param group a supported key exchange method ID.
     * @param privateKey MODP: the exponent, big-endian, in [2, p-2]; ECP: the scalar, big-endian, in
     *     [1, n-1]; Curve25519/Curve448: the 32 or 56 raw bytes of RFC 7748 (clamped when used).
     * @return the exchange; the caller may zero {@code privateKey} afterwards.
     * @throws IllegalArgumentException when the group is not supported or the key is out of range.
     */
    public static KeyExchange fromPrivateKey(final int group, final byte[] privateKey)
    {
        final ModpGroup modp = ModpGroup.forId(group);
        if (modp != null)
        {
            return ModpKeyExchange.fromPrivateKey(modp, privateKey);
        }
        final EcpCurve ecp = EcpCurve.forId(group);
        if (ecp != null)
        {
            return EcpKeyExchange.fromPrivateKey(ecp, privateKey);
        }
        return XdhKeyExchange.fromPrivateKey(xdhCurve(group), privateKey);
    }

    private static XdhKeyExchange.Curve xdhCurve(final int group)
    {
        for (final XdhKeyExchange.Curve curve : XdhKeyExchange.Curve.values())
        {
            if (curve.id() == group)
            {
                return curve;
            }
        }
        throw new IllegalArgumentException("key exchange method " + KeyExchangeIds.name(group) + " is not supported");
    }
}
