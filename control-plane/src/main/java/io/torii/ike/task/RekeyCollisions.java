package io.torii.ike.task;

import java.util.Arrays;

/**
 * Where an IKE SA rekey meets another exchange, decided in one place (RFC 7296 §2.8.2, §2.25), the way
 * strongSwan's {@code ike_rekey} and {@code child_create} tasks decide:
 * <ul>
 *   <li>Both ends rekey the IKE SA at once: both exchanges complete, and the new SA made with the lowest
 *       of the four nonces is redundant; whoever initiated that exchange deletes it, the other end waits
 *       for that Delete and deletes the old SA itself.</li>
 *   <li>The peer rekeys the IKE SA while we set up, rekey or delete a Child SA, or delete the IKE SA, or
 *       after this SA was already replaced: TEMPORARY_FAILURE, and the peer tries again later.</li>
 *   <li>The peer starts a Child SA exchange while our IKE rekey is in flight, or after this SA was
 *       replaced: TEMPORARY_FAILURE, since the Child SA would belong to an SA about to go.</li>
 *   <li>The peer deletes the IKE SA we are rekeying: our rekey is dropped with it, unless we had answered
 *       the peer's own rekey, whose new SA then carries on (the peer did not notice the collision).</li>
 * </ul>
 */
final class RekeyCollisions
{
    private RekeyCollisions()
    {
    }

    /**
     * @param ours the first task of our exchange in flight, or null.
     * @param superseded true when this SA was replaced or is redundant.
     * @return true when the peer's IKE rekey request is answered with TEMPORARY_FAILURE.
     */
    static boolean refusePeerIkeRekey(final IkeTask ours, final boolean superseded)
    {
        return superseded || ours instanceof CreateChildSaTask || ours instanceof ChildRekeyTask ||
            ours instanceof DeleteChildTask || ours instanceof DeleteIkeTask;
    }

    /**
     * @param ours the first task of our exchange in flight, or null.
     * @param superseded true when this SA was replaced or is redundant.
     * @return true when the peer's CREATE_CHILD_SA for a Child SA is answered with TEMPORARY_FAILURE.
     */
    static boolean refusePeerChildExchange(final IkeTask ours, final boolean superseded)
    {
        return superseded || ours instanceof IkeRekeyTask;
    }

    /**
     * §2.8.2 after both rekeys completed.
     *
     * @param ours the new SA of the rekey we initiated.
     * @param theirs the new SA of the peer's rekey, which we answered.
     * @return true when ours is the redundant one: its exchange holds the lowest of the four nonces.
     */
    static boolean oursIsRedundant(final IkeSaContext ours, final IkeSaContext theirs)
    {
        return compare(lower(ours.initiatorNonce, ours.responderNonce),
            lower(theirs.initiatorNonce, theirs.responderNonce)) < 0;
    }

    /** @return the lower of two nonces. */
    static byte[] lower(final byte[] a, final byte[] b)
    {
        return compare(a, b) <= 0 ? a : b;
    }

    /** Unsigned bytes over the shorter length, as strongSwan's memcmp compares nonces of unequal length. */
    private static int compare(final byte[] a, final byte[] b)
    {
        final int length = Math.min(a.length, b.length);
        return Arrays.compareUnsigned(a, 0, length, b, 0, length);
    }
}
