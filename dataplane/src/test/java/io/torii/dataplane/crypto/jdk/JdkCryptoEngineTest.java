package io.torii.dataplane.crypto.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's name, and the combinations and key lengths it accepts and refuses, with its messages. */
class JdkCryptoEngineTest
{
    private final JdkCryptoEngine engine = new JdkCryptoEngine();

    @Test
    void isNamedJdk()
    {
        assertThat(engine.name()).isEqualTo("jdk").isEqualTo(JdkCryptoEngine.NAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.torii.dataplane.crypto.jdk.Suite#all")
    void acceptsEverySupportedCombinationWithRightLengthKeys(final Suite suite)
    {
        try (EspTransform transform = suite.open(engine))
        {
            assertThat(transform).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}/{1} keys {2}+{3}")
    @CsvSource(delimiter = '|', textBlock = """
        AES_GCM_16_128    | NONE              | 16 | 0  | aes128gcm16 needs 20 bytes of keying material (a 16-byte key
        AES_GCM_16_256    | NONE              | 32 | 0  | aes256gcm16 needs 36 bytes of keying material
        CHACHA20_POLY1305 | NONE              | 32 | 0  | chacha20poly1305 needs 36 bytes
        AES_GMAC_128      | NONE              | 24 | 0  | aes128gmac needs 20 bytes
        AES_GMAC_256      | NONE              | 20 | 0  | aes256gmac needs 36 bytes
        AES_CBC_128       | HMAC_SHA2_256_128 | 20 | 32 | aes128 needs a 16-byte key, got 20 bytes
        AES_CBC_256       | HMAC_SHA2_256_128 | 16 | 32 | aes256 needs a 32-byte key, got 16 bytes
        AES_CBC_128       | HMAC_SHA2_256_128 | 16 | 20 | sha256 needs a 32-byte key (RFC 4868 §2.1.1: the hash
        AES_CBC_128       | HMAC_SHA2_384_192 | 16 | 32 | sha384 needs a 48-byte key
        AES_CBC_128       | HMAC_SHA2_512_256 | 16 | 32 | sha512 needs a 64-byte key
        NULL              | HMAC_SHA2_256_128 | 16 | 32 | null encryption takes no key, got 16 bytes
        AES_GCM_16_128    | NONE              | 20 | 32 | aes128gcm16 takes no integrity key, got 32 bytes
        AES_GCM_16_128    | HMAC_SHA2_256_128 | 20 | 32 | aes128gcm16 authenticates by itself: integrity must be NONE
        AES_GMAC_256      | HMAC_SHA2_512_256 | 36 | 64 | aes256gmac authenticates by itself
        AES_CBC_256       | NONE              | 32 | 0  | aes256 needs an integrity algorithm (sha256, sha384 or sha512)
        NULL              | NONE              | 0  | 0  | null needs an integrity algorithm
        """)
    void refusesWrongCombinationsAndKeyLengthsSayingWhatIsExpected(
        final EncryptionAlgorithm encryption,
        final IntegrityAlgorithm integrity,
        final int encryptionKeyLength,
        final int integrityKeyLength,
        final String message)
    {
        assertThatThrownBy(() -> engine.esp(encryption, integrity, new byte[encryptionKeyLength],
            new byte[integrityKeyLength]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @Test
    void refusesNullArguments()
    {
        assertThatThrownBy(() -> engine.esp(null, IntegrityAlgorithm.NONE, new byte[20], new byte[0]))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("encryption");
        assertThatThrownBy(() -> engine.esp(EncryptionAlgorithm.AES_GCM_16_128, IntegrityAlgorithm.NONE, null,
            new byte[0])).isInstanceOf(NullPointerException.class).hasMessageContaining("encryptionKey");
        assertThatThrownBy(() -> engine.integrity(IntegrityAlgorithm.HMAC_SHA2_256_128, null))
            .isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "NONE,              0,  AH needs an integrity algorithm",
        "HMAC_SHA2_256_128, 16, sha256 needs a 32-byte key",
        "HMAC_SHA2_384_192, 64, sha384 needs a 48-byte key",
        "HMAC_SHA2_512_256, 32, sha512 needs a 64-byte key",
    })
    void integrityRefusesNoneAndWrongKeyLengths(final IntegrityAlgorithm integrity, final int keyLength,
        final String message)
    {
        assertThatThrownBy(() -> engine.integrity(integrity, new byte[keyLength]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }
}
