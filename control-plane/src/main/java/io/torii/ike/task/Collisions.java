package io.torii.ike.task;

import io.torii.ike.sa.ChildSa;
import java.util.Arrays;

/**
 * What to do when a request of the peer meets an exchange of ours on the same IKE SA, decided in one place
 * (RFC 7296 §1.4.1, §2.8.1, §2.8.2, §2.25, with strongSwan's choices where the RFC leaves room; its
 * {@code child_rekey}, {@code child_create} and {@code ike_rekey} tasks decide the same way). "Ours" is
 * our exchange in flight, or one that completed while the peer's was on its way:
 * <table>
 *   <caption>Collisions and their outcome</caption>
 *   <tr><th>ours</th><th>the peer's request</th><th>outcome</th><th>rule</th></tr>
 *   <tr><td>rekey of Child SA pair P</td><td>rekey of P</td>
 *       <td>both complete; the pair made by the exchange with the lowest of the four nonces is redundant and
 *       the side that initiated that exchange deletes it, the other side deletes P as after any rekey
 *       (§2.8.1)</td>
 *       <td>{@link #onPeerRekey} {@link PeerRekey#BOTH_REKEYING}, {@link #onRekeyAnswered}
 *       {@link OurRekey#LOST} or {@link OurRekey#REPLACE}</td></tr>
 *   <tr><td>Delete of P, or P already replaced by a rekey</td><td>rekey of P</td>
 *       <td>TEMPORARY_FAILURE: our Delete is on its way</td>
 *       <td>{@link #onPeerRekey} {@link PeerRekey#TEMPORARY_FAILURE}</td></tr>
 *   <tr><td>none: P deleted or drained</td><td>rekey of P</td><td>CHILD_SA_NOT_FOUND (§2.25)</td>
 *       <td>{@link #onPeerRekey} {@link PeerRekey#NOT_FOUND}</td></tr>
 *   <tr><td>rekey of P</td><td>Delete of P</td>
 *       <td>P goes; when our answer comes, our new pair is deleted too, since the peer meant the child to
 *       go</td>
 *       <td>{@link #onRekeyAnswered} {@link OurRekey#OLD_GONE}</td></tr>
 *   <tr><td>Delete of P</td><td>Delete of P</td>
 *       <td>each side removes P and answers without naming it (§1.4.1)</td>
 *       <td>{@link InformationalResponder}</td></tr>
 *   <tr><td>rekey of the IKE SA</td><td>rekey of the IKE SA</td>
 *       <td>both complete; the new SA made by the exchange with the lowest of the four nonces is redundant:
 *       whoever initiated that exchange deletes it, the other side waits for that Delete and deletes the old
 *       SA (§2.8.2)</td>
 *       <td>{@link #oursIsRedundant}</td></tr>
 *   <tr><td>Child SA create, rekey or Delete, or Delete of the IKE SA</td><td>rekey of the IKE SA</td>
 *       <td>TEMPORARY_FAILURE; the peer tries again 5 to 15 s later (§2.25)</td>
 *       <td>{@link #refusePeerIkeRekey}</td></tr>
 *   <tr><td>rekey of the IKE SA</td><td>Child SA create or rekey</td>
 *       <td>TEMPORARY_FAILURE: the Child SA would belong to an SA about to go (§2.25)</td>
 *       <td>{@link #refusePeerChildExchange}</td></tr>
 *   <tr><td>none: this SA was replaced, or is a redundant one</td><td>rekey of the IKE SA, Child SA create or
 *       rekey</td><td>TEMPORARY_FAILURE</td>
 *       <td>{@link #refusePeerIkeRekey}, {@link #refusePeerChildExchange}</td></tr>
 *   <tr><td>rekey of the IKE SA</td><td>Delete of the IKE SA</td>
 *       <td>our rekey ends with the SA, unless we had answered the peer's own rekey: the peer did not notice
 *       the collision and that new SA carries on</td>
 *       <td>{@link IkeRekeying#peerDeleted}</td></tr>
 *   <tr><td>exchanges queued, not yet started</td><td>a rekey of the IKE SA completes, either side's</td>
 *       <td>they are made again on the successor, which holds the Child SAs now</td>
 *       <td>{@link CarryOver}</td></tr>
 * </table>
 */
final class Collisions
{
    /** What the peer's request to rekey one of our pairs gets. */
    enum PeerRekey
    {
        /** Answer it, as any rekey. */
        PROCEED,
        /** Answer it; our own rekey of the same pair is in flight, and the nonces decide once both are done. */
        BOTH_REKEYING,
        /** The pair is ours to delete: TEMPORARY_FAILURE. */
        TEMPORARY_FAILURE,
        /** We have no such pair: CHILD_SA_NOT_FOUND. */
        NOT_FOUND
    }

