package io.torii.ike.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyExchangesTest
{
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void listsEverySupportedGroupOnce()
    {
        assertThat(KeyExchanges.supportedGroups()).containsExactlyInAnyOrder(2, 14, 15, 16, 19, 20, 21, 31, 32);
        assertThat(KeyExchanges.supportedGroups().getLast()).as("the weak group is least preferred").isEqualTo(2);
        assertThat(KeyExchanges.isSupported(KeyExchangeIds.CURVE25519)).isTrue();
        assertThat(KeyExchanges.isSupported(1)).isFalse();
        assertThat(KeyExchanges.isSupported(KeyExchangeIds.NONE)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"2, 128", "14, 256", "15, 384", "16, 512", "19, 64", "20, 96", "21, 132", "31, 32", "32, 56"})
    void randomExchangesHaveTheGroupsLengthAndAgree(final int group, final int publicLength)
    {
        assertThat(KeyExchanges.publicValueLength(group)).isEqualTo(publicLength);
        try (KeyExchange initiator = KeyExchanges.create(group, RANDOM);
            KeyExchange responder = KeyExchanges.create(group, RANDOM))
        {
            assertThat(initiator.group()).isEqualTo(group);
            assertThat(initiator.publicValue()).hasSize(publicLength);
            final SharedSecretResult initiatorSecret = initiator.sharedSecret(responder.publicValue());
            final SharedSecretResult responderSecret = responder.sharedSecret(initiator.publicValue());
            assertThat(initiatorSecret.secret()).isEqualTo(responderSecret.secret());
            assertThat(initiatorSecret.toString()).doesNotContain(java.util.HexFormat.of().formatHex(
                initiatorSecret.secret()).substring(0, 8));
        }
    }

    @Test
    void refusesUnsupportedGroups()
    {
        assertThatThrownBy(() -> KeyExchanges.create(1, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyExchanges.fromPrivateKey(33, new byte[32]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyExchanges.publicValueLength(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failedResultHasNoSecret()
    {
        final SharedSecretResult failed = SharedSecretResult.failure(KeyExchangeFailure.WRONG_LENGTH);
        assertThat(failed.isSuccess()).isFalse();
        assertThatThrownBy(failed::secret).isInstanceOf(IllegalStateException.class);
    }
}
