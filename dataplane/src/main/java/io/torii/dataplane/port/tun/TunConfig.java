package io.torii.dataplane.port.tun;

import java.nio.charset.StandardCharsets;

/**
 * How to open a {@link TunPort}.
 *
 * @param name the interface to create or attach to, 1 to 15 ASCII characters without '/', ':' or
 *        white space; one {@code %d} lets the kernel number it ({@code torii%d}).
 * @param mtu the MTU to set, or 0 to leave the kernel's (1500). Packets longer than a batch's
 *        {@code maxPacket} cannot be received, so keep it at most that.
 * @param up whether to bring the link up. Addresses and routes are the caller's ({@code ip}).
 * @param multiQueue IFF_MULTI_QUEUE: the device takes one queue per worker, and every queue,
 *        the first included, must be opened with it.
 * @param namespace the network namespace to create the device in (a name made by
 *        {@code ip netns} or a path), or null for this process's.
 */
public record TunConfig(String name, int mtu, boolean up, boolean multiQueue, String namespace)
{
    /** Longest interface name in bytes: the kernel's IFNAMSIZ less the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 15;
    /** Largest MTU an IP packet allows. */
    public static final int MAX_MTU = 65535;

    /**
     * @throws IllegalArgumentException for a name that is empty, too long or has characters the
     *         kernel refuses, or an MTU out of range.
     */
    public TunConfig
    {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_LENGTH ||
            !isPlain(name))
        {
            throw new IllegalArgumentException("TUN name '" + name + "': expected 1 to " + MAX_NAME_LENGTH +
                " ASCII characters without '/', ':' or white space");
        }
        if (mtu < 0 || mtu > MAX_MTU)
        {
            throw new IllegalArgumentException("TUN MTU " + mtu + "; expected 0 (leave it) to " + MAX_MTU);
        }
    }

    /**
     * @param name the interface name.
     * @return a single-queue device of that name, brought up, MTU left as is, in this process's
     *         namespace.
     */
    public static TunConfig of(final String name)
    {
        return new TunConfig(name, 0, true, false, null);
    }

    /** @return this configuration with an MTU to set (0: leave it). */
    public TunConfig withMtu(final int newMtu)
    {
        return new TunConfig(name, newMtu, up, multiQueue, namespace);
    }

    /** @return this configuration bringing the link up or not. */
    public TunConfig withUp(final boolean bringUp)
    {
        return new TunConfig(name, mtu, bringUp, multiQueue, namespace);
    }

    /** @return this configuration with IFF_MULTI_QUEUE on or off. */
    public TunConfig withMultiQueue(final boolean multi)
    {
        return new TunConfig(name, mtu, up, multi, namespace);
    }

    /** @return this configuration in another network namespace. */
    public TunConfig inNamespace(final String networkNamespace)
    {
        return new TunConfig(name, mtu, up, multiQueue, networkNamespace);
    }

    private static boolean isPlain(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '/' || c == ':')
            {
                return false;
            }
        }
        return true;
    }
}
