package io.torii.ike.proposal;

/**
 * Why proposal selection, or the check of a responder's answer, came to nothing.
 */
public enum SelectionFailure
{
    /** No offered proposal matches a configured one; the responder answers NO_PROPOSAL_CHOSEN. */
    NO_PROPOSAL_CHOSEN,
    /** The responder's SA payload did not hold exactly one proposal (RFC 7296 §2.7). */
    NOT_ONE_PROPOSAL,
    /** The answer's proposal number or protocol is not one the initiator offered. */
    UNKNOWN_PROPOSAL,
    /** The answer holds more than one transform of a type (RFC 7296 §2.7). */
    NOT_ONE_TRANSFORM_PER_TYPE,
    /** The answer holds a transform, or a transform type, the initiator did not offer. */
    TRANSFORM_NOT_OFFERED,
    /** The answer lacks a transform type the initiator's proposal requires. */
    MISSING_TRANSFORM
}
