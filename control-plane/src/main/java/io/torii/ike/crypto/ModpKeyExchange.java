package io.torii.ike.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;

/**
 * Diffie-Hellman over an RFC 3526 MODP group (RFC 7296 §3.4): the public value g^x mod p and the
 * shared secret are both big-endian and left-padded with zeros to the length of the prime.
 */
final class ModpKeyExchange implements KeyExchange
{
    /**
     * Bits of a random private exponent: twice the 256-bit strength we aim for, well above what RFC
     * 3526 §8 estimates these groups give, and far below the order of the safe prime's subgroup.
     */
    static final int PRIVATE_EXPONENT_BITS = 512;

    private final ModpGroup group;
    private final byte[] publicValue;
    private PrivateKey privateKey;

    private ModpKeyExchange(final ModpGroup group, final BigInteger exponent)
    {
        this.group = group;
        this.publicValue = ByteArrays.toFixedBigEndian(
            ModpGroup.GENERATOR.modPow(exponent, group.prime()), group.length());
        try
        {
            this.privateKey = KeyFactory.getInstance("DH").generatePrivate(
                new DHPrivateKeySpec(exponent, group.prime(), ModpGroup.GENERATOR));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK refused a " + group + " private key", ex);
        }
    }

    static ModpKeyExchange generate(final ModpGroup group, final SecureRandom random)
    {
        BigInteger exponent;
        do
        {
            exponent = new BigInteger(PRIVATE_EXPONENT_BITS, random);
        }
        while (exponent.compareTo(BigInteger.TWO) < 0);
        return new ModpKeyExchange(group, exponent);
    }

    /**
     * @param privateExponent the exponent x, big-endian; 2 or more and below p - 1.
     */
    static ModpKeyExchange fromPrivateKey(final ModpGroup group, final byte[] privateExponent)
    {
        final BigInteger exponent = new BigInteger(1, privateExponent);
        if (exponent.compareTo(BigInteger.TWO) < 0 || exponent.compareTo(group.prime().subtract(BigInteger.ONE)) >= 0)
        {
            throw new IllegalArgumentException("a " + group + " private exponent must be in [2, p-2]");
        }
        return new ModpKeyExchange(group, exponent);
    }

    @Override
    public int group()
    {
        return group.id();
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
            throw new IllegalStateException(group + " key exchange is closed");
        }
        if (peerPublicValue.length != group.length())
        {
            return SharedSecretResult.failure(KeyExchangeFailure.WRONG_LENGTH);
        }
        // RFC 6989 §2.1: for a safe prime, 1 < y < p-1 leaves no small subgroup to fall into.
        final BigInteger y = new BigInteger(1, peerPublicValue);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(group.prime().subtract(BigInteger.ONE)) >= 0)
        {
            return SharedSecretResult.failure(KeyExchangeFailure.OUT_OF_RANGE);
        }
        try
        {
            final PublicKey peerKey = KeyFactory.getInstance("DH").generatePublic(
                new DHPublicKeySpec(y, group.prime(), ModpGroup.GENERATOR));
            final KeyAgreement agreement = KeyAgreement.getInstance("DH");
            agreement.init(key);
            agreement.doPhase(peerKey, true);
            return SharedSecretResult.success(ByteArrays.leftPad(agreement.generateSecret(), group.length()));
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
        return "ModpKeyExchange[" + group + (privateKey == null ? " closed" : "") + "]";
    }
}
