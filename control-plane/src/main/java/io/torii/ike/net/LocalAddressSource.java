package io.torii.ike.net;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * What the host's network stack says about our own addresses: which ones the interfaces hold now, and
 * which one the routing table would send from toward a peer. The daemon's address monitor asks it once a
 * second, and tests replace it with one whose answers they set.
 */
public interface LocalAddressSource
{
    /**
     * @return the addresses the host's interfaces hold now, loopback included; an empty set when they
     *         cannot be read (the caller treats that as "no change", not as every address gone).
     */
    Set<InetAddress> addresses();

    /**
     * @param peer a peer's address.
     * @return the source address the host would use toward it now; empty when there is no route.
     */
    Optional<InetAddress> sourceToward(InetAddress peer);
}
