package io.torii.ike.proposal;

import java.util.List;

/**
 * What {@link ProposalStringParser} returns: the proposals, or why the strings were refused.
 */
public sealed interface ProposalParseResult
{
    /**
     * The strings were valid.
     *
     * @param proposals one proposal per string ({@code default} gives several), numbered from 1 in
     *     order, with empty SPIs.
     * @param strict true when a string ended in {@code !}; see {@link ProposalStringParser}.
     */
    record Parsed(List<Proposal> proposals, boolean strict) implements ProposalParseResult
    {
        /** Copies the list. */
        public Parsed
        {
            proposals = List.copyOf(proposals);
        }
    }

    /**
     * The strings were refused.
     *
     * @param message what is wrong and where, written for the person who wrote the configuration.
     */
    record Invalid(String message) implements ProposalParseResult
    {
    }
}
