package io.torii.ike.daemon;

import io.torii.dataplane.spd.TrafficSelector;
import io.torii.ike.config.ChildAction;
import io.torii.ike.config.ChildConfig;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.task.IkeSession;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What happens to a connection's tunnels over their life, beyond one IKE SA: {@code start_action} when
 * the connection is loaded, trap policies and the acquires they raise, {@code dpd_action} when the peer is
 * found dead, {@code close_action} when the peer deletes a Child or IKE SA, a restart that keeps trying
 * until the peer answers again, the dataplane's lifetime events passed to the SA that owns the child, and
 * reauthentication ({@link Reauthentication}).
 * Log lines follow charon's.
 *
 * <p>Runs on the manager's thread; the manager calls it where SAs change.
 */
final class TunnelLifecycle
{
    private final IkeSaManager manager;
    private final TrapPolicies traps;
    private final PrintStream log;
    private final Reauthentication reauthentication;
    private final List<RefusedPair> refusedPairs = new ArrayList<>();

    /**
     * How long a refused pair waits before its Delete: the answer that created it may still be on its way (it
     * waits for the dataplane's word, and a datagram may be overtaken), and a Delete that arrives first names
     * SPIs the peer does not know yet, after which the answer installs the pair anyway.
     */
    static final long REFUSED_PAIR_DELETE_DELAY_NANOS = 1_000_000_000L;

    /** A pair the dataplane refused, to delete once its SA's answers have had time to arrive. */
    private record RefusedPair(SaEntry entry, ChildSa child, long refusedAt)
    {
    }

    TunnelLifecycle(final IkeSaManager manager, final TrapPolicies traps, final SecureRandom random,
        final PrintStream log)
    {
        this.manager = manager;
        this.traps = traps;
        this.log = log;
        this.reauthentication = new Reauthentication(manager, random, log);
    }

    /**
     * An SA came up: its reauthentication is scheduled.
     *
     * @param entry the SA.
     * @param now the time.
     */
    void established(final SaEntry entry, final long now)
    {
        reauthentication.established(entry, now);
    }

    /**
     * Reauthenticates an SA from another of our addresses now: its own went, and MOBIKE cannot move it.
     *
     * @param entry the SA.
     * @param local our address to start from.
     * @param now the time.
     * @return true when the new SA is being set up.
     */
    boolean reauthenticateFrom(final SaEntry entry, final InetAddress local, final long now)
    {
        return reauthentication.startFrom(entry, local, now);
    }

    /**
     * @param now the time.
     * @return work done: reauthentications started, SAs past their over time deleted, refused pairs deleted.
     */
    int onTimer(final long now)
    {
        return reauthentication.onTimer(now) + deleteRefusedPairs(now);
    }

    /**
     * {@code start_action}: installs the traps of the children that say trap and brings up those that
     * say start (the first of them with the IKE SA, the others on it).
     *
     * @param connection a loaded connection.
     * @param now the time.
     */
    void load(final Connection connection, final long now)
    {
        for (final ChildConfig child : connection.config().children().values())
        {
            if (child.startAction().traps())
            {
                trap(connection, child.name());
            }
        }
        for (final ChildConfig child : connection.config().children().values())
        {
            if (child.startAction().starts())
            {
                final String problem = manager.createChild(connection.name(), child.name(), now);
                if (problem != null)
                {
                    log.println("[IKE] " + problem);
                }
            }
        }
    }

    /**
     * The connections were reloaded: the old ones' traps go, whatever installed them, and the new ones'
     * {@code start_action = trap} children get theirs.
     *
     * @param replaced the connections no longer in effect.
     * @param loaded the connections now in effect that this manager looks after.
     */
    void reloaded(final List<Connection> replaced, final List<Connection> loaded)
    {
        replaced.forEach(connection -> traps.removeAll(connection.name()));
        for (final Connection connection : loaded)
        {
            for (final ChildConfig child : connection.config().children().values())
            {
                if (child.startAction().traps())
                {
                    trap(connection, child.name());
                }
            }
        }
    }

