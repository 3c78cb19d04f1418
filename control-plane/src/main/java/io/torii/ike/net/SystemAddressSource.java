package io.torii.ike.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The host's own answers: addresses from {@link NetworkInterface}, and the source toward a peer from the
 * kernel's route lookup, made by connecting an unbound UDP socket to the peer (connect sends nothing; the
 * kernel picks the route and binds the socket to that route's source, which is then read back). No
 * outside program runs, so a check costs one socket and a system call or two.
 */
public final class SystemAddressSource implements LocalAddressSource
{
    /** Any port will do for the route lookup: connecting a UDP socket sends nothing. */
    private static final int LOOKUP_PORT = 9;

    @Override
    public Set<InetAddress> addresses()
    {
        final Set<InetAddress> addresses = new HashSet<>();
        try
        {
            final Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements())
            {
                final Enumeration<InetAddress> held = interfaces.nextElement().getInetAddresses();
                while (held.hasMoreElements())
                {
                    addresses.add(withoutScope(held.nextElement()));
                }
            }
        }
        catch (final SocketException ex)
        {
            // The interfaces could not be listed this time: an empty answer means "ask again later".
            return Set.of();
        }
        return addresses;
    }

    /** An IKE SA's end carries no IPv6 scope: compare the bare address, as the sessions hold it. */
    private static InetAddress withoutScope(final InetAddress address)
    {
        if (!(address instanceof Inet6Address))
        {
            return address;
        }
        try
        {
            return InetAddress.getByAddress(address.getAddress());
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("16 bytes are an IPv6 address", ex);
        }
    }

    @Override
    public Optional<InetAddress> sourceToward(final InetAddress peer)
    {
        try (DatagramChannel channel = DatagramChannel.open(peer instanceof Inet6Address ?
            StandardProtocolFamily.INET6 : StandardProtocolFamily.INET))
        {
            channel.connect(new InetSocketAddress(peer, LOOKUP_PORT));
            final InetAddress source = withoutScope(((InetSocketAddress)channel.getLocalAddress()).getAddress());
            return source.isAnyLocalAddress() ? Optional.empty() : Optional.of(source);
        }
        catch (final IOException ex)
        {
            // ENETUNREACH and the like: no route toward the peer from here now.
            return Optional.empty();
        }
    }
}
