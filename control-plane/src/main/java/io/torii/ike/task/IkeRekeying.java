package io.torii.ike.task;

import io.torii.ike.net.IkeDatagram;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One IKE SA's part in rekeying the IKE SA (RFC 7296 §2.8, §2.18): where our SPIs of new SAs come from,
 * when to rekey ({@link IkeRekeySchedule}), the new SAs made, the peer's rekey that crossed ours, and
 * whether this SA was replaced or is a redundant one. It settles what a finished rekey leads to, with
 * {@link Collisions} deciding the collisions; {@link IkeSession} runs the exchanges.
 *
 * <p>When a rekey completes, the new SA's session is made here with this SA's Child SAs, which stay in the
 * dataplane as they are. This SA is then replaced: the rekey's initiator deletes it, the responder waits
 * for that Delete (90 s at most, as strongSwan waits). A redundant SA of a collision lives until its
 * creator deletes it (30 s at most on the side that waits).
 */
final class IkeRekeying
{
    /** How long a replaced SA waits for the peer's Delete before it goes by itself (strongSwan: 90 s). */
    static final long REPLACED_WAIT_NANOS = 90 * 1_000_000_000L;
    /** How long a redundant SA of a rekey collision waits for the peer's Delete (strongSwan: 30 s). */
    static final long REDUNDANT_WAIT_NANOS = 30 * 1_000_000_000L;

    private final IkeSaContext sa;
    private final ArrayDeque<IkeSession> successors = new ArrayDeque<>();
    /** The successor that took the Child SAs, until the session hands our pending exchanges to it. */
    private IkeSession heir;
    private LongSupplier spiSource;
    private IkeRekeySchedule schedule;
    /** The peer's rekey that we answered while ours was in flight (§2.8.2): ours decides its fate. */
    private IkeRekeyTask crossed;
    private boolean replaced;
    private boolean redundant;
    private long closeBy;

    /**
     * @param sa the SA whose rekeying this is.
     */
    IkeRekeying(final IkeSaContext sa)
    {
        this.sa = sa;
        this.spiSource = () -> randomSpi(sa.random);
    }

    /** @return where our SPIs of new SAs come from. */
    LongSupplier spiSource()
    {
        return spiSource;
    }

    /** @param source where our SPIs of new SAs come from from now on. */
    void spiSource(final LongSupplier source)
    {
        this.spiSource = Objects.requireNonNull(source, "source");
    }

    /** @return the next new SA's session not yet taken, or null. */
    IkeSession takeSuccessor()
    {
        return successors.poll();
    }

    /** @return the successor that took this SA's Child SAs since the last call, once; null when none did. */
    IkeSession takeHeir()
    {
        final IkeSession taken = heir;
        heir = null;
        return taken;
    }

    /** @return true when a successor took this SA's place. */
    boolean replaced()
    {
        return replaced;
    }

    /** @return true when this SA was replaced or is redundant: it only waits to be deleted. */
    boolean superseded()
    {
        return replaced || redundant;
    }

    /**
     * @param now the time.
     * @return true when this superseded SA waited long enough for a Delete and goes by itself.
     */
    boolean closeDue(final long now)
    {
        return superseded() && now - closeBy >= 0;
    }

    /**
     * The SA is up: its rekey schedule starts.
     *
     * @param now the time.
     */
    void established(final long now)
    {
        schedule = IkeRekeySchedule.start(sa.profile.lifetime(), now, sa.random);
    }

    /**
     * @param now the time.
     * @return true once when the SA outlived its rekey by over_time.
     */
    boolean expired(final long now)
    {
        return schedule != null && !superseded() && schedule.expired(now);
    }

    /**
     * @param now the time.
     * @return true once when the rekey is due.
     */
    boolean rekeyDue(final long now)
    {
        return schedule != null && !superseded() && schedule.rekeyDue(now);
    }

