package io.torii.ike.daemon;

import io.torii.ike.net.LocalAddressSource;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A host whose addresses and routes the test sets, counting how often it was asked. */
final class FakeAddressSource implements LocalAddressSource
{
    final Set<InetAddress> held = new LinkedHashSet<>();
    /** Source address by peer; a peer missing here has no route. */
    final Map<InetAddress, InetAddress> routes = new HashMap<>();
    int polls;

    @Override
    public Set<InetAddress> addresses()
    {
        polls++;
        return Set.copyOf(held);
    }

    @Override
    public Optional<InetAddress> sourceToward(final InetAddress peer)
    {
        return Optional.ofNullable(routes.get(peer));
    }

    /** Our address moves: the old one goes, the new one comes, and the route toward a peer leaves from it. */
    void move(final InetAddress from, final InetAddress to, final InetAddress peer)
    {
        held.remove(from);
        held.add(to);
        routes.put(peer, to);
    }
}
