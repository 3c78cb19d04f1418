package io.torii.ike.proposal;

import java.util.ArrayList;
import java.util.List;

/**
 * The transform sets behind the {@code default} keyword, as strongSwan 5.9.8 builds them in
 * {@code proposal_create_default} and {@code proposal_create_default_aead}: for IKE a classic and an
 * AEAD proposal, for ESP a classic (AES-CBC) and an AEAD (AES-GCM) proposal, for AH one proposal.
 * <p>
 * strongSwan adds its algorithms in rounds, stronger ones first, and within a round in the order its
 * crypto plugins registered them; Torii fixes that inner order as listed here. strongSwan's Camellia
 * CTR and CCM variants are left out because Torii does not implement them. When weak algorithms are not
 * allowed, the weak members of the set (3DES, HMAC-SHA1-96, PRF-HMAC-SHA1) are left out rather than
 * failing the configuration: {@code default} always yields usable proposals.
 */
public final class DefaultProposals
{
    private static final int[] AES_KEY_LENGTHS = {128, 192, 256};

    private DefaultProposals()
    {
    }

    /**
     * @param protocol {@link Proposal#IKE}, {@link Proposal#ESP} or {@link Proposal#AH}.
     * @param allowWeak whether to keep the weak algorithms strongSwan's default includes.
     * @return the transform lists of the default proposals, in preference order.
     */
    public static List<List<Transform>> transforms(final int protocol, final boolean allowWeak)
    {
        final List<List<Transform>> proposals = switch (protocol)
        {
            case Proposal.IKE -> List.of(ikeClassic(), ikeAead());
            case Proposal.ESP -> List.of(espClassic(), espAead());
            default -> List.of(ah());
        };
        final List<List<Transform>> kept = new ArrayList<>();
        for (final List<Transform> proposal : proposals)
        {
            final List<Transform> transforms = new ArrayList<>(proposal);
            if (!allowWeak)
            {
                transforms.removeIf(WeakAlgorithms::isWeak);
            }
            kept.add(List.copyOf(transforms));
        }
        return List.copyOf(kept);
    }

    private static List<Transform> ikeClassic()
    {
        final List<Transform> transforms = new ArrayList<>();
        aes(transforms, EncryptionAlgorithm.AES_CBC);
        aes(transforms, EncryptionAlgorithm.AES_CTR);
        aes(transforms, EncryptionAlgorithm.CAMELLIA_CBC);
        transforms.add(Transform.of(TransformType.ENCRYPTION, EncryptionAlgorithm.TRIPLE_DES));
        add(transforms, TransformType.INTEGRITY, IntegrityAlgorithm.HMAC_SHA2_256_128,
            IntegrityAlgorithm.HMAC_SHA2_384_192, IntegrityAlgorithm.HMAC_SHA2_512_256,
            IntegrityAlgorithm.AES_XCBC_96, IntegrityAlgorithm.AES_CMAC_96, IntegrityAlgorithm.HMAC_SHA1_96);
        ikePrfsAndGroups(transforms);
        return transforms;
    }

    private static List<Transform> ikeAead()
    {
        final List<Transform> transforms = new ArrayList<>();
        // Round 1: 16-byte ICVs and ChaCha20-Poly1305; round 2: the shorter ICVs.
        aes(transforms, EncryptionAlgorithm.AES_GCM_16);
        aes(transforms, EncryptionAlgorithm.AES_CCM_16);
        transforms.add(Transform.of(TransformType.ENCRYPTION, EncryptionAlgorithm.CHACHA20_POLY1305));
        aes(transforms, EncryptionAlgorithm.AES_GCM_12);
        aes(transforms, EncryptionAlgorithm.AES_GCM_8);
        aes(transforms, EncryptionAlgorithm.AES_CCM_12);
        aes(transforms, EncryptionAlgorithm.AES_CCM_8);
        ikePrfsAndGroups(transforms);
        return transforms;
    }

    private static void ikePrfsAndGroups(final List<Transform> transforms)
    {
        add(transforms, TransformType.PRF, PseudorandomFunction.HMAC_SHA2_256, PseudorandomFunction.HMAC_SHA2_384,
            PseudorandomFunction.HMAC_SHA2_512, PseudorandomFunction.AES128_XCBC, PseudorandomFunction.AES128_CMAC,
            PseudorandomFunction.HMAC_SHA1);
        // Round 1: elliptic curves; round 2: large MODP groups; round 3: MODP 2048 alone.
        add(transforms, TransformType.KEY_EXCHANGE, KeyExchangeMethod.ECP_256, KeyExchangeMethod.ECP_384,
            KeyExchangeMethod.ECP_521, KeyExchangeMethod.BRAINPOOL_P256, KeyExchangeMethod.BRAINPOOL_P384,
            KeyExchangeMethod.BRAINPOOL_P512, KeyExchangeMethod.CURVE25519, KeyExchangeMethod.CURVE448,
            KeyExchangeMethod.MODP_3072, KeyExchangeMethod.MODP_4096, KeyExchangeMethod.MODP_6144,
            KeyExchangeMethod.MODP_8192, KeyExchangeMethod.MODP_2048);
    }

    private static List<Transform> espClassic()
    {
        final List<Transform> transforms = new ArrayList<>();
        aes(transforms, EncryptionAlgorithm.AES_CBC);
        childIntegrity(transforms);
        return transforms;
    }

    private static List<Transform> espAead()
    {
        final List<Transform> transforms = new ArrayList<>();
        aes(transforms, EncryptionAlgorithm.AES_GCM_16);
        transforms.add(Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, ExtendedSequenceNumbers.NO));
        return transforms;
    }

    private static List<Transform> ah()
    {
        final List<Transform> transforms = new ArrayList<>();
        childIntegrity(transforms);
        return transforms;
    }

    private static void childIntegrity(final List<Transform> transforms)
    {
        add(transforms, TransformType.INTEGRITY, IntegrityAlgorithm.HMAC_SHA2_256_128,
            IntegrityAlgorithm.HMAC_SHA2_384_192, IntegrityAlgorithm.HMAC_SHA2_512_256,
            IntegrityAlgorithm.HMAC_SHA1_96, IntegrityAlgorithm.AES_XCBC_96);
        transforms.add(Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, ExtendedSequenceNumbers.NO));
    }

    private static void aes(final List<Transform> transforms, final int id)
    {
        for (final int bits : AES_KEY_LENGTHS)
        {
            transforms.add(new Transform(TransformType.ENCRYPTION, id, bits));
        }
    }

    private static void add(final List<Transform> transforms, final int type, final int... ids)
    {
        for (final int id : ids)
        {
            transforms.add(Transform.of(type, id));
        }
    }
}
