package io.torii.ike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModpKeyExchangeTest
{
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void primesAreTheRfc3526SafePrimes(final ModpGroup group)
    {
        final BigInteger p = group.prime();
        final int bits = p.bitLength();
        // RFC 3526: p = 2^n - 2^(n-64) - 1 + 2^64 * (...): the top and bottom 64 bits are all ones.
        assertThat(bits).isEqualTo(group.length() * 8);
        final BigInteger sixtyFourOnes = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertThat(p.shiftRight(bits - 64)).isEqualTo(sixtyFourOnes);
        assertThat(p.and(sixtyFourOnes)).isEqualTo(sixtyFourOnes);
        assertThat(p.isProbablePrime(32)).isTrue();
        assertThat(p.subtract(BigInteger.ONE).shiftRight(1).isProbablePrime(32)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void randomExchangesAgreeOnAPaddedSecret(final ModpGroup group)
    {
        try (KeyExchange initiator = KeyExchanges.create(group.id(), RANDOM);
            KeyExchange responder = KeyExchanges.create(group.id(), RANDOM))
        {
            assertThat(initiator.publicValue()).hasSize(group.length());
            final byte[] initiatorSecret = initiator.sharedSecret(responder.publicValue()).secret();
            final byte[] responderSecret = responder.sharedSecret(initiator.publicValue()).secret();
            assertThat(initiatorSecret).hasSize(group.length()).isEqualTo(responderSecret);
        }
    }

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void givenExponentsGiveTheTextbookValues(final ModpGroup group)
    {
        final BigInteger a = new BigInteger("123456789abcdef0123456789abcdef", 16);
        final BigInteger b = new BigInteger("fedcba9876543210fedcba987654321", 16);
        final BigInteger p = group.prime();
        try (KeyExchange initiator = KeyExchanges.fromPrivateKey(group.id(), a.toByteArray());
            KeyExchange responder = KeyExchanges.fromPrivateKey(group.id(), b.toByteArray()))
        {
            assertThat(new BigInteger(1, initiator.publicValue())).isEqualTo(BigInteger.TWO.modPow(a, p));
            final byte[] secret = initiator.sharedSecret(responder.publicValue()).secret();
            assertThat(secret).hasSize(group.length());
            assertThat(new BigInteger(1, secret)).isEqualTo(BigInteger.TWO.modPow(a.multiply(b), p));
        }
    }

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void publicValueOfASmallExponentIsLeftPadded(final ModpGroup group)
    {
        try (KeyExchange exchange = KeyExchanges.fromPrivateKey(group.id(), new byte[] {2}))
        {
            final byte[] expected = new byte[group.length()];
            expected[group.length() - 1] = 4;
            assertThat(exchange.publicValue()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void refusesPeerValuesOutsideOneToPMinusOne(final ModpGroup group)
    {
        final int length = group.length();
        final BigInteger p = group.prime();
        try (KeyExchange exchange = KeyExchanges.create(group.id(), RANDOM))
        {
            assertThat(exchange.sharedSecret(new byte[length]).failure()).isEqualTo(KeyExchangeFailure.OUT_OF_RANGE);
            assertThat(exchange.sharedSecret(ByteArrays.toFixedBigEndian(BigInteger.ONE, length)).failure())
                .isEqualTo(KeyExchangeFailure.OUT_OF_RANGE);
            assertThat(exchange.sharedSecret(ByteArrays.toFixedBigEndian(p.subtract(BigInteger.ONE), length))
                .failure()).isEqualTo(KeyExchangeFailure.OUT_OF_RANGE);
            assertThat(exchange.sharedSecret(ByteArrays.toFixedBigEndian(p, length)).failure())
                .isEqualTo(KeyExchangeFailure.OUT_OF_RANGE);
            assertThat(exchange.sharedSecret(new byte[length - 1]).failure())
                .isEqualTo(KeyExchangeFailure.WRONG_LENGTH);
            assertThat(exchange.sharedSecret(new byte[length + 1]).failure())
                .isEqualTo(KeyExchangeFailure.WRONG_LENGTH);
            assertThat(exchange.sharedSecret(ByteArrays.toFixedBigEndian(BigInteger.TWO, length)).isSuccess())
                .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void refusesPrivateExponentsOutOfRange(final ModpGroup group)
    {
        assertThatThrownBy(() -> KeyExchanges.fromPrivateKey(group.id(), new byte[] {1}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyExchanges.fromPrivateKey(group.id(),
            group.prime().subtract(BigInteger.ONE).toByteArray())).isInstanceOf(IllegalArgumentException.class);
    }
}
