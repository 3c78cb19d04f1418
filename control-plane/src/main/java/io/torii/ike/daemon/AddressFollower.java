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
 * Our side of MOBIKE as the mobile peer (RFC 4555 §3.5): after the host's addresses changed, each
 * established IKE SA of a manager whose local address is gone, or whose peer the routing table now reaches
 * from another source address, is moved there with UPDATE_SA_ADDRESSES ({@link IkeSession#updateAddresses}),
 * keeping its port. Only the original initiator may move an IKE SA (RFC 4555 §3.5), and only with MOBIKE
 * negotiated; otherwise the SA is left as it is and a line says why (strongSwan would reauthenticate).
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
     * Checks each established SA of a manager against the host's addresses; on that manager's thread.
     *
     * @param manager the SA manager.
     * @param held the addresses the host holds now.
     * @param now the time.
     * @return how many SAs were asked to move.
     */
    int follow(final IkeSaManager manager, final Set<InetAddress> held, final long now)
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
            final Optional<InetAddress> source = routes.sourceToward(session.remote().getAddress());
            if (source.isPresent() && source.get().equals(local.getAddress()) || source.isEmpty() && stillHeld)
            {
                continue;
            }
            final String name = session.profile().name();
            if (source.isEmpty())
            {
                log.printf("[IKE] IKE_SA %s: %s is gone and no route leads to %s, waiting for one%n", name,
                    local.getAddress().getHostAddress(), session.remote().getAddress().getHostAddress());
                continue;
            }
            final InetSocketAddress target = new InetSocketAddress(source.get(), local.getPort());
            if (!session.mobikeNegotiated())
            {
                log.printf("[IKE] IKE_SA %s cannot follow the address change to %s: MOBIKE not negotiated%n",
                    name, target.getAddress().getHostAddress());
                continue;
            }
            if (!session.originalInitiator())
            {
                log.printf("[IKE] IKE_SA %s cannot follow the address change to %s: only the original " +
                    "initiator may update the addresses (RFC 4555 §3.5)%n", name,
                    target.getAddress().getHostAddress());
                continue;
            }
            log.printf("[IKE] requesting address change using MOBIKE: IKE_SA %s from %s to %s%n", name,
                local.getAddress().getHostAddress(), target.getAddress().getHostAddress());
            final List<IkeDatagram> out = session.updateAddresses(target, now);
            manager.sendFor(entry, out, now);
            moved++;
        }
        return moved;
    }
}
