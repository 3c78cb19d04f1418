package io.torii.ike.task;

import io.torii.ike.message.payload.TrafficSelector;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Traffic selectors between configuration and the wire, and their narrowing (RFC 7296 §2.9): a
 * configured selector's {@code dynamic} stands for the IKE address of its side; the responder answers
 * with the intersections of what was proposed and what it allows.
 */
final class Selectors
{
    private static final int OPAQUE_START = 0xFFFF;

    private Selectors()
    {
    }

    /**
     * @param configured selectors as configured.
     * @param ikeAddress the address {@code dynamic} stands for.
     * @return them as TS payload entries, of the IKE address's family only for dynamic ones.
     */
    static List<TrafficSelector> toWire(final List<io.torii.dataplane.spd.TrafficSelector> configured,
        final InetAddress ikeAddress)
    {
        final List<TrafficSelector> wire = new ArrayList<>();
        for (final io.torii.dataplane.spd.TrafficSelector selector : configured)
        {
            final io.torii.dataplane.spd.TrafficSelector resolved =
                selector.isDynamic() ? selector.resolve(ikeAddress) : selector;
            final boolean v4 = resolved.start() instanceof Inet4Address;
            final int startPort = resolved.isOpaquePort() ? OPAQUE_START : resolved.fromPort();
            final int endPort = resolved.isOpaquePort() ? 0 : resolved.toPort();
            wire.add(new TrafficSelector(v4 ? TrafficSelector.TS_IPV4_ADDR_RANGE : TrafficSelector.TS_IPV6_ADDR_RANGE,
                resolved.protocol(), startPort, endPort, resolved.start().getAddress(), resolved.end().getAddress()));
        }
        return wire;
    }

    /**
     * @param proposed the peer's selectors for one side.
     * @param allowed ours for that side.
     * @return every non-empty intersection of one proposed and one allowed selector, in the proposed order.
     */
    static List<TrafficSelector> narrow(final List<TrafficSelector> proposed, final List<TrafficSelector> allowed)
    {
        final List<TrafficSelector> result = new ArrayList<>();
        for (final TrafficSelector offer : proposed)
        {
            for (final TrafficSelector limit : allowed)
            {
                final TrafficSelector both = intersect(offer, limit);
                if (both != null && !result.contains(both))
                {
                    result.add(both);
                }
            }
        }
        return result;
    }

    /**
     * @param answered what the responder answered for one side.
     * @param offered what we offered for it.
     * @return true when each answered selector lies within one we offered.
     */
    static boolean within(final List<TrafficSelector> answered, final List<TrafficSelector> offered)
    {
        for (final TrafficSelector answer : answered)
        {
            boolean inside = false;
            for (final TrafficSelector offer : offered)
            {
                inside |= answer.equals(intersect(answer, offer));
            }
            if (!inside)
            {
                return false;
            }
        }
        return !answered.isEmpty();
    }

    /** @return the intersection, or null when it is empty. */
    static TrafficSelector intersect(final TrafficSelector a, final TrafficSelector b)
    {
        if (a.tsType() != b.tsType() || isOpaque(a) != isOpaque(b))
        {
            return null;
        }
        final int protocol;
        if (a.ipProtocol() == 0 || b.ipProtocol() == 0 || a.ipProtocol() == b.ipProtocol())
        {
            protocol = Math.max(a.ipProtocol(), b.ipProtocol());
        }
        else
        {
            return null;
        }
        final int startPort = isOpaque(a) ? OPAQUE_START : Math.max(a.startPort(), b.startPort());
        final int endPort = isOpaque(a) ? 0 : Math.min(a.endPort(), b.endPort());
        if (!isOpaque(a) && startPort > endPort)
        {
            return null;
        }
        final byte[] start = max(a.startAddress(), b.startAddress());
        final byte[] end = min(a.endAddress(), b.endAddress());
        if (Arrays.compareUnsigned(start, end) > 0)
        {
            return null;
        }
        return new TrafficSelector(a.tsType(), protocol, startPort, endPort, start, end);
    }

    private static boolean isOpaque(final TrafficSelector selector)
    {
        return selector.startPort() == OPAQUE_START && selector.endPort() == 0;
    }

    private static byte[] max(final byte[] a, final byte[] b)
    {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(final byte[] a, final byte[] b)
    {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
