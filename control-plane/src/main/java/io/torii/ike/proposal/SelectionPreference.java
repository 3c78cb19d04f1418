package io.torii.ike.proposal;

/**
 * Whose order decides when several proposals or transforms would match: strongSwan's
 * {@code charon.prefer_configured_proposals}, {@code yes} by default.
 */
public enum SelectionPreference
{
    /** Walk our configured proposals and transforms in order, taking the first the peer also offers. */
    CONFIGURED,
    /** Walk the peer's proposals and transforms in order, taking the first we also accept. */
    OFFERED
}
