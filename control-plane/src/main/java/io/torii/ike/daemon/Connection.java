package io.torii.ike.daemon;

import io.torii.ike.config.ChildConfig;
import io.torii.ike.config.IkeAddress;
import io.torii.ike.config.IkeConnection;
import io.torii.ike.sa.PeerProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A loaded connection: its profile for negotiation and the addresses and ports it uses.
 *
 * @param profile what the IKE SA is negotiated from.
 * @param config the connection as swanctl.conf gave it.
 * @param localAddress our address for it: the first of {@code local_addrs} that is one address, else
 *        the daemon's default.
 */
public record Connection(PeerProfile profile, IkeConnection config, InetAddress localAddress)
{
    /** @return our IKE end: the local address and {@code local_port}. */
    public InetSocketAddress localEndpoint()
    {
        return new InetSocketAddress(localAddress, config.localPort());
    }

    /** @return the peer's IKE end when {@code remote_addrs} names one address; empty when it does not. */
    public Optional<InetSocketAddress> remoteEndpoint()
    {
        for (final IkeAddress address : config.remoteAddrs())
        {
            if (address instanceof IkeAddress.Host host)
            {
                return Optional.of(new InetSocketAddress(host.address(), config.remotePort()));
            }
        }
        return Optional.empty();
    }

    /** @return true when its first child has {@code start_action} start: initiate when loaded. */
    public boolean startsOnLoad()
    {
        return !config.children().isEmpty() && config.children().firstEntry().getValue().startAction().starts();
    }

    /**
     * @param childName one of its children's names.
     * @return that child's swanctl.conf section, if the connection has such a child.
     */
    public Optional<ChildConfig> childConfig(final String childName)
    {
        return Optional.ofNullable(config.children().get(childName));
    }

    /** @return the connection's name. */
    public String name()
    {
        return profile.name();
    }

    /**
     * @param fallback the daemon's default local address.
     * @param profile the negotiated profile.
     * @param config the connection.
     * @return the connection with its local address resolved.
     */
    static Connection of(final PeerProfile profile, final IkeConnection config, final InetAddress fallback)
    {
        for (final IkeAddress address : config.localAddrs())
        {
            if (address instanceof IkeAddress.Host host)
            {
                return new Connection(profile, config, host.address());
            }
        }
        return new Connection(profile, config, fallback);
    }
}
