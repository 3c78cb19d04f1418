package io.torii.ike.daemon;

import io.torii.ike.net.IkeDatagram;
import io.torii.ike.net.LocalAddressSource;
import io.torii.ike.task.IkeSession;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Our side of MOBIKE as the mobile peer (RFC 4555 §3.5): after the host's addresses changed, and at each
 * periodic look at the routes, each established IKE SA of a manager whose local address is gone, or whose
 * peer the routing table now reaches from another source address, is moved to that source address with
 * UPDATE_SA_ADDRESSES ({@link IkeSession#updateAddresses}), keeping its port. Only the original initiator
 * may move an IKE SA (RFC 4555 §3.5), and only with MOBIKE negotiated; an SA that cannot move and whose
 * address is gone is reauthenticated from the new address instead, as strongSwan does (make-before-break,
 * {@link Reauthentication}); one whose address is still held is left as it is.
 *
 * <p>It holds no state, so one instance serves every SA manager of the daemon, each on its own thread.
 */
final class AddressFollower
{
    private final LocalAddressSource routes;
    private final PrintStream log;

    /**
     * @param routes where the source address toward a peer comes from.
     * @param log where the lines go, as charon writes them.
     */
    AddressFollower(final LocalAddressSource routes, final PrintStream log)
    {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Checks each established SA of a manager against the host's addresses and routes; on that manager's
     * thread. An SA whose address is still held is only moved when it can be (MOBIKE, original initiator)
     * and the route toward its peer now leaves from another address; one whose address is gone is moved,
     * or else reauthenticated from the new address, or else, when the addresses just changed, a line says
     * why neither can be done.
     *
     * @param manager the SA manager.
     * @param held the addresses the host holds now.
     * @param changed true when they just changed; false for a periodic look at the routes, which writes
     *        no line for SAs it cannot move.
     * @param now the time.
     * @return how many SAs were asked to move, or reauthenticated from the new address.
     */
    int follow(final IkeSaManager manager, final Set<InetAddress> held, final boolean changed, final long now)
    {
        int moved = 0;
        for (final SaEntry entry : manager.entries())
        {
            final IkeSession session = entry.session;
            if (session.state() != IkeSession.State.ESTABLISHED || session.superseded())
            {
                continue;
            }
            final InetSocketAddress local = session.local();
            final boolean stillHeld = held.contains(local.getAddress());
            final boolean movable = session.mobikeNegotiated() && session.originalInitiator();
            if (stillHeld && !movable)
            {
                // It keeps working from where it is; there is nothing it could do anyway.
                continue;
            }
            final Optional<InetAddress> source = routes.sourceToward(session.remote().getAddress());
            if (source.isPresent() && source.get().equals(local.getAddress()) || source.isEmpty() && stillHeld)
            {
                continue;
            }
            if (movable && source.isPresent())
            {
                moved += move(manager, entry, new InetSocketAddress(source.get(), local.getPort()), now);
            }
            else if (source.isPresent() && !stillHeld && manager.reauthenticateFrom(entry, source.get(), now))
            {
                log.printf("[IKE] IKE_SA %s cannot follow the address change from %s with MOBIKE (%s), " +
                    "reauthenticating from %s%n", session.profile().name(), local.getAddress().getHostAddress(),
                    whyNot(session, source), source.get().getHostAddress());
                moved++;
            }
            else if (changed)
            {
                log.printf("[IKE] IKE_SA %s cannot follow the address change from %s: %s%n",
                    session.profile().name(), local.getAddress().getHostAddress(), whyNot(session, source));
            }
        }
        return moved;
    }

    private int move(final IkeSaManager manager, final SaEntry entry, final InetSocketAddress target,
        final long now)
    {
        final IkeSession session = entry.session;
        log.printf("[IKE] requesting address change using MOBIKE: IKE_SA %s from %s to %s%n",
            session.profile().name(), session.local().getAddress().getHostAddress(),
            target.getAddress().getHostAddress());
        final List<IkeDatagram> out = session.updateAddresses(target, now);
        manager.sendFor(entry, out, now);
        return 1;
    }

    private static String whyNot(final IkeSession session, final Optional<InetAddress> source)
    {
        if (!session.mobikeNegotiated())
        {
            return "MOBIKE not negotiated";
        }
        if (!session.originalInitiator())
        {
            return "only the original initiator may update the addresses (RFC 4555 §3.5)";
        }
        return "no route leads to " + session.remote().getAddress().getHostAddress() + " (waiting for one)";
    }
}
