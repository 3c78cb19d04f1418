package io.torii.ike.proposal;

/**
 * What {@link ProposalSelector} and {@link ProposalAnswerCheck} return.
 */
public sealed interface SelectionResult
{
    /**
     * A proposal was chosen (or, for the answer check, accepted).
     *
     * @param proposal exactly one transform per type present, with the peer's number and SPI.
     */
    record Selected(Proposal proposal) implements SelectionResult
    {
    }

    /**
     * Nothing was chosen.
     *
     * @param failure the named reason.
     * @param explanation which proposals and transform types did not match, for the log.
     */
    record Rejected(SelectionFailure failure, String explanation) implements SelectionResult
    {
    }
}