    /**
     * An SA left the manager. One that was established and failed had a dead peer: {@code dpd_action}. One
     * the peer deleted: {@code close_action}. A restart that found the peer still silent: try again.
     *
     * @param entry the SA, already forgotten by the manager.
     * @param now the time.
     */
    void ended(final SaEntry entry, final long now)
    {
        negotiationsOver(entry);
        reauthentication.ended(entry, now);
        final Optional<Connection> connection = manager.connection(entry.session.profile().name());
        if (connection.isEmpty() || entry.session.superseded())
        {
            // A rekeyed SA handed its children to its successor: its end closes no tunnel.
            return;
        }
        final IkeSession.State state = entry.session.state();
        if (state == IkeSession.State.FAILED && entry.established)
        {
            act(connection.get(), entry.children, ChildConfig::dpdAction, now);
        }
        else if (state == IkeSession.State.FAILED && !entry.restartChildren.isEmpty() && peerSilent(entry))
        {
            log.printf("[IKE] peer of %s still not responding, restarting again%n", connection.get().name());
            restart(connection.get(), entry.restartChildren, now);
        }
        else if (state == IkeSession.State.CLOSED && entry.established && !entry.endedHere)
        {
            act(connection.get(), entry.children, ChildConfig::closeAction, now);
        }
    }

    /** @return true when the SA failed because the peer never answered, as the retransmissions tell. */
    private static boolean peerSilent(final SaEntry entry)
    {
        final String failure = entry.session.failure();
        return failure != null && failure.startsWith("no answer from");
    }

    /**
     * An established SA was seen again: children the peer deleted get their {@code close_action}, trap
     * negotiations that ended are cleared.
     *
     * @param entry the SA.
     * @param now the time.
     */
    void seen(final SaEntry entry, final long now)
    {
        if (entry.session.superseded())
        {
            // Its children moved to the SA that replaced it (RFC 7296 §2.18): none was closed by the peer.
            return;
        }
        final List<ChildSa> current = entry.session.children();
        final Set<String> names = current.stream().map(ChildSa::name).collect(Collectors.toCollection(
            LinkedHashSet::new));
        final Set<String> gone = new LinkedHashSet<>(entry.children);
        gone.removeAll(names);
        final Set<String> closedByPeer = new LinkedHashSet<>(gone);
        closedByPeer.removeAll(entry.closing);
        entry.closing.removeAll(gone);
        entry.children.clear();
        entry.children.addAll(names);
        final Set<Long> live = current.stream().flatMap(child -> List.of(signal(child, false), signal(child, true))
            .stream()).collect(Collectors.toSet());
        entry.lifetimeSignalled.retainAll(live);
        negotiationsOver(entry);
        reauthentication.seen(entry, now);
        final Optional<Connection> connection = manager.connection(entry.session.profile().name());
        if (connection.isEmpty())
        {
            return;
        }
        for (final String name : closedByPeer)
        {
            final ChildAction action = connection.get().childConfig(name).map(ChildConfig::closeAction)
                .orElse(ChildAction.NONE);
            if (action.traps())
            {
                trap(connection.get(), name);
            }
            if (action.starts())
            {
                log.printf("[IKE] restarting CHILD_SA %s%n", name);
                manager.createChild(entry.spi(), name, now);
            }
        }
    }

    /**
     * An acquire: a packet met a trap. Negotiates its child once, on a live IKE SA of the connection or a
     * new one; acquires that come while that negotiation runs, or after the child is up, are ignored.
     *
     * @param policyId the policy the packet met.
     * @param now the time.
     * @return true when the policy is one of this manager's traps.
     */
    boolean onAcquire(final int policyId, final long now)
    {
        final Optional<TrapPolicies.Trap> found = traps.byPolicy(policyId);
        if (found.isEmpty())
        {
            return false;
        }
        final TrapPolicies.Trap trap = found.get();
        if (trap.negotiatingSpi != TrapPolicies.NOT_NEGOTIATING)
        {
            final SaEntry negotiating = manager.entry(trap.negotiatingSpi);
            if (negotiating != null && negotiating.isLive())
            {
                return true;
            }
            trap.negotiatingSpi = TrapPolicies.NOT_NEGOTIATING;
        }
        if (upElsewhere(trap.connection, trap.child))
        {
            return true;
        }
        log.printf("[KNL] creating acquire job for CHILD_SA %s of %s (trap policy %d)%n", trap.child,
            trap.connection, policyId);
        final String problem = manager.createChild(trap.connection, trap.child, now);
        if (problem != null)
        {
            log.println("[IKE] " + problem);
            return true;
        }
        manager.entries().stream().filter(entry -> entry.isLive() &&
            entry.session.profile().name().equals(trap.connection)).findFirst()
            .ifPresent(entry -> trap.negotiatingSpi = entry.spi());
        return true;
    }

