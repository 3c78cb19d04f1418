package io.torii.ike.proposal;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses one proposal from the peer's offer, as a responder does (RFC 7296 §2.7, §3.3.6).
 * <p>
 * Two proposals match when they are for the same protocol and, for every transform type present in
 * either, both have a transform in common: same type, same ID and same Key Length attribute, so
 * ENCR_AES_CBC/128 does not match ENCR_AES_CBC/256. A type absent from both is fine. In ESP and AH an
 * absent ESN type means NO_ESN and an absent key exchange method means no PFS (see
 * {@link EffectiveTransforms}). With {@link SelectionPreference#CONFIGURED} our proposals are tried in
 * order against each of the peer's, and within a type our first transform the peer also lists wins;
 * with {@link SelectionPreference#OFFERED} the roles swap. The chosen proposal holds exactly one
 * transform per type, in type order, and carries the peer's proposal number and SPI, as the responder
 * sends it back.
 * <p>
 * For the Child SA created in IKE_AUTH, which takes its keys from the IKE SA, callers strip the key
 * exchange methods from both sides first ({@link KeyExchangeGroups#withoutKeyExchange(List)}).
 */
public final class ProposalSelector
{
    /** How many non-matching pairs the explanation names before it stops. */
    private static final int MAX_EXPLAINED = 8;

    private ProposalSelector()
    {
    }

    /**
     * @param configured our proposals, in preference order.
     * @param offered the peer's proposals, as received.
     * @param preference whose order decides.
     * @return the chosen proposal, or {@link SelectionFailure#NO_PROPOSAL_CHOSEN} with what did not match.
     */
    public static SelectionResult select(final List<Proposal> configured, final List<Proposal> offered,
        final SelectionPreference preference)
    {
        final boolean ours = preference == SelectionPreference.CONFIGURED;
        final List<Proposal> outer = ours ? configured : offered;
        final List<Proposal> inner = ours ? offered : configured;
        final List<String> mismatches = new ArrayList<>();
        for (final Proposal first : outer)
        {
            for (final Proposal second : inner)
            {
                final Proposal mine = ours ? first : second;
                final Proposal peers = ours ? second : first;
                final List<Transform> chosen = new ArrayList<>();
                final String mismatch = match(first, second, chosen);
                if (mismatch.isEmpty())
                {
                    return new SelectionResult.Selected(
                        new Proposal(peers.number(), peers.protocol(), peers.spi(), chosen));
                }
                if (mismatches.size() < MAX_EXPLAINED)
                {
                    mismatches.add("ours #" + mine.number() + " vs offered #" + peers.number() + ": " + mismatch);
                }
            }
        }
        final String explanation = offered.isEmpty() ? "the peer offered no proposals"
            : configured.isEmpty() ? "no proposals are configured" : String.join("; ", mismatches);
        return new SelectionResult.Rejected(SelectionFailure.NO_PROPOSAL_CHOSEN, explanation);
    }

    /**
     * @param preferred the proposal whose transform order decides.
     * @param other the proposal it is compared with.
     * @param chosen receives one transform per type when they match.
     * @return empty when they match, else which protocol or types did not.
     */
    static String match(final Proposal preferred, final Proposal other, final List<Transform> chosen)
    {
        if (preferred.protocol() != other.protocol())
        {
            return "protocol " + TransformNames.protocolName(preferred.protocol()) + " vs " +
                TransformNames.protocolName(other.protocol());
        }
        final List<String> unmatched = new ArrayList<>();
        for (final int type : EffectiveTransforms.TYPES)
        {
            final List<Transform> preferredList = EffectiveTransforms.of(preferred, type);
            final List<Transform> otherList = EffectiveTransforms.of(other, type);
            if (preferredList.isEmpty() && otherList.isEmpty())
            {
                continue;
            }
            final Transform common = firstCommon(preferredList, otherList);
            if (common == null)
            {
                unmatched.add(TransformType.name(type));
            }
            else if (!EffectiveTransforms.isImplicitNone(common))
            {
                chosen.add(common);
            }
        }
        return unmatched.isEmpty() ? "" : "no common " + String.join(", ", unmatched);
    }

    private static Transform firstCommon(final List<Transform> preferred, final List<Transform> other)
    {
        for (final Transform transform : preferred)
        {
            if (other.contains(transform))
            {
                return transform;
            }
        }
        return null;
    }
}
