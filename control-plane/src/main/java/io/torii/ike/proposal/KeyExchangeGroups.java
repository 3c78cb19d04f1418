package io.torii.ike.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The key exchange method decisions around the KE payload (RFC 7296 §1.2, §1.3, §3.4): the initiator
 * guesses one group for its KE payload; the responder answers INVALID_KE_PAYLOAD naming the group of
 * the proposal it selected when the guess was another; the initiator then retries with that group if
 * it offered it.
 */
public final class KeyExchangeGroups
{
    private KeyExchangeGroups()
    {
    }

    /**
     * @param configured our proposals, in preference order.
     * @return the group for the initiator's KE payload: the first key exchange method (other than
     *     {@code NONE}) of the first proposal that has one, or empty when none has (no PFS).
     */
    public static OptionalInt initiatorGroup(final List<Proposal> configured)
    {
        for (final Proposal proposal : configured)
        {
            for (final Transform transform : proposal.transformsOf(TransformType.KEY_EXCHANGE))
            {
                if (transform.id() != KeyExchangeMethod.NONE)
                {
                    return OptionalInt.of(transform.id());
                }
            }
        }
        return OptionalInt.empty();
    }

    /**
     * @param selected a selected proposal, one transform per type.
     * @return its key exchange method: the group the responder needs the initiator's KE payload in, and
     *     the one it names in INVALID_KE_PAYLOAD when the payload used another; empty when it has none.
     */
    public static OptionalInt selectedGroup(final Proposal selected)
    {
        for (final Transform transform : selected.transformsOf(TransformType.KEY_EXCHANGE))
        {
            if (transform.id() != KeyExchangeMethod.NONE)
            {
                return OptionalInt.of(transform.id());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * @param configured our proposals.
     * @param group the group a responder asked for in INVALID_KE_PAYLOAD.
     * @return true when we offered it, so that a retry with it is allowed; a request for a group we
     *     did not offer must not be followed (RFC 7296 §1.3).
     */
    public static boolean offers(final List<Proposal> configured, final int group)
    {
        final Transform wanted = Transform.of(TransformType.KEY_EXCHANGE, group);
        for (final Proposal proposal : configured)
        {
            if (proposal.transforms().contains(wanted))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param proposals ESP or AH proposals.
     * @return the same proposals without key exchange methods: what the Child SA created within
     *     IKE_AUTH is negotiated with, since it takes its keys from the IKE SA (RFC 7296 §1.2).
     */
    public static List<Proposal> withoutKeyExchange(final List<Proposal> proposals)
    {
        final List<Proposal> stripped = new ArrayList<>();
        for (final Proposal proposal : proposals)
        {
            final List<Transform> transforms = new ArrayList<>(proposal.transforms());
            transforms.removeIf(t -> t.type() == TransformType.KEY_EXCHANGE);
            stripped.add(new Proposal(proposal.number(), proposal.protocol(), proposal.spi(), transforms));
        }
        return List.copyOf(stripped);
    }
}
