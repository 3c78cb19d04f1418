package io.torii.ike.daemon;

import io.torii.ike.config.IkeLifetime;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.task.IkeSession;
import java.io.PrintStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reauthentication, make-before-break as strongSwan 6 does it by default: at {@code reauth_time} less a
 * random share of {@code rand_time} a new IKE SA of the same connection is set up from scratch (no
 * INITIAL_CONTACT: the old one still stands), with every child the old one had; once those children are
 * installed (or refused) the old IKE SA is deleted, and its children with it. Both pairs coexist a moment
 * in the dataplane, each on a tunnel of its own: the older pair's policies, installed first, keep carrying
 * traffic until the old SA's delete removes them, then the new pair's take over. An SA that outlives
 * {@code reauth_time} plus {@code over_time} (its reauthentication never completed) is deleted.
 *
 * <p>An SA whose local address went and that MOBIKE cannot move is reauthenticated at once from the new
 * address ({@link #startFrom}); as no Delete can leave from the lost address, the old SA then ends here
 * without one, and the new SA's INITIAL_CONTACT has the peer drop its side of it.
 */
final class Reauthentication
{
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final IkeSaManager manager;
    private final SecureRandom random;
    private final PrintStream log;
    /** Our SPIs of SAs being reauthenticated because their local address went: no Delete can reach the peer. */
    private final Set<Long> addressGone = new HashSet<>();

    Reauthentication(final IkeSaManager manager, final SecureRandom random, final PrintStream log)
    {
        this.manager = manager;
        this.random = random;
        this.log = log;
    }

    /**
     * An SA came up: schedule its reauthentication when its connection asks for one.
     *
     * @param entry the SA, just established.
     * @param now the time.
     */
    void established(final SaEntry entry, final long now)
    {
        final IkeLifetime lifetime = entry.session.profile().lifetime();
        final long reauth = lifetime.reauthTime().toNanos();
        if (reauth <= 0)
        {
            entry.reauthAt = NO_DEADLINE;
            entry.expiresAt = NO_DEADLINE;
            return;
        }
        final long rand = lifetime.randTime().toNanos();
        final long jitter = rand > 0 ? random.nextLong(rand) : 0;
        entry.reauthAt = now + reauth - jitter;
        entry.expiresAt = now + reauth + lifetime.overTime().toNanos();
    }

    /**
     * Starts the reauthentications that are due and deletes SAs past their over time.
     *
     * @param now the time.
     * @return SAs acted on.
     */
    int onTimer(final long now)
    {
        int work = 0;
        for (final SaEntry entry : manager.entries())
        {
            if (entry.session.state() != IkeSession.State.ESTABLISHED || entry.reauthAt == NO_DEADLINE)
            {
                continue;
            }
            if (entry.expiresAt != NO_DEADLINE && now - entry.expiresAt >= 0)
            {
                log.printf("[IKE] IKE_SA %s reached its over time without reauthentication, deleting%n",
                    entry.session.profile().name());
                entry.reauthAt = NO_DEADLINE;
                manager.terminateIke(entry.spi(), now);
                work++;
            }
            else if (entry.reauthBy == 0 && now - entry.reauthAt >= 0)
            {
                work += start(entry, now) ? 1 : 0;
            }
        }
        return work;
    }

    private boolean start(final SaEntry old, final long now)
    {
        final Optional<Connection> connection = manager.connection(old.session.profile().name());
        if (connection.isEmpty() || connection.get().remoteEndpoint().isEmpty() || !start(old, connection.get(), now))
        {
            // Nothing to reauthenticate to (a responder for %any, or the connection unloaded): let it run out.
            old.reauthAt = NO_DEADLINE;
            return false;
        }
        return true;
    }

    /**
     * Reauthenticates an SA now from another address of ours: its own address went and MOBIKE cannot move
     * it, so a new IKE SA is set up from the new address, as strongSwan does, and the old one is deleted once
     * the new one's children are up.
     *
     * @param old the SA whose address went.
     * @param local our address to start from.
     * @param now the time.
     * @return true when the new SA is being set up; false when one already is, or there is nothing to
     *         reauthenticate to.
     */
    boolean startFrom(final SaEntry old, final InetAddress local, final long now)
    {
        final Optional<Connection> connection = manager.connection(old.session.profile().name());
        if (old.reauthBy != 0 || connection.isEmpty() || connection.get().remoteEndpoint().isEmpty())
        {
            return false;
        }
        final Connection loaded = connection.get();
        if (!start(old, new Connection(loaded.profile(), loaded.config(), local), now))
        {
            return false;
        }
        addressGone.add(old.spi());
        // The old SA cannot reach the peer any more: unless another SA of ours stands with it, INITIAL_CONTACT
        // has the peer drop what it holds of the old one (RFC 7296 §2.4), which we can no longer delete.
        final String name = loaded.name();
        final boolean alone = manager.entries().stream().noneMatch(other -> other != old &&
            other.spi() != old.reauthBy && other.isLive() && other.session.profile().name().equals(name));
        manager.entry(old.reauthBy).session.sendInitialContact(alone);
        return true;
    }

    private boolean start(final SaEntry old, final Connection connection, final long now)
    {
        log.printf("[IKE] reauthenticating IKE_SA %s, make-before-break%n", connection.name());
        final SaEntry successor = manager.start(connection, now);
        if (successor == null)
        {
            return false;
        }
        old.reauthBy = successor.spi();
        successor.reauthOf = old.spi();
        final String first = successor.session.profile().child().name();
        for (final String child : old.children)
        {
            if (!child.equals(first))
            {
                manager.createChild(successor.spi(), child, now);
            }
        }
        return true;
    }

    /**
     * A reauthenticating SA was seen: once it is up with its children installed, the old SA goes.
     *
     * @param successor an established SA.
     * @param now the time.
     */
    void seen(final SaEntry successor, final long now)
    {
        if (successor.reauthOf == 0)
        {
            return;
        }
        final SaEntry old = manager.entry(successor.reauthOf);
        if (old == null || !old.isLive())
        {
            successor.reauthOf = 0;
            return;
        }
        final Set<String> up = successor.session.children().stream().map(ChildSa::name).collect(Collectors.toSet());
        if (!up.containsAll(old.children) && successor.session.busy())
        {
            return;
        }
        successor.reauthOf = 0;
        if (addressGone.remove(old.spi()))
        {
            // A Delete could only leave from the address we lost: end the old SA here, without a word.
            log.printf("[IKE] reauthentication of IKE_SA %s complete, ending the old IKE_SA, whose address is " +
                "gone%n", successor.session.profile().name());
            old.endedHere = true;
            old.session.abandon("IKE_SA ended: its local address is gone");
            manager.sendFor(old, List.of(), now);
            return;
        }
        log.printf("[IKE] reauthentication of IKE_SA %s complete, deleting the old IKE_SA%n",
            successor.session.profile().name());
        manager.terminateIke(old.spi(), now);
    }

    /**
     * An SA left the manager: a reauthentication it was making failed, and its old SA tries again later.
     *
     * @param entry the SA, already forgotten.
     * @param now the time.
     */
    void ended(final SaEntry entry, final long now)
    {
        addressGone.remove(entry.spi());
        if (entry.reauthOf == 0)
        {
            return;
        }
        final SaEntry old = manager.entry(entry.reauthOf);
        if (old != null && old.reauthBy == entry.spi())
        {
            log.printf("[IKE] reauthentication of IKE_SA %s failed, the old IKE_SA stays until its over time%n",
                old.session.profile().name());
            old.reauthBy = 0;
            old.reauthAt = now + entry.session.profile().retransmit().totalNanos();
        }
    }
}
