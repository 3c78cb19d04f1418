package io.torii.dataplane.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProposalTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "aes128gcm16,              AES_GCM_16_128,    NONE,              ",
        "aes256gcm16-esn,          AES_GCM_16_256,    NONE,              true",
        "aes128gcm128,             AES_GCM_16_128,    NONE,              ",
        "AES256GCM,                AES_GCM_16_256,    NONE,              ",
        "chacha20poly1305-noesn,   CHACHA20_POLY1305, NONE,              false",
        "aes128-sha256,            AES_CBC_128,       HMAC_SHA2_256_128, ",
        "aes256-sha384-modp3072,   AES_CBC_256,       HMAC_SHA2_384_192, ",
        "aes256-sha2_512-x25519,   AES_CBC_256,       HMAC_SHA2_512_256, ",
        "aes128gmac,               AES_GMAC_128,      NONE,              ",
        "aes256gmac-ecp256,        AES_GMAC_256,      NONE,              ",
        "null-sha256,              NULL,              HMAC_SHA2_256_128, ",
    })
    void espProposalsInStrongSwansWords(final String text, final EncryptionAlgorithm encryption,
        final IntegrityAlgorithm integrity, final Boolean esn)
    {
        assertThat(Proposal.parse(text, false))
            .isEqualTo(new Proposal(encryption, integrity, Optional.ofNullable(esn)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "sha256,      HMAC_SHA2_256_128",
        "sha384-esn,  HMAC_SHA2_384_192",
        "sha512,      HMAC_SHA2_512_256",
    })
    void ahProposalsNameOnlyAnIntegrityAlgorithm(final String text, final IntegrityAlgorithm integrity)
    {
        assertThat(Proposal.parse(text, true).integrity()).isEqualTo(integrity);
        assertThat(Proposal.parse(text, true).encryption()).isEqualTo(EncryptionAlgorithm.NULL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "3des-sha256         | RFC 8221",
        "des-sha256          | RFC 8221",
        "blowfish128-sha256  | Sweet32",
        "aes128-sha1         | use sha256",
        "aes128-md5          | use sha256",
        "aes128gcm8          | aes128gcm16",
        "aes128              | needs an integrity algorithm",
        "aes128gcm16-sha256  | takes no integrity algorithm",
        "sha256              | needs an encryption algorithm",
        "aes128-aes256-sha256| two encryption algorithms",
        "aes128-sha256-sha384| two integrity algorithms",
        "aes128gcm16-esn-noesn| esn or noesn twice",
        "aes128gcm16--esn    | empty keyword",
        "rot13               | unknown keyword 'rot13'",
    })
    void badEspProposalsSayWhatIsWrongAndWhatToUse(final String text, final String expected)
    {
        assertThatThrownBy(() -> Proposal.parse(text, false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "aes128gcm16  | AH has no encryption",
        "esn          | needs an integrity algorithm",
    })
    void badAhProposals(final String text, final String expected)
    {
        assertThatThrownBy(() -> Proposal.parse(text, true)).hasMessageContaining(expected);
    }
}