    /** What the successful answer to our rekey leads to. */
    enum OurRekey
    {
        /** The new pair takes over and we delete the old one: no collision, or we won it. */
        REPLACE,
        /** Our new pair is redundant: we delete it, and the peer's new pair takes over. */
        LOST,
        /** The peer deleted the old pair meanwhile: we delete the new one too. */
        OLD_GONE
    }

    private Collisions()
    {
    }

    // ---- Child SAs (§1.4.1, §2.8.1, §2.25) ----

    /**
     * The peer rekeys one of our pairs (§2.8.1, §2.25): a pair we are deleting, or replaced already, is
     * refused for now; one we do not have is not found; one we rekey as well is answered, and the nonces
     * decide once both exchanges are done.
     *
     * @param sa the IKE SA.
     * @param pair the pair the peer's REKEY_SA names, null when we have none with that SPI.
     * @return how to answer.
     */
    static PeerRekey onPeerRekey(final IkeSaContext sa, final ChildSa pair)
    {
        final ChildSaStates.Entry entry = sa.childStates.get(pair);
        if (entry == null || !sa.children.contains(pair))
        {
            return PeerRekey.NOT_FOUND;
        }
        if (sa.deleting.contains(pair) || entry.phase == ChildSaStates.Phase.REKEYED)
        {
            return PeerRekey.TEMPORARY_FAILURE;
        }
        return entry.phase == ChildSaStates.Phase.REKEYING && entry.rekeySent ? PeerRekey.BOTH_REKEYING :
            PeerRekey.PROCEED;
    }

    /**
     * Our rekey of a pair was answered (§2.8.1): when the peer rekeyed the same pair meanwhile, the exchange
     * with the lowest of the four nonces made the redundant pair; when the peer deleted the old pair, the new
     * one goes too.
     *
     * @param sa the IKE SA.
     * @param old the pair our rekey replaces.
     * @param ourLowerNonce the lower nonce of our exchange.
     * @return what the new pair becomes.
     */
    static OurRekey onRekeyAnswered(final IkeSaContext sa, final ChildSa old, final byte[] ourLowerNonce)
    {
        final ChildSaStates.Entry entry = sa.childStates.get(old);
        if (entry == null || !sa.children.contains(old))
        {
            return OurRekey.OLD_GONE;
        }
        if (entry.peerReplacement != null && sa.children.contains(entry.peerReplacement) &&
            compareNonces(ourLowerNonce, entry.peerLowerNonce) < 0)
        {
            return OurRekey.LOST;
        }
        return OurRekey.REPLACE;
    }

    // ---- The IKE SA (§2.8.2, §2.25) ----

    /**
     * The peer rekeys the IKE SA while we set up, rekey or delete a Child SA, or delete the IKE SA, or after
     * this SA was replaced (§2.25): TEMPORARY_FAILURE, and the peer tries again later. strongSwan answers the
     * same while a Child SA of its own is half-open.
     *
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
     * The peer sets up or rekeys a Child SA while our IKE rekey is in flight, or after this SA was replaced
     * (§2.25): TEMPORARY_FAILURE, since the Child SA would belong to an SA about to go.
     *
     * @param ours the first task of our exchange in flight, or null.
     * @param superseded true when this SA was replaced or is redundant.
     * @return true when the peer's CREATE_CHILD_SA for a Child SA is answered with TEMPORARY_FAILURE.
     */
    static boolean refusePeerChildExchange(final IkeTask ours, final boolean superseded)
    {
        return superseded || ours instanceof IkeRekeyTask;
    }

    /**
     * §2.8.2, once both ends' rekeys of the IKE SA completed: the new SA made by the exchange with the lowest
     * of the four nonces is redundant.
     *
     * @param ours the new SA of the rekey we initiated.
     * @param theirs the new SA of the peer's rekey, which we answered.
     * @return true when ours is the redundant one: its exchange holds the lowest of the four nonces.
     */
    static boolean oursIsRedundant(final IkeSaContext ours, final IkeSaContext theirs)
    {
        return compareNonces(lower(ours.initiatorNonce, ours.responderNonce),
            lower(theirs.initiatorNonce, theirs.responderNonce)) < 0;
    }

    // ---- Nonces ----

    /** @return the lower of two nonces, as {@link #compareNonces} orders them. */
    static byte[] lower(final byte[] a, final byte[] b)
    {
        return compareNonces(a, b) <= 0 ? a : b;
    }

    /**
     * Compares nonces as unsigned bytes from the first, over the length of the shorter, as strongSwan's
     * {@code memcmp} does (§2.8.1 does not say how nonces of different lengths compare).
     *
     * @return below 0 when {@code a} is the lower, 0 when they agree over the shorter length.
     */
    static int compareNonces(final byte[] a, final byte[] b)
    {
        final int length = Math.min(a.length, b.length);
        return Arrays.compareUnsigned(a, 0, length, b, 0, length);
    }
}