    /**
     * Our rekey was answered.
     *
     * @param rekey its task.
     * @param now the time.
     * @param next what the session sends next when the SA stays as it is.
     * @param deleteOld the session's Delete of this SA, sent when the new SA is ours to keep.
     * @return what to send.
     */
    List<IkeDatagram> afterOwnRekey(final IkeRekeyTask rekey, final long now,
        final Supplier<List<IkeDatagram>> next,
        final Supplier<List<IkeDatagram>> deleteOld)
    {
        final IkeSaContext theirs = crossed == null ? null : crossed.newSa();
        crossed = null;
        if (rekey.outcome() != IkeRekeyTask.Outcome.REKEYED)
        {
            if (theirs != null)
            {
                // The peer finished its rekey before it saw ours: its new SA carries on, and it deletes this one.
                succeed(theirs, now);
                return List.of();
            }
            retryLater(now);
            return next.get();
        }
        if (theirs != null && Collisions.oursIsRedundant(rekey.newSa(), theirs))
        {
            sa.events.add("IKE_SA rekey collision lost, deleting redundant IKE_SA");
            succeed(theirs, now);
            return redundantSession(rekey.newSa(), now).deleteIke(now);
        }
        if (theirs != null)
        {
            sa.events.add("IKE_SA rekey collision won, waiting for delete for redundant IKE_SA");
            redundantSession(theirs, now);
        }
        succeed(rekey.newSa(), now);
        // §2.18: the rekey's initiator deletes the old SA; its Child SAs already belong to the successor.
        return deleteOld.get();
    }

    /**
     * We answered the peer's rekey: its new SA takes over at once, unless our own rekey is in flight.
     *
     * @param rekey the responder's task.
     * @param ourRekeyInFlight true when our own rekey waits for its answer.
     * @param now the time.
     */
    void afterPeerRekey(final IkeRekeyTask rekey, final boolean ourRekeyInFlight, final long now)
    {
        if (rekey.outcome() != IkeRekeyTask.Outcome.REKEYED)
        {
            return;
        }
        if (ourRekeyInFlight)
        {
            if (crossed != null)
            {
                crossed.discard();
            }
            crossed = rekey;
            return;
        }
        succeed(rekey.newSa(), now);
    }

    /**
     * The peer deletes the SA. When we had answered its own rekey while ours was in flight, the peer saw
     * no collision and that new SA carries on; otherwise our rekey, if any, ends with the SA.
     *
     * @param now the time.
     */
    void peerDeleted(final long now)
    {
        if (crossed != null && !superseded())
        {
            sa.events.add("peer did not notice IKE_SA rekey collision, abort active rekeying");
            succeed(crossed.newSa(), now);
            crossed = null;
        }
    }

    /**
     * A rekey failed for now: tried again 5 to 15 seconds later.
     *
     * @param now the time.
     */
    void retryLater(final long now)
    {
        if (schedule != null)
        {
            schedule.retry(now, sa.random);
        }
    }

    /**
     * Zeroes what unfinished rekeys hold: the SA ends.
     *
     * @param inFlight our rekey in flight, or null.
     */
    void discard(final IkeRekeyTask inFlight)
    {
        if (inFlight != null)
        {
            inFlight.discard();
        }
        if (crossed != null)
        {
            crossed.discard();
            crossed = null;
        }
    }

    /** A new SA takes this one's place and its Child SAs; this one waits for its Delete. */
    private void succeed(final IkeSaContext next, final long now)
    {
        RekeyedIkeSa.moveChildren(sa, next);
        final IkeSession successor = IkeSession.rekeyed(next, now);
        successor.spiSource(spiSource);
        successor.rekeying().established(now);
        successors.add(successor);
        heir = successor;
        replaced = true;
        closeBy = now + REPLACED_WAIT_NANOS;
    }

    /** A new SA that a rekey collision made redundant: it lives until deleted, by us or by the peer. */
    private IkeSession redundantSession(final IkeSaContext next, final long now)
    {
        final IkeSession session = IkeSession.rekeyed(next, now);
        session.rekeying().redundant = true;
        session.rekeying().closeBy = now + REDUNDANT_WAIT_NANOS;
        successors.add(session);
        return session;
    }

    private static long randomSpi(final SecureRandom random)
    {
        long spi;
        do
        {
            spi = random.nextLong();
        }
        while (spi == 0);
        return spi;
    }
}
