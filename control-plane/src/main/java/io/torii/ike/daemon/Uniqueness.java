package io.torii.ike.daemon;

import io.torii.ike.config.UniquePolicy;
import io.torii.ike.sa.IkeIdentity;
import io.torii.ike.task.IkeSession;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;

/**
 * swanctl.conf's {@code unique} and INITIAL_CONTACT (RFC 7296 §2.4, §3.10.1), applied when an IKE SA is
 * established, against the other IKE SAs between the same two identities (its duplicates):
 * <ul>
 *   <li>{@code never}: nothing, even on INITIAL_CONTACT;</li>
 *   <li>{@code no} (the default): on INITIAL_CONTACT the duplicates are stale after a peer restart, and go
 *       without a Delete (the peer forgot them);</li>
 *   <li>{@code replace}: the duplicates are deleted, with a Delete unless INITIAL_CONTACT came;</li>
 *   <li>{@code keep}: a duplicate from another address keeps its place and the new SA is deleted; one from
 *       the same address (a reauthentication, or a restart when INITIAL_CONTACT came) is treated as
 *       {@code no}.</li>
 * </ul>
 * Duplicates may sit on any IKE handler: removals go to every manager, each removing its own.
 */
final class Uniqueness
{
    private final IkeSaManager manager;
    private final PrintStream log;

    /**
     * What a new SA claims: to be the one SA between these identities.
     *
     * @param peer the peer's authenticated identity.
     * @param local ours.
     * @param freshSpi our SPI of the new SA, which stays.
     * @param freshHost the peer's address on the new SA.
     * @param initialContact whether the peer said INITIAL_CONTACT.
     * @param policy the new SA's connection's {@code unique}.
     */
    record Claim(IkeIdentity peer, IkeIdentity local, long freshSpi, InetAddress freshHost, boolean initialContact,
        UniquePolicy policy)
    {
    }

    Uniqueness(final IkeSaManager manager, final PrintStream log)
    {
        this.manager = manager;
        this.log = log;
    }

    /**
     * @param fresh an SA that has just been established.
     * @param now the time.
     */
    void enforce(final SaEntry fresh, final long now)
    {
        final UniquePolicy policy = fresh.session.profile().unique();
        final boolean initialContact = fresh.responder && fresh.session.peerInitialContact();
        final IkeIdentity peer = fresh.session.peerIdentity();
        if (policy == UniquePolicy.NEVER || policy == UniquePolicy.NO && !initialContact || peer == null)
        {
            return;
        }
        final Claim claim = new Claim(peer, fresh.session.profile().localId(), fresh.spi(),
            fresh.peer.getAddress(), initialContact, policy);
        if (policy == UniquePolicy.KEEP && duplicates(claim).stream().anyMatch(d -> !sameHost(d, claim)))
        {
            log.printf("[IKE] cancelling IKE_SA %s setup due to uniqueness policy: %s already has one%n",
                fresh.session.profile().name(), peer);
            manager.terminateIke(fresh.spi(), now);
            return;
        }
        if (initialContact || policy == UniquePolicy.REPLACE)
        {
            manager.onEveryManager(other -> other.removeDuplicates(claim, now));
        }
    }

    /**
     * Removes this manager's duplicates of a new SA, on this manager's thread.
     *
     * @param claim the new SA's claim.
     * @param now the time.
     */
    void removeDuplicates(final Claim claim, final long now)
    {
        for (final SaEntry duplicate : duplicates(claim))
        {
            if (claim.policy() == UniquePolicy.KEEP && !sameHost(duplicate, claim))
            {
                continue;
            }
            if (claim.initialContact())
            {
                log.printf("[IKE] deleting duplicate IKE_SA for peer '%s' due to INITIAL_CONTACT%n", claim.peer());
                duplicate.endedHere = true;
                duplicate.session.abandon("IKE_SA deleted: the peer restarted (INITIAL_CONTACT)");
                manager.sendFor(duplicate, List.of(), now);
            }
            else if (claim.policy() == UniquePolicy.REPLACE)
            {
                log.printf("[IKE] deleting duplicate IKE_SA for peer '%s' due to uniqueness policy%n", claim.peer());
                manager.terminateIke(duplicate.spi(), now);
            }
        }
    }

    private List<SaEntry> duplicates(final Claim claim)
    {
        return manager.entries().stream().filter(entry -> entry.spi() != claim.freshSpi() &&
            entry.session.state() == IkeSession.State.ESTABLISHED &&
            claim.peer().equals(entry.session.peerIdentity()) &&
            entry.session.profile().localId().equals(claim.local())).toList();
    }

    private static boolean sameHost(final SaEntry entry, final Claim claim)
    {
        return entry.peer.getAddress().equals(claim.freshHost());
    }
}
