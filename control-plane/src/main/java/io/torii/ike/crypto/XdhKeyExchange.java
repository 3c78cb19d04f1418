package io.torii.ike.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * X25519 and X448 (RFC 8031): the KE payload carries the u coordinate, little-endian, 32 or 56
 * bytes (RFC 7748 §5); the shared secret is the function's output as is. An all-zero output, which a
 * low-order peer point forces, is refused (RFC 8031 §2.3).
 */
final class XdhKeyExchange implements KeyExchange
{
    /** The curves, with their u-coordinate lengths, field primes and base points (RFC 7748 §4). */
    enum Curve
    {
        /** Curve25519: p = 2^255 - 19, base point u = 9. */
        X25519(KeyExchangeIds.CURVE25519, NamedParameterSpec.X25519, 32,
            BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19)), 9),
        /** Curve448: p = 2^448 - 2^224 - 1, base point u = 5. */
        X448(KeyExchangeIds.CURVE448, NamedParameterSpec.X448, 56,
            BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224)).subtract(BigInteger.ONE), 5);

        private final int id;
        private final NamedParameterSpec spec;
        private final int length;
        private final BigInteger prime;
        private final BigInteger basePoint;

        Curve(final int id, final NamedParameterSpec spec, final int length, final BigInteger prime,
            final int basePoint)
        {
            this.id = id;
            this.spec = spec;
            this.length = length;
            this.prime = prime;
            this.basePoint = BigInteger.valueOf(basePoint);
        }

        int id()
        {
            return id;
        }

        int length()
        {
            return length;
        }
    }

    private final Curve curve;
    private final byte[] publicValue;
    private PrivateKey privateKey;

    private XdhKeyExchange(final Curve curve, final PrivateKey privateKey, final byte[] publicValue)
    {
        this.curve = curve;
        this.privateKey = privateKey;
        this.publicValue = publicValue;
    }

    static XdhKeyExchange generate(final Curve curve, final SecureRandom random)
    {
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
            generator.initialize(curve.spec, random);
            final KeyPair pair = generator.generateKeyPair();
            final BigInteger u = ((XECPublicKey)pair.getPublic()).getU();
            return new XdhKeyExchange(curve, pair.getPrivate(), encodeU(curve, u));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK cannot generate " + curve + " keys", ex);
        }
    }

    /**
     * @param scalar the private key as RFC 7748 writes it: {@link Curve#length()} raw bytes, clamped by
     *     the function itself.
     */
    static XdhKeyExchange fromPrivateKey(final Curve curve, final byte[] scalar)
    {
        if (scalar.length != curve.length)
        {
            throw new IllegalArgumentException("a " + curve + " private key is " + curve.length + " bytes");
        }
        try
        {
            final PrivateKey key = KeyFactory.getInstance("XDH").generatePrivate(
                new XECPrivateKeySpec(curve.spec, scalar));
            // The JDK cannot derive a public key from a private one; X(k, base point) is that public key.
            final byte[] publicValue = agree(curve, key, curve.basePoint);
            return new XdhKeyExchange(curve, key, publicValue);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK refused a " + curve + " private key", ex);
        }
    }

    @Override
    public int group()
    {
        return curve.id;
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
        if (peerPublicValue.length != curve.length)
        {
            return SharedSecretResult.failure(KeyExchangeFailure.WRONG_LENGTH);
        }
        final byte[] bigEndian = ByteArrays.reversed(peerPublicValue);
        if (curve == Curve.X25519)
        {
            // RFC 7748 §5: the unused top bit of an X25519 u coordinate is ignored.
            bigEndian[0] &= 0x7F;
        }
        // RFC 7748 §5: non-canonical values (p or more) are accepted and taken modulo p.
        final BigInteger u = new BigInteger(1, bigEndian).mod(curve.prime);
        try
        {
            final byte[] secret = agree(curve, key, u);
            if (ByteArrays.isAllZero(secret))
            {
                return SharedSecretResult.failure(KeyExchangeFailure.ALL_ZERO_SHARED_SECRET);
            }
            return SharedSecretResult.success(secret);
        }
        catch (final InvalidKeyException ex)
        {
            // The JDK itself refuses a low-order point ("Point has small order"): the same all-zero output.
            return SharedSecretResult.failure(KeyExchangeFailure.ALL_ZERO_SHARED_SECRET);
        }
        catch (final GeneralSecurityException ex)
        {
            return SharedSecretResult.failure(KeyExchangeFailure.COMPUTATION_FAILED);
        }
    }

    private static byte[] agree(final Curve curve, final PrivateKey key, final BigInteger u)
        throws GeneralSecurityException
    {
        final PublicKey peer = KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(curve.spec, u));
        final KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(key);
        agreement.doPhase(peer, true);
        return agreement.generateSecret();
    }

    private static byte[] encodeU(final Curve curve, final BigInteger u)
    {
        final byte[] bigEndian = ByteArrays.toFixedBigEndian(u, curve.length);
        final byte[] littleEndian = ByteArrays.reversed(bigEndian);
        Arrays.fill(bigEndian, (byte)0);
        return littleEndian;
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
        return "XdhKeyExchange[" + curve + (privateKey == null ? " closed" : "") + "]";
    }
}
