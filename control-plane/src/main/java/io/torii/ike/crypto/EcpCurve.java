package io.torii.ike.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The RFC 5903 ECP groups, their parameters taken from the JDK's named curves (which are the same
 * NIST curves): y^2 = x^3 + ax + b over GF(p), cofactor 1.
 */
enum EcpCurve
{
    /** RFC 5903 §3.1. */
    ECP_256(KeyExchangeIds.ECP_256, "secp256r1"),
    /** RFC 5903 §3.2. */
    ECP_384(KeyExchangeIds.ECP_384, "secp384r1"),
    /** RFC 5903 §3.3. */
    ECP_521(KeyExchangeIds.ECP_521, "secp521r1");

    private final int id;
    private final String jdkName;
    private final ECParameterSpec parameters;
    private final BigInteger prime;

    EcpCurve(final int id, final String jdkName)
    {
        this.id = id;
        this.jdkName = jdkName;
        try
        {
            final AlgorithmParameters named = AlgorithmParameters.getInstance("EC");
            named.init(new ECGenParameterSpec(jdkName));
            this.parameters = named.getParameterSpec(ECParameterSpec.class);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(jdkName + " is missing from the JDK", ex);
        }
        this.prime = ((ECFieldFp)parameters.getCurve().getField()).getP();
    }

    int id()
    {
        return id;
    }

    String jdkName()
    {
        return jdkName;
    }

    ECParameterSpec parameters()
    {
        return parameters;
    }

    BigInteger prime()
    {
        return prime;
    }

    /** @return bytes of one coordinate: 32, 48 or 66 (RFC 5903 §7). */
    int coordinateLength()
    {
        return (prime.bitLength() + 7) / 8;
    }

    /** @return true when (x, y), both already below p, satisfies the curve equation. */
    boolean isOnCurve(final BigInteger x, final BigInteger y)
    {
        final BigInteger left = y.multiply(y).mod(prime);
        final BigInteger right = x.multiply(x).multiply(x)
            .add(parameters.getCurve().getA().multiply(x))
            .add(parameters.getCurve().getB())
            .mod(prime);
        return left.equals(right);
    }

    /**
     * Scalar multiplication of the generator in affine coordinates. Not constant time: it serves only
     * {@link KeyExchanges#fromPrivateKey}, which exists for deterministic tests; random keys come
     * from the JDK's generator.
     */
    ECPoint multiplyGenerator(final BigInteger scalar)
    {
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = parameters.getGenerator();
        for (int bit = 0; bit < scalar.bitLength(); bit++)
        {
            if (scalar.testBit(bit))
            {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        return result;
    }

    private ECPoint add(final ECPoint p, final ECPoint q)
    {
        if (p.equals(ECPoint.POINT_INFINITY))
        {
            return q;
        }
        if (q.equals(ECPoint.POINT_INFINITY))
        {
            return p;
        }
        final BigInteger slope;
        if (p.getAffineX().equals(q.getAffineX()))
        {
            if (!p.getAffineY().equals(q.getAffineY()) || p.getAffineY().signum() == 0)
            {
                return ECPoint.POINT_INFINITY;
            }
            final BigInteger x = p.getAffineX();
            slope = x.multiply(x).multiply(BigInteger.valueOf(3)).add(parameters.getCurve().getA())
                .multiply(p.getAffineY().shiftLeft(1).modInverse(prime)).mod(prime);
        }
        else
        {
            slope = q.getAffineY().subtract(p.getAffineY())
                .multiply(q.getAffineX().subtract(p.getAffineX()).modInverse(prime)).mod(prime);
        }
        final BigInteger x = slope.multiply(slope).subtract(p.getAffineX()).subtract(q.getAffineX()).mod(prime);
        final BigInteger y = slope.multiply(p.getAffineX().subtract(x)).subtract(p.getAffineY()).mod(prime);
        return new ECPoint(x, y);
    }

    static EcpCurve forId(final int id)
    {
        for (final EcpCurve curve : values())
        {
            if (curve.id == id)
            {
                return curve;
            }
        }
        return null;
    }
}
