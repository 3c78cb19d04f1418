package io.torii.ike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkCipherSuiteTest
{
    @ParameterizedTest
    @CsvSource({
        "12, 128, 12, 16, 32, false",
        "12, 256, 14, 32, 64, false",
        "12, 192, 13, 24, 48, false",
        "20, 128, 0, 20, 0, true",
        "20, 256, 0, 36, 0, true",
        "28, 0, 0, 36, 0, true"})
    void sizesKeysAsRfc5282AndRfc7634Say(final int encryptionId, final int keyBits, final int integrityId,
        final int encryptionKeyLength, final int integrityKeyLength, final boolean aead)
    {
        final SkCipherSuite suite = SkCipherSuite.of(encryptionId, keyBits, integrityId, WeakAlgorithms.REFUSE)
            .orElseThrow();
        assertThat(suite.encryptionKeyLength()).isEqualTo(encryptionKeyLength);
        assertThat(suite.integrityKeyLength()).isEqualTo(integrityKeyLength);
        assertThat(suite.isAead()).isEqualTo(aead);
        assertThat(suite.integrityId()).isEqualTo(integrityId);
    }

    @ParameterizedTest
    @CsvSource({
        "12, 0, 12", "12, 128, 0", "12, 100, 12", "12, 128, 2", "12, 128, 5",
        "20, 128, 12", "20, 0, 0", "28, 256, 0", "28, 0, 12", "3, 0, 2"})
    void refusesWhatItCannotOrMustNotDo(final int encryptionId, final int keyBits, final int integrityId)
    {
        assertThat(SkCipherSuite.of(encryptionId, keyBits, integrityId, WeakAlgorithms.REFUSE)).isEmpty();
    }

    @Test
    void sha1IntegrityOnlyWhenWeakAlgorithmsAreAllowed()
    {
        assertThat(SkCipherSuite.of(12, 128, IntegrityIds.AUTH_HMAC_SHA1_96, WeakAlgorithms.ALLOW).orElseThrow()
            .integrityKeyLength()).isEqualTo(20);
    }

    @Test
    void refusesKeysOfTheWrongLength()
    {
        final SkCipherSuite cbc = SkCipherSuite.of(12, 128, 12, WeakAlgorithms.REFUSE).orElseThrow();
        final SecureRandom random = new SecureRandom();
        assertThatThrownBy(() -> cbc.newCipher(new byte[32], new byte[32], random))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cbc.newCipher(new byte[16], new byte[16], random))
            .isInstanceOf(IllegalArgumentException.class);
        final SkCipherSuite gcm = SkCipherSuite.of(20, 256, 0, WeakAlgorithms.REFUSE).orElseThrow();
        assertThatThrownBy(() -> gcm.newCipher(new byte[32], null, random))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gcm.newCipher(new byte[36], new byte[32], random))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairOpensWhatTheOtherEndSeals()
    {
        final SkCipherSuite suite = SkCipherSuite.of(20, 256, 0, WeakAlgorithms.REFUSE).orElseThrow();
        final byte[] skEi = new byte[36];
        final byte[] skEr = new byte[36];
        skEr[0] = 1;
        final SecureRandom random = new SecureRandom();
        final SkCipherPair initiatorEnd = suite.newPair(skEi, new byte[0], skEr, new byte[0], random);
        final SkCipherPair responderEnd = suite.newPair(skEi, new byte[0], skEr, new byte[0], random);
        final byte[] message = new byte[4 + 8 + 3 + 16];
        message[13] = 7;
        initiatorEnd.outbound(true).seal(message, 4, 15);
        assertThat(responderEnd.outbound(false).open(message.clone(), 4, 15)).isFalse();
        assertThat(responderEnd.inbound(false).open(message, 4, 15)).isTrue();
        assertThat(message[13]).isEqualTo((byte)7);
    }
}
