package io.torii.dataplane.port.udp;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How to open a {@link UdpEspPort}.
 *
 * @param local the address to bind (the wildcard of its family for all of the host's) and the
 *        port, normally {@link #DEFAULT_PORT}; 0 lets the kernel pick one.
 * @param receiveBufferBytes SO_RCVBUF, or 0 for the system default. Set per socket because a
 *        network namespace cannot raise {@code net.core.rmem_default}; as root the FORCE variant
 *        also passes {@code rmem_max}.
 * @param sendBufferBytes SO_SNDBUF, or 0 for the system default.
 * @param reuseAddress whether to set SO_REUSEADDR.
 * @param namespace the network namespace to open the socket in (a name made by {@code ip netns}
 *        or a path), or null for this process's.
 */
public record UdpPortConfig(
    InetSocketAddress local,
    int receiveBufferBytes,
    int sendBufferBytes,
    boolean reuseAddress,
    String namespace)
{
    /** The NAT-T port (RFC 3948 section 2.1), where IKE and UDP-encapsulated ESP share a socket. */
    public static final int DEFAULT_PORT = 4500;
    /** Socket buffers when nothing else is configured: room for a few thousand packets. */
    public static final int DEFAULT_BUFFER_BYTES = 4 * 1024 * 1024;

    /**
     * @throws IllegalArgumentException for a missing or unresolved address or negative buffer sizes.
     */
    public UdpPortConfig
    {
        if (local == null || local.isUnresolved())
        {
            throw new IllegalArgumentException("UDP port needs a local IP address and port, got " + local);
        }
        if (receiveBufferBytes < 0 || sendBufferBytes < 0)
        {
            throw new IllegalArgumentException("socket buffers " + receiveBufferBytes + "/" + sendBufferBytes +
                " bytes; expected 0 (system default) or more");
        }
    }

    /**
     * @param address the local address.
     * @return a configuration for {@code address} port {@link #DEFAULT_PORT}, buffers of
     *         {@link #DEFAULT_BUFFER_BYTES}, no SO_REUSEADDR, in this process's namespace.
     */
    public static UdpPortConfig of(final InetAddress address)
    {
        return new UdpPortConfig(
            new InetSocketAddress(address, DEFAULT_PORT), DEFAULT_BUFFER_BYTES, DEFAULT_BUFFER_BYTES, false, null);
    }

    /** @return this configuration on another port. */
    public UdpPortConfig withPort(final int port)
    {
        return new UdpPortConfig(new InetSocketAddress(local.getAddress(), port), receiveBufferBytes, sendBufferBytes,
            reuseAddress, namespace);
    }

    /** @return this configuration with other socket buffer sizes. */
    public UdpPortConfig withBuffers(final int receiveBytes, final int sendBytes)
    {
        return new UdpPortConfig(local, receiveBytes, sendBytes, reuseAddress, namespace);
    }

    /** @return this configuration with SO_REUSEADDR on or off. */
    public UdpPortConfig withReuseAddress(final boolean reuse)
    {
        return new UdpPortConfig(local, receiveBufferBytes, sendBufferBytes, reuse, namespace);
    }

    /** @return this configuration in another network namespace. */
    public UdpPortConfig inNamespace(final String networkNamespace)
    {
        return new UdpPortConfig(local, receiveBufferBytes, sendBufferBytes, reuseAddress, networkNamespace);
    }
}
