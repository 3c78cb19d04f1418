package io.torii.ike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class XdhKeyExchangeTest
{
    private static final HexFormat HEX = HexFormat.of();

    // RFC 7748 §6.1
    private static final String X25519_ALICE_PRIVATE =
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String X25519_ALICE_PUBLIC =
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private static final String X25519_BOB_PRIVATE =
        "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private static final String X25519_BOB_PUBLIC =
        "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private static final String X25519_SHARED =
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    // RFC 7748 §6.2
    private static final String X448_ALICE_PRIVATE = "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28d" +
        "d9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b";
    private static final String X448_ALICE_PUBLIC = "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c" +
        "22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0";
    private static final String X448_BOB_PRIVATE = "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d" +
        "6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d";
    private static final String X448_BOB_PUBLIC = "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b430" +
        "27d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609";
    private static final String X448_SHARED = "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282b" +
        "b60c0b56fd2464c335543936521c24403085d59a449a5037514a879d";

    @Test
    void x25519MatchesRfc7748DiffieHellmanExample()
    {
        assertKnownAnswer(KeyExchangeIds.CURVE25519, X25519_ALICE_PRIVATE, X25519_ALICE_PUBLIC, X25519_BOB_PRIVATE,
            X25519_BOB_PUBLIC, X25519_SHARED);
    }

    @Test
    void x448MatchesRfc7748DiffieHellmanExample()
    {
        assertKnownAnswer(KeyExchangeIds.CURVE448, X448_ALICE_PRIVATE, X448_ALICE_PUBLIC, X448_BOB_PRIVATE,
            X448_BOB_PUBLIC, X448_SHARED);
    }

    @Test
    void refusesPublicValuesOfTheWrongLength()
    {
        try (KeyExchange alice = KeyExchanges.fromPrivateKey(KeyExchangeIds.CURVE25519,
            HEX.parseHex(X25519_ALICE_PRIVATE)))
        {
            assertThat(alice.sharedSecret(new byte[31]).failure()).isEqualTo(KeyExchangeFailure.WRONG_LENGTH);
            assertThat(alice.sharedSecret(new byte[33]).failure()).isEqualTo(KeyExchangeFailure.WRONG_LENGTH);
            assertThat(alice.sharedSecret(HEX.parseHex(X448_BOB_PUBLIC)).failure())
                .isEqualTo(KeyExchangeFailure.WRONG_LENGTH);
        }
    }

    @Test
    void refusesLowOrderPointsWhoseSecretIsAllZero()
    {
        final byte[] one = new byte[32];
        one[0] = 1;
        try (KeyExchange alice = KeyExchanges.fromPrivateKey(KeyExchangeIds.CURVE25519,
            HEX.parseHex(X25519_ALICE_PRIVATE)))
        {
            assertThat(alice.sharedSecret(new byte[32]).failure())
                .isEqualTo(KeyExchangeFailure.ALL_ZERO_SHARED_SECRET);
            assertThat(alice.sharedSecret(one).failure()).isEqualTo(KeyExchangeFailure.ALL_ZERO_SHARED_SECRET);
        }
        try (KeyExchange alice = KeyExchanges.fromPrivateKey(KeyExchangeIds.CURVE448, HEX.parseHex(X448_ALICE_PRIVATE)))
        {
            assertThat(alice.sharedSecret(new byte[56]).failure())
                .isEqualTo(KeyExchangeFailure.ALL_ZERO_SHARED_SECRET);
        }
    }

    @Test
    void ignoresTheTopBitOfAnX25519PublicValue()
    {
        final byte[] bobPublic = HEX.parseHex(X25519_BOB_PUBLIC);
        bobPublic[31] |= (byte)0x80;
        try (KeyExchange alice = KeyExchanges.fromPrivateKey(KeyExchangeIds.CURVE25519,
            HEX.parseHex(X25519_ALICE_PRIVATE)))
        {
            assertThat(HEX.formatHex(alice.sharedSecret(bobPublic).secret())).isEqualTo(X25519_SHARED);
        }
    }

    @Test
    void closedExchangeRefusesToCompute()
    {
        final KeyExchange alice = KeyExchanges.fromPrivateKey(KeyExchangeIds.CURVE25519,
            HEX.parseHex(X25519_ALICE_PRIVATE));
        alice.close();
        alice.close();
        assertThatThrownBy(() -> alice.sharedSecret(HEX.parseHex(X25519_BOB_PUBLIC)))
            .isInstanceOf(IllegalStateException.class);
    }

    private static void assertKnownAnswer(final int group, final String alicePrivate, final String alicePublic,
        final String bobPrivate, final String bobPublic, final String shared)
    {
        try (KeyExchange alice = KeyExchanges.fromPrivateKey(group, HEX.parseHex(alicePrivate));
            KeyExchange bob = KeyExchanges.fromPrivateKey(group, HEX.parseHex(bobPrivate)))
        {
            assertThat(alice.group()).isEqualTo(group);
            assertThat(HEX.formatHex(alice.publicValue())).isEqualTo(alicePublic);
            assertThat(HEX.formatHex(bob.publicValue())).isEqualTo(bobPublic);
            assertThat(HEX.formatHex(alice.sharedSecret(HEX.parseHex(bobPublic)).secret())).isEqualTo(shared);
            assertThat(HEX.formatHex(bob.sharedSecret(HEX.parseHex(alicePublic)).secret())).isEqualTo(shared);
        }
    }
}
