package io.torii.ike.sa;

import io.torii.ike.config.Fragmentation;
import java.util.Objects;

/**
 * How one connection uses IKE fragmentation (RFC 7383): swanctl.conf's {@code fragmentation} and
 * strongSwan's {@code charon.fragment_size}, the largest IP datagram a fragment may make.
 *
 * @param mode swanctl.conf's {@code fragmentation}; {@link Fragmentation#FORCE} only changes IKEv1, so it
 *        behaves as {@link Fragmentation#YES}.
 * @param fragmentSize the largest IP datagram, headers included, that one fragment may make, in bytes;
 *        0 for strongSwan's per-family defaults ({@value #IPV4_FAMILY_SIZE} for IPv4, {@value #IPV6_FAMILY_SIZE}
 *        for IPv6).
 */
public record FragmentationPolicy(Fragmentation mode, int fragmentSize)
{
    /** strongSwan's {@code charon.fragment_size} default, for both address families. */
    public static final int DEFAULT_FRAGMENT_SIZE = 1280;
    /** The IPv4 size with {@code fragment_size = 0}: the datagram every IPv4 host must take (RFC 791). */
    public static final int IPV4_FAMILY_SIZE = 576;
    /** The IPv6 size with {@code fragment_size = 0}: IPv6's minimum link MTU (RFC 8200 §5). */
    public static final int IPV6_FAMILY_SIZE = 1280;
    /** Announce support and fragment what does not fit 1280 bytes: strongSwan's defaults. */
    public static final FragmentationPolicy DEFAULT = new FragmentationPolicy(Fragmentation.YES,
        DEFAULT_FRAGMENT_SIZE);

    /**
     * @throws IllegalArgumentException when the size is negative or over 65535.
     */
    public FragmentationPolicy
    {
        Objects.requireNonNull(mode, "mode");
        if (fragmentSize < 0 || fragmentSize > 0xFFFF)
        {
            throw new IllegalArgumentException("fragment_size " + fragmentSize + " is not in 0 to 65535");
        }
    }

    /** @return true when IKE_SA_INIT announces IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383 §2.3). */
    public boolean announces()
    {
        return mode != Fragmentation.NO;
    }

    /** @return true when our oversized messages go in fragments, once both sides announced support. */
    public boolean sendsFragments()
    {
        return mode == Fragmentation.YES || mode == Fragmentation.FORCE;
    }

    /**
     * @param ipv6 true for an IPv6 path.
     * @return the largest IP datagram a fragment may make on that path.
     */
    public int datagramLimit(final boolean ipv6)
    {
        if (fragmentSize != 0)
        {
            return fragmentSize;
        }
        return ipv6 ? IPV6_FAMILY_SIZE : IPV4_FAMILY_SIZE;
    }

    /**
     * @param size the new {@link #fragmentSize}.
     * @return this policy with another fragment size.
     */
    public FragmentationPolicy withFragmentSize(final int size)
    {
        return new FragmentationPolicy(mode, size);
    }
}
