package io.torii.ike.task;

import io.torii.ike.sa.ChildSa;

/**
 * What to do when a request of the peer meets an exchange of ours on the same SA, decided in one place
 * (RFC 7296 §2.8.1 and §1.4.1, with strongSwan's choices where the RFC leaves room):
 * <ul>
 *   <li>both rekey the same Child SA: both exchanges complete; the pair created by the exchange with the
 *       lowest of the four nonces is redundant and the side that initiated that exchange deletes it, while
 *       the other side deletes the old pair as after any rekey;</li>
 *   <li>the peer rekeys a pair we are deleting: TEMPORARY_FAILURE, since our Delete is on its way;</li>
 *   <li>the peer rekeys a pair we no longer have (deleted, or replaced and drained): CHILD_SA_NOT_FOUND
 *       (§2.25);</li>
 *   <li>our rekey completes after the peer deleted the old pair: the new pair is deleted too, since the
 *       peer meant the child to go;</li>
 *   <li>deletes of the same pair cross: each side removes it and answers without naming it
 *       ({@link InformationalResponder}).</li>
 * </ul>
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

    /**
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

    /**
     * Compares nonces as unsigned bytes from the first, over the length of the shorter, as strongSwan does
     * (§2.8.1 does not say how nonces of different lengths compare).
     *
     * @return below 0 when {@code a} is the lower.
     */
    static int compareNonces(final byte[] a, final byte[] b)
    {
        final int length = Math.min(a.length, b.length);
        for (int i = 0; i < length; i++)
        {
            final int difference = (a[i] & 0xFF) - (b[i] & 0xFF);
            if (difference != 0)
            {
                return difference;
            }
        }
        return 0;
    }
}