    /**
     * The dataplane says a Child SA reached a lifetime limit (a sequence number running out counts as
     * soft): the SA that owns the pair rekeys it (soft) or deletes it (hard), once per pair for each kind
     * however many of its two SAs report it.
     *
     * @param spi the SPI the dataplane named, inbound or outbound.
     * @param hard true for a hard limit.
     * @param now the time.
     * @return true when one of this manager's SAs owns the pair.
     */
    boolean onChildLifetime(final int spi, final boolean hard, final long now)
    {
        for (final SaEntry entry : manager.entries())
        {
            if (entry.session.state() != IkeSession.State.ESTABLISHED)
            {
                continue;
            }
            for (final ChildSa child : entry.session.children())
            {
                if (child.inboundSpi() == spi || child.outboundSpi() == spi)
                {
                    if (entry.lifetimeSignalled.add(signal(child, hard)))
                    {
                        log.printf("[IKE] CHILD_SA %s with SPIs %08x_i %08x_o reached its %s lifetime, %s%n",
                            child.name(), child.inboundSpi(), child.outboundSpi(), hard ? "hard" : "soft",
                            hard ? "deleting" : "rekeying");
                        if (hard)
                        {
                            entry.closing.add(child.name());
                        }
                        manager.sendFor(entry, entry.session.childLifetimeReached(spi, hard, now), now);
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The dataplane refused part of a pair: the SA that owns it deletes the pair, once however many of its
     * requests were refused, and does not start it again (a full SA table would refuse it again).
     *
     * @param inboundSpi the pair's inbound SPI.
     * @param reason what the dataplane said.
     * @param now the time.
     * @return true when one of this manager's SAs owns the pair.
     */
    boolean onChildRefused(final int inboundSpi, final String reason, final long now)
    {
        for (final SaEntry entry : manager.entries())
        {
            for (final ChildSa child : entry.session.children())
            {
                if (child.inboundSpi() == inboundSpi)
                {
                    if (entry.lifetimeSignalled.add(signal(child, true)))
                    {
                        log.printf("[IKE] the dataplane refused CHILD_SA %s with SPIs %08x_i %08x_o (%s), " +
                            "deleting it%n", child.name(), child.inboundSpi(), child.outboundSpi(), reason);
                        entry.closing.add(child.name());
                        refusedPairs.add(new RefusedPair(entry, child, now));
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Sends the Delete of each refused pair whose SA holds no answer for the dataplane any more, once
     * {@link #REFUSED_PAIR_DELETE_DELAY_NANOS} have passed since the refusal.
     */
    private int deleteRefusedPairs(final long now)
    {
        int work = 0;
        for (final Iterator<RefusedPair> pairs = refusedPairs.iterator(); pairs.hasNext();)
        {
            final RefusedPair pair = pairs.next();
            final IkeSession session = pair.entry().session;
            if (!pair.entry().isLive() || !session.children().contains(pair.child()))
            {
                pairs.remove();
            }
            else if (!session.holdingAnswer() && now - pair.refusedAt() >= REFUSED_PAIR_DELETE_DELAY_NANOS)
            {
                pairs.remove();
                manager.sendFor(pair.entry(), session.deleteChild(pair.child(), now), now);
                work++;
            }
        }
        return work;
    }

    private static long signal(final ChildSa child, final boolean hard)
    {
        return Integer.toUnsignedLong(child.inboundSpi()) << 1 | (hard ? 1 : 0);
    }

    /** Clears the trap negotiations this SA ran that are over: the child is up, refused, or the SA is gone. */
    private void negotiationsOver(final SaEntry entry)
    {
        final long spi = entry.spi();
        for (final TrapPolicies.Trap trap : traps.all())
        {
            if (trap.negotiatingSpi != spi)
            {
                continue;
            }
            final boolean up = entry.session.children().stream().anyMatch(child -> child.name().equals(trap.child));
            final boolean settled = entry.session.state() == IkeSession.State.ESTABLISHED && !entry.session.busy();
            if (up || settled || !entry.isLive())
            {
                trap.negotiatingSpi = TrapPolicies.NOT_NEGOTIATING;
            }
        }
    }

    /** Applies a DPD or close action to the children an SA had. */
    private void act(final Connection connection, final Set<String> children,
        final Function<ChildConfig, ChildAction> actionOf, final long now)
    {
        final Set<String> restart = new LinkedHashSet<>();
        for (final String name : children)
        {
            if (upElsewhere(connection.name(), name))
            {
                // The peer moved it to another IKE SA (its reauthentication deletes the old one): nothing lost.
                continue;
            }
            final ChildAction action = connection.childConfig(name).map(actionOf).orElse(ChildAction.NONE);
            if (action.traps())
            {
                trap(connection, name);
            }
            if (action.starts())
            {
                restart.add(name);
            }
        }
        if (!restart.isEmpty())
        {
            restart(connection, restart, now);
        }
    }

    /** @return true when a live IKE SA of the connection has a Child SA of that name. */
    private boolean upElsewhere(final String connection, final String child)
    {
        return manager.entries().stream().anyMatch(entry -> entry.isLive() &&
            entry.session.profile().name().equals(connection) &&
            entry.session.children().stream().anyMatch(pair -> pair.name().equals(child)));
    }

    /**
     * Brings children up again on a new IKE SA, which keeps trying while the peer stays silent. The IKE SA
     * negotiates its connection's first child in IKE_AUTH, the others after it.
     */
    private void restart(final Connection connection, final Set<String> children, final long now)
    {
        children.forEach(name -> log.printf("[IKE] restarting CHILD_SA %s%n", name));
        final SaEntry started = manager.start(connection, now);
        if (started == null)
        {
            return;
        }
        started.restartChildren.addAll(children);
        final String first = started.session.profile().child().name();
        for (final String name : children)
        {
            if (!name.equals(first))
            {
                manager.createChild(started.spi(), name, now);
            }
        }
    }

    /** Installs a child's trap: its selectors with dynamic ones resolved to the connection's addresses. */
    private void trap(final Connection connection, final String child)
    {
        final Optional<ChildConfig> config = connection.childConfig(child);
        if (config.isEmpty())
        {
            return;
        }
        final InetAddress remote = connection.remoteEndpoint().map(InetSocketAddress::getAddress).orElse(null);
        final String local = selectors(config.get().localTs(), connection.localAddress());
        final String peer = selectors(config.get().remoteTs(), remote);
        if (local.isEmpty() || peer.isEmpty())
        {
            log.printf("[CFG] cannot install trap for CHILD_SA %s: dynamic selectors without an address%n", child);
            return;
        }
        final boolean had = traps.find(connection.name(), child).isPresent();
        final Optional<TrapPolicies.Trap> trap = traps.install(connection.name(), child, local, peer);
        if (trap.isEmpty())
        {
            log.printf("[CFG] installing trap for CHILD_SA %s failed%n", child);
        }
        else if (!had)
        {
            log.printf("[CFG] installed trap for CHILD_SA %s: %s === %s%n", child, local, peer);
        }
    }

    /** @return the selectors in swanctl.conf syntax; empty when a dynamic one has no address to stand for. */
    private static String selectors(final List<TrafficSelector> selectors, final InetAddress address)
    {
        final StringBuilder text = new StringBuilder();
        for (final TrafficSelector selector : selectors)
        {
            if (selector.isDynamic() && address == null)
            {
                return "";
            }
            if (!text.isEmpty())
            {
                text.append(',');
            }
            text.append(selector.isDynamic() ? selector.resolve(address) : selector);
        }
        return text.toString();
    }
}
