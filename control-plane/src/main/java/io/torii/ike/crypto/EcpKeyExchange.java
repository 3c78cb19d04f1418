package io.torii.ike.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * ECDH over an RFC 5903 group. The KE payload carries x | y, each coordinate big-endian and exactly
 * as long as the prime (RFC 5903 §7); the shared secret is the x coordinate of the product alone,
 * of that same fixed length (RFC 5903 §9, which changed it from RFC 4753's x | y).
 */
final class EcpKeyExchange implements KeyExchange
{
    private final EcpCurve curve;
    private final byte[] publicValue;
    private PrivateKey privateKey;

    private EcpKeyExchange(final EcpCurve curve, final PrivateKey privateKey, final ECPoint publicPoint)
    {
        this.curve = curve;
        this.privateKey = privateKey;
        final int length = curve.coordinateLength();
        this.publicValue = ByteArrays.concat(
            ByteArrays.toFixedBigEndian(publicPoint.getAffineX(), length),
            ByteArrays.toFixedBigEndian(publicPoint.getAffineY(), length));
    }

    static EcpKeyExchange generate(final EcpCurve curve, final SecureRandom random)
    {
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve.jdkName()), random);
            final KeyPair pair = generator.generateKeyPair();
            return new EcpKeyExchange(curve, pair.getPrivate(), ((ECPublicKey)pair.getPublic()).getW());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK cannot generate " + curve + " keys", ex);
        }
    }

    /**
     * @param scalar the private scalar, big-endian, in [1, n-1].
     */
    static EcpKeyExchange fromPrivateKey(final EcpCurve curve, final byte[] scalar)
    {
        final BigInteger s = new BigInteger(1, scalar);
        if (s.signum() == 0 || s.compareTo(curve.parameters().getOrder()) >= 0)
        {
            throw new IllegalArgumentException("a " + curve + " private scalar must be in [1, n-1]");
        }
        try
        {
            final PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                new ECPrivateKeySpec(s, curve.parameters()));
            return new EcpKeyExchange(curve, key, curve.multiplyGenerator(s));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK refused a " + curve + " private key", ex);
        }
    }

    @Override
    public int group()
    {
        return curve.id();
    }

    @Override
    public byte[] publicValue()
    {
        return publicValue.clone();
    }

    @Override
    public SharedSecretResult sharedSecret(final byte[] peerPublicValue)
    {
        final PrivateKey key = privateKey;
        if (key == null)
        {
            throw new IllegalStateException(curve + " key exchange is closed");
        }
        final int length = curve.coordinateLength();
        if (peerPublicValue.length != 2 * length)
        {
            return SharedSecretResult.failure(KeyExchangeFailure.WRONG_LENGTH);
        }
        if (ByteArrays.isAllZero(peerPublicValue))
        {
            return SharedSecretResult.failure(KeyExchangeFailure.POINT_AT_INFINITY);
        }
        final BigInteger x = new BigInteger(1, peerPublicValue, 0, length);
        final BigInteger y = new BigInteger(1, peerPublicValue, length, length);
        if (x.compareTo(curve.prime()) >= 0 || y.compareTo(curve.prime()) >= 0)
        {
            return SharedSecretResult.failure(KeyExchangeFailure.OUT_OF_RANGE);
        }
        // RFC 6989 §2.3: with cofactor 1, a point on the curve other than infinity is in the group.
        if (!curve.isOnCurve(x, y))
        {
            return SharedSecretResult.failure(KeyExchangeFailure.NOT_ON_CURVE);
        }
        try
        {
            final PublicKey peerKey = KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(new ECPoint(x, y), curve.parameters()));
            final KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(key);
            agreement.doPhase(peerKey, true);
            return SharedSecretResult.success(ByteArrays.leftPad(agreement.generateSecret(), length));
        }
        catch (final GeneralSecurityException ex)
        {
            return SharedSecretResult.failure(KeyExchangeFailure.COMPUTATION_FAILED);
        }
    }

    @Override
    public void close()
    {
        KeyDestruction.destroy(privateKey);
        privateKey = null;
    }

    @Override
    public String toString()
    {
        return "EcpKeyExchange[" + curve + (privateKey == null ? " closed" : "") + "]";
    }
}
