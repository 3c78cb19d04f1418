package io.torii.ike.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names for logs: IANA spellings, and a fallback that still shows the number of an unknown ID.
 */
class AlgorithmNamesTest
{
    @Test
    void namesFollowIana()
    {
        assertThat(EncryptionAlgorithm.name(20)).isEqualTo("ENCR_AES_GCM_16");
        assertThat(EncryptionAlgorithm.name(28)).isEqualTo("ENCR_CHACHA20_POLY1305");
        assertThat(PseudorandomFunction.name(8)).isEqualTo("PRF_AES128_CMAC");
        assertThat(IntegrityAlgorithm.name(13)).isEqualTo("AUTH_HMAC_SHA2_384_192");
        assertThat(KeyExchangeMethod.name(31)).isEqualTo("CURVE_25519");
        assertThat(KeyExchangeMethod.name(36)).isEqualTo("ML_KEM_768");
        assertThat(ExtendedSequenceNumbers.name(1)).isEqualTo("ESN");
    }

    @Test
    void unknownIdsKeepTheirNumber()
    {
        assertThat(EncryptionAlgorithm.name(1024)).isEqualTo("ENCR1024");
        assertThat(KeyExchangeMethod.name(99)).isEqualTo("KE99");
        assertThat(IntegrityAlgorithm.name(77)).isEqualTo("AUTH77");
    }

    @Test
    void aeadCiphersAreTheCombinedModes()
    {
        assertThat(EncryptionAlgorithm.isAead(EncryptionAlgorithm.AES_GCM_16)).isTrue();
        assertThat(EncryptionAlgorithm.isAead(EncryptionAlgorithm.AES_CCM_8)).isTrue();
        assertThat(EncryptionAlgorithm.isAead(EncryptionAlgorithm.CHACHA20_POLY1305)).isTrue();
        assertThat(EncryptionAlgorithm.isAead(EncryptionAlgorithm.NULL_AUTH_AES_GMAC)).isTrue();
        assertThat(EncryptionAlgorithm.isAead(EncryptionAlgorithm.AES_CBC)).isFalse();
        assertThat(EncryptionAlgorithm.isAead(EncryptionAlgorithm.AES_CTR)).isFalse();
        assertThat(EncryptionAlgorithm.isAead(EncryptionAlgorithm.NULL)).isFalse();
    }

    @Test
    void proposalDescriptionNamesEveryTransformButNotTheSpi()
    {
        final Proposal proposal = new Proposal(3, Proposal.ESP, new byte[] {1, 2, 3, 4}, List.of(
            new Transform(TransformType.ENCRYPTION, EncryptionAlgorithm.AES_CBC, 256),
            Transform.of(TransformType.INTEGRITY, IntegrityAlgorithm.HMAC_SHA2_256_128),
            Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, ExtendedSequenceNumbers.NO)));
        assertThat(TransformNames.describe(proposal))
            .isEqualTo("ESP#3[ENCR_AES_CBC/256 AUTH_HMAC_SHA2_256_128 NO_ESN]");
    }
}
