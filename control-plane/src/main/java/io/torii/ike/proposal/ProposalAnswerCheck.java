package io.torii.ike.proposal;

import java.util.List;

/**
 * Checks, as the initiator, the SA payload a responder sent back (RFC 7296 §2.7): it must hold exactly
 * one proposal, numbered as one of ours and for the same protocol, with exactly one transform of each
 * type that our proposal lists, each of them one we offered, and no type we did not offer. In ESP and
 * AH an absent ESN transform counts as NO_ESN and an absent key exchange method as no PFS, as in
 * {@link ProposalSelector}.
 */
public final class ProposalAnswerCheck
{
    private ProposalAnswerCheck()
    {
    }

    /**
     * @param offered the proposals we sent.
     * @param answer the proposals of the responder's SA payload.
     * @return the accepted answer, or why it is refused.
     */
    public static SelectionResult check(final List<Proposal> offered, final List<Proposal> answer)
    {
        if (answer.size() != 1)
        {
            return reject(SelectionFailure.NOT_ONE_PROPOSAL,
                "the responder returned " + answer.size() + " proposals, expected exactly one");
        }
        final Proposal chosen = answer.getFirst();
        final Proposal ours = findOffered(offered, chosen);
        if (ours == null)
        {
            return reject(SelectionFailure.UNKNOWN_PROPOSAL, "the responder chose " +
                TransformNames.describe(chosen) + ", but we offered no such proposal number for that protocol");
        }
        for (final int type : EffectiveTransforms.TYPES)
        {
            final List<Transform> listed = chosen.transformsOf(type);
            if (listed.size() > 1)
            {
                return reject(SelectionFailure.NOT_ONE_TRANSFORM_PER_TYPE, "the responder chose " + listed.size() +
                    " " + TransformType.name(type) + " transforms in " + TransformNames.describe(chosen));
            }
            final List<Transform> ourList = EffectiveTransforms.of(ours, type);
            final List<Transform> theirs = EffectiveTransforms.of(chosen, type);
            if (theirs.isEmpty() && !ourList.isEmpty())
            {
                return reject(SelectionFailure.MISSING_TRANSFORM, "the responder chose no " +
                    TransformType.name(type) + " transform in " + TransformNames.describe(chosen));
            }
            if (!theirs.isEmpty() && !ourList.contains(theirs.getFirst()))
            {
                return reject(SelectionFailure.TRANSFORM_NOT_OFFERED, "the responder chose " +
                    TransformNames.describe(theirs.getFirst()) + ", which our proposal #" + ours.number() +
                    " did not offer");
            }
        }
        for (final Transform transform : chosen.transforms())
        {
            if (!isKnownType(transform.type()))
            {
                return reject(SelectionFailure.TRANSFORM_NOT_OFFERED, "the responder chose transform type " +
                    transform.type() + ", which we did not offer");
            }
        }
        return new SelectionResult.Selected(chosen);
    }

    private static Proposal findOffered(final List<Proposal> offered, final Proposal chosen)
    {
        for (final Proposal proposal : offered)
        {
            if (proposal.number() == chosen.number() && proposal.protocol() == chosen.protocol())
            {
                return proposal;
            }
        }
        return null;
    }

    private static boolean isKnownType(final int type)
    {
        for (final int known : EffectiveTransforms.TYPES)
        {
            if (known == type)
            {
                return true;
            }
        }
        return false;
    }

    private static SelectionResult reject(final SelectionFailure failure, final String explanation)
    {
        return new SelectionResult.Rejected(failure, explanation);
    }
}
