package io.torii.ike.proposal;

import java.util.List;

/**
 * The transforms of one type a proposal stands for, with the defaults an absent type implies in ESP
 * and AH (RFC 7296 §3.3.3 makes ESN mandatory there; strongSwan and most peers read it as absent =
 * NO_ESN; an absent key exchange method means no PFS, the same as KE {@code NONE}). In IKE an absent
 * type stays absent.
 */
final class EffectiveTransforms
{
    private static final List<Transform> NO_ESN =
        List.of(Transform.of(TransformType.EXTENDED_SEQUENCE_NUMBERS, ExtendedSequenceNumbers.NO));
    private static final List<Transform> NO_KEY_EXCHANGE =
        List.of(Transform.of(TransformType.KEY_EXCHANGE, KeyExchangeMethod.NONE));

    /** The transform types in the order a selected proposal lists them. */
    static final int[] TYPES = {
        TransformType.ENCRYPTION, TransformType.PRF, TransformType.INTEGRITY, TransformType.KEY_EXCHANGE,
        TransformType.EXTENDED_SEQUENCE_NUMBERS};

    private EffectiveTransforms()
    {
    }

    /**
     * @param proposal any proposal.
     * @param type a transform type.
     * @return its transforms of that type, or what their absence means.
     */
    static List<Transform> of(final Proposal proposal, final int type)
    {
        final List<Transform> listed = proposal.transformsOf(type);
        if (!listed.isEmpty() || proposal.protocol() == Proposal.IKE)
        {
            return listed;
        }
        return switch (type)
        {
            case TransformType.EXTENDED_SEQUENCE_NUMBERS -> NO_ESN;
            case TransformType.KEY_EXCHANGE -> NO_KEY_EXCHANGE;
            default -> listed;
        };
    }

    /**
     * @param transform a chosen transform.
     * @return true when it only stands for an absent type and is left out of a selected proposal.
     */
    static boolean isImplicitNone(final Transform transform)
    {
        return transform.type() == TransformType.KEY_EXCHANGE && transform.id() == KeyExchangeMethod.NONE;
    }
}
