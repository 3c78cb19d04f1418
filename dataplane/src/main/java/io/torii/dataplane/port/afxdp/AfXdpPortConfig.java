package io.torii.dataplane.port.afxdp;

import io.torii.nativeshim.XdpAttachMode;
import io.torii.nativeshim.XskSocket;
import java.time.Duration;

/**
 * How to open an {@link AfXdpPort}.
 *
 * @param interfaceName the interface, such as {@code eth0}.
 * @param queue the receive queue this port's socket binds to.
 * @param mode where the XDP program attaches (when the port attaches it itself).
 * @param zeroCopy bind with XDP_ZEROCOPY instead of XDP_COPY (veth supports only copy).
 * @param frames UMEM frames of the socket, a power of two from 64 to 32768.
 * @param neighbourRefresh how often the next hops' MAC addresses are read again from the kernel.
 * @param namespace the network namespace (a name made by {@code ip netns} or a path), or null.
 */
public record AfXdpPortConfig(
    String interfaceName,
    int queue,
    XdpAttachMode mode,
    boolean zeroCopy,
    int frames,
    Duration neighbourRefresh,
    String namespace)
{
    /** How often next hops are refreshed when nothing else is configured. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

    /**
     * @throws IllegalArgumentException for a missing interface, a negative queue, a frame count
     *         that is not a power of two from 64 to 32768, or a refresh under 10 ms.
     */
    public AfXdpPortConfig
    {
        if (interfaceName == null || interfaceName.isBlank())
        {
            throw new IllegalArgumentException("AF_XDP port needs an interface");
        }
        if (queue < 0)
        {
            throw new IllegalArgumentException("queue " + queue + " is negative");
        }
        if (frames < 64 || frames > 32768 || Integer.bitCount(frames) != 1)
        {
            throw new IllegalArgumentException("UMEM of " + frames + " frames; expected a power of two, 64 to 32768");
        }
        if (neighbourRefresh == null || neighbourRefresh.toMillis() < 10)
        {
            throw new IllegalArgumentException("neighbour refresh " + neighbourRefresh + "; expected 10 ms or more");
        }
    }

    /**
     * @param interfaceName the interface.
     * @return queue 0, native attach falling back to generic, copy bind, {@link XskSocket#DEFAULT_FRAMES}
     *         frames, refreshed every {@link #DEFAULT_REFRESH}, in this process's namespace.
     */
    public static AfXdpPortConfig of(final String interfaceName)
    {
        return new AfXdpPortConfig(interfaceName, 0, XdpAttachMode.AUTO, false, XskSocket.DEFAULT_FRAMES,
            DEFAULT_REFRESH, null);
    }

    /** @return this configuration on another queue. */
    public AfXdpPortConfig withQueue(final int receiveQueue)
    {
        return new AfXdpPortConfig(interfaceName, receiveQueue, mode, zeroCopy, frames, neighbourRefresh, namespace);
    }

    /** @return this configuration with another attach mode and bind. */
    public AfXdpPortConfig withModes(final XdpAttachMode attachMode, final boolean zeroCopyBind)
    {
        return new AfXdpPortConfig(interfaceName, queue, attachMode, zeroCopyBind, frames, neighbourRefresh, namespace);
    }

    /** @return this configuration with another UMEM size: a power of two, 64 to 32768 frames. */
    public AfXdpPortConfig withFrames(final int umemFrames)
    {
        return new AfXdpPortConfig(interfaceName, queue, mode, zeroCopy, umemFrames, neighbourRefresh, namespace);
    }

    /** @return this configuration in another network namespace. */
    public AfXdpPortConfig inNamespace(final String networkNamespace)
    {
        return new AfXdpPortConfig(interfaceName, queue, mode, zeroCopy, frames, neighbourRefresh, networkNamespace);
    }
}
