package io.torii.dataplane.port.raw;

import io.torii.dataplane.packet.IpProtocols;
import java.net.InetAddress;

/**
 * How to open a {@link RawEspPort}.
 *
 * @param local the address to bind (only packets to it arrive; it is the source of what leaves),
 *        or the wildcard of its family for all of the host's; its family is the port's IP version.
 * @param protocol {@link IpProtocols#ESP} or {@link IpProtocols#AH}.
 * @param receiveBufferBytes SO_RCVBUF, or 0 for the system default (a namespace cannot raise
 *        {@code net.core.rmem_default}, so set it here).
 * @param sendBufferBytes SO_SNDBUF, or 0 for the system default.
 * @param namespace the network namespace to open the socket in (a name made by {@code ip netns}
 *        or a path), or null for this process's.
 */
public record RawPortConfig(
    InetAddress local,
    int protocol,
    int receiveBufferBytes,
    int sendBufferBytes,
    String namespace)
{
    /** Socket buffers when nothing else is configured: room for a few thousand packets. */
    public static final int DEFAULT_BUFFER_BYTES = 4 * 1024 * 1024;

    /**
     * @throws IllegalArgumentException for a missing address, a protocol other than ESP or AH, or
     *         negative buffer sizes.
     */
    public RawPortConfig
    {
        if (local == null)
        {
            throw new IllegalArgumentException("raw port needs a local address (the wildcard for all)");
        }
        if (protocol != IpProtocols.ESP && protocol != IpProtocols.AH)
        {
            throw new IllegalArgumentException("raw port protocol " + protocol + "; expected " + IpProtocols.ESP +
                " (ESP) or " + IpProtocols.AH + " (AH)");
        }
        if (receiveBufferBytes < 0 || sendBufferBytes < 0)
        {
            throw new IllegalArgumentException("socket buffers " + receiveBufferBytes + "/" + sendBufferBytes +
                " bytes; expected 0 (system default) or more");
        }
    }

    /**
     * @return a configuration for {@code protocol} on {@code address}, buffers of
     *         {@link #DEFAULT_BUFFER_BYTES}, in this process's namespace.
     */
    public static RawPortConfig of(final InetAddress address, final int protocol)
    {
        return new RawPortConfig(address, protocol, DEFAULT_BUFFER_BYTES, DEFAULT_BUFFER_BYTES, null);
    }

    /** @return this configuration with other socket buffer sizes. */
    public RawPortConfig withBuffers(final int receiveBytes, final int sendBytes)
    {
        return new RawPortConfig(local, protocol, receiveBytes, sendBytes, namespace);
    }

    /** @return this configuration in another network namespace. */
    public RawPortConfig inNamespace(final String networkNamespace)
    {
        return new RawPortConfig(local, protocol, receiveBufferBytes, sendBufferBytes, networkNamespace);
    }
}
