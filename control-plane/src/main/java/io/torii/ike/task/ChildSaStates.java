package io.torii.ike.task;

import io.torii.ike.sa.ChildProfile;
import io.torii.ike.sa.ChildSa;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each Child SA pair of one IKE SA stands in its life (RFC 7296 §2.8): its rekey and expiry
 * deadlines, a rekey under way, the pair that replaces it, and, once deleted, the short time it stays in
 * the dataplane so that packets already on their way still arrive. The session's timer asks {@link #due}
 * what is to be done.
 */
final class ChildSaStates
{
    /**
     * How long the inbound SA of a pair replaced by a rekey stays in the dataplane after its Delete, so that
     * packets the peer sent with it before switching are still accepted; strongSwan's
     * {@code charon.delete_rekeyed_delay} does the same, with 5 s.
     */
    static final long DRAIN_NANOS = 5_000_000_000L;
    /**
     * How long a responder waits for the initiator's Delete of the old pair before it sends with the new one
     * all the same (the Delete may have been lost, or the initiator never sends it); until then it keeps
     * sending with the old pair, which the initiator still accepts, as strongSwan does.
     */
    static final long SWITCH_DELAY_NANOS = 10_000_000_000L;

    /** A pair's phase. */
    enum Phase
    {
        /** In use, nothing under way. */
        INSTALLED,
        /** Our rekey of it is queued or in flight. */
        REKEYING,
        /** A new pair replaces it; its Delete is on the way. */
        REKEYED
    }

    /** One pair's state. */
    static final class Entry
    {
        final ChildSa pair;
        final ChildProfile profile;
        Phase phase = Phase.INSTALLED;
        ChildLifetimePlan plan;
        /** The pair that takes over from this one; null while there is none. */
        ChildSa replacement;
        /** Whether the dataplane sends with {@link #replacement} already. */
        boolean switched;
        long switchAt;
        /** Our rekey request has gone out (it may still be queued while {@link Phase#REKEYING}). */
        boolean rekeySent;
        /** The pair the peer's rekey created while ours was in flight, and that exchange's lower nonce. */
        ChildSa peerReplacement;
        byte[] peerLowerNonce;
        /** A hard expiry asked for its Delete already. */
        boolean expiring;

        Entry(final ChildSa pair, final ChildProfile profile, final ChildLifetimePlan plan)
        {
            this.pair = pair;
            this.profile = profile;
            this.plan = plan;
        }
    }

    /** A pair deleted after a rekey, whose SAs leave the dataplane at {@code until}. */
    private record Draining(ChildSa pair, long until)
    {
    }

    /** What the timer found due: pairs to rekey, pairs to delete, pairs whose drain time is over. */
    record Due(List<ChildSa> rekey, List<ChildSa> expire, List<ChildSa> drained, List<ChildSa> switchTo)
    {
        boolean isEmpty()
        {
            return rekey.isEmpty() && expire.isEmpty() && drained.isEmpty() && switchTo.isEmpty();
        }
    }

    /** In the order pairs were installed; a pair is equal only to itself. */
    private final Map<ChildSa, Entry> entries = new LinkedHashMap<>();
    private final List<Draining> draining = new ArrayList<>();

    /**
     * @param pair a pair just installed.
     * @param profile its child.
     * @param plan its limits.
     */
    void add(final ChildSa pair, final ChildProfile profile, final ChildLifetimePlan plan)
    {
        entries.put(pair, new Entry(pair, profile, plan));
    }

    /** @return the pair's state, or null when it is not (or no longer) one of the SA's pairs. */
    Entry get(final ChildSa pair)
    {
        return pair == null ? null : entries.get(pair);
    }

    /** Forgets a pair that left the SA. */
    void remove(final ChildSa pair)
    {
        entries.remove(pair);
    }

    /**
     * @param pair a pair deleted after a rekey.
     * @param until when its SAs leave the dataplane.
     */
    void drain(final ChildSa pair, final long until)
    {
        entries.remove(pair);
        draining.add(new Draining(pair, until));
    }

    /** @return the pairs still draining, which leave with the IKE SA when it ends. */
    List<ChildSa> takeDraining()
    {
        final List<ChildSa> pairs = draining.stream().map(Draining::pair).toList();
        draining.clear();
        return pairs;
    }

    /** @return the number of pairs deleted after a rekey whose SAs are still in the dataplane. */
    int drainingCount()
    {
        return draining.size();
    }

    /**
     * Finds what the time makes due and marks it taken, so that it is not found twice: rekeys become
     * {@link Phase#REKEYING}, expiries are marked, switches and drained pairs are handed over once.
     *
     * @param now the time.
     * @param deleting pairs whose Delete is under way already.
     * @return what to do.
     */
    Due due(final long now, final List<ChildSa> deleting)
    {
        final List<ChildSa> rekey = new ArrayList<>();
        final List<ChildSa> expire = new ArrayList<>();
        final List<ChildSa> switchTo = new ArrayList<>();
        for (final Entry entry : entries.values())
        {
            if (entry.plan.expires() && !entry.expiring && now - entry.plan.expireAt() >= 0 &&
                !deleting.contains(entry.pair))
            {
                entry.expiring = true;
                expire.add(entry.pair);
            }
            else if (entry.phase == Phase.INSTALLED && entry.plan.rekeys() && now - entry.plan.rekeyAt() >= 0)
            {
                rekey.add(entry.pair);
            }
            if (entry.replacement != null && !entry.switched && now - entry.switchAt >= 0)
            {
                entry.switched = true;
                switchTo.add(entry.replacement);
            }
        }
        final List<ChildSa> drained = new ArrayList<>();
        draining.removeIf(pair -> now - pair.until() >= 0 && drained.add(pair.pair()));
        return new Due(rekey, expire, drained, switchTo);
    }

    /**
     * Marks a pair as being rekeyed by us, when it may be: it is one of the SA's pairs, nothing is under way
     * for it, and it is not being deleted.
     *
     * @param pair the pair.
     * @param children the SA's pairs.
     * @param deleting the pairs whose Delete is under way.
     * @return true when the rekey may be queued.
     */
    boolean beginRekey(final ChildSa pair, final List<ChildSa> children, final List<ChildSa> deleting)
    {
        final Entry entry = entries.get(pair);
        if (entry == null || entry.phase != Phase.INSTALLED || !children.contains(pair) || deleting.contains(pair))
        {
            return false;
        }
        entry.phase = Phase.REKEYING;
        entry.rekeySent = false;
        return true;
    }

    /** @return the pairs marked {@link Phase#REKEYING}: our rekey of each is queued or in flight. */
    List<ChildSa> rekeying()
    {
        return entries.values().stream().filter(entry -> entry.phase == Phase.REKEYING).map(entry -> entry.pair)
            .toList();
    }

    /**
     * Hands every pair's state, draining pairs included, to the IKE SA that takes over the Child SAs after
     * an IKE SA rekey (§2.8): their deadlines, replacements and drain times carry on there.
     *
     * @param successor the new IKE SA's states.
     */
    void transferTo(final ChildSaStates successor)
    {
        successor.entries.putAll(entries);
        successor.draining.addAll(draining);
        entries.clear();
        draining.clear();
    }

    /**
     * @param spi an inbound or outbound SPI.
     * @return the pair with it, or null.
     */
    ChildSa bySpi(final int spi)
    {
        for (final ChildSa pair : entries.keySet())
        {
            if (pair.inboundSpi() == spi || pair.outboundSpi() == spi)
            {
                return pair;
            }
        }
        return null;
    }
}
