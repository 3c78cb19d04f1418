package io.torii.dataplane.spd;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One SPD entry (RFC 4301 §4.4.1): traffic between any local and any remote selector, in one
 * direction, gets one action. Validated on construction; the lists are kept as unmodifiable copies.
 *
 * <p>A packet matches when its local address, protocol and port fall in one of the local selectors
 * and its remote address, protocol and port in one of the remote selectors: the same as matching any
 * one of the local-by-remote pairs that strongSwan installs as separate kernel policies.
 *
 * @param local selectors for this side: the source of outbound traffic, the destination of inbound.
 * @param remote selectors for the peer's side.
 * @param direction which traffic the policy applies to.
 * @param action what to do with it.
 * @param priority lower numbers are tried first, as in strongSwan and the Linux kernel; 0 or more.
 * @param tunnelId a handle the caller interprets, such as the outbound SA for {@link PolicyAction#PROTECT}.
 */
public record SecurityPolicy(
    List<TrafficSelector> local,
    List<TrafficSelector> remote,
    PolicyDirection direction,
    PolicyAction action,
    int priority,
    int tunnelId)
{
    /**
     * Checks the policy can be matched.
     *
     * @throws IllegalArgumentException saying what is wrong.
     */
    public SecurityPolicy
    {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(action, "action");
        local = List.copyOf(Objects.requireNonNull(local, "local"));
        remote = List.copyOf(Objects.requireNonNull(remote, "remote"));
        if (local.isEmpty() || remote.isEmpty())
        {
            throw new IllegalArgumentException("a policy needs at least one local and one remote selector");
        }
        if (priority < 0)
        {
            throw new IllegalArgumentException("priority must be 0 or more, got " + priority);
        }
        if (isResolved(local) && isResolved(remote) && !sharesFamily(local, remote))
        {
            throw new IllegalArgumentException("local " + local + " and remote " + remote + " have no address " +
                "family in common, so the policy could match no packet");
        }
    }

    /**
     * Builds a policy from selector lists in swanctl.conf syntax.
     *
     * @param local the local selectors, such as {@code 10.1.0.0/16, 2001:db8:1::/48}.
     * @param remote the remote selectors.
     * @param direction which traffic the policy applies to.
     * @param action what to do with it.
     * @param priority lower numbers are tried first.
     * @param tunnelId the caller's handle.
     * @return the policy.
     * @throws IllegalArgumentException when a selector or the policy is not valid.
     */
    public static SecurityPolicy of(
        final String local,
        final String remote,
        final PolicyDirection direction,
        final PolicyAction action,
        final int priority,
        final int tunnelId)
    {
        return new SecurityPolicy(TrafficSelector.parseList(local), TrafficSelector.parseList(remote), direction,
            action, priority, tunnelId);
    }

    /** @return true when no selector is dynamic, so the policy can go into a {@link PolicyTable}. */
    public boolean isResolved()
    {
        return isResolved(local) && isResolved(remote);
    }

    /**
     * @param localAddress the SA's local address, for dynamic local selectors.
     * @param remoteAddress the SA's remote address, for dynamic remote selectors.
     * @return this policy with dynamic selectors replaced by those addresses.
     */
    public SecurityPolicy resolve(final InetAddress localAddress, final InetAddress remoteAddress)
    {
        return new SecurityPolicy(resolve(local, localAddress), resolve(remote, remoteAddress), direction, action,
            priority, tunnelId);
    }

    private static List<TrafficSelector> resolve(final List<TrafficSelector> selectors, final InetAddress address)
    {
        final List<TrafficSelector> resolved = new ArrayList<>(selectors.size());
        for (final TrafficSelector selector : selectors)
        {
            resolved.add(selector.resolve(address));
        }
        return resolved;
    }

    private static boolean isResolved(final List<TrafficSelector> selectors)
    {
        for (final TrafficSelector selector : selectors)
        {
            if (selector.isDynamic())
            {
                return false;
            }
        }
        return true;
    }

    private static boolean sharesFamily(final List<TrafficSelector> local, final List<TrafficSelector> remote)
    {
        for (final TrafficSelector a : local)
        {
            for (final TrafficSelector b : remote)
            {
                if (a.family() == b.family())
                {
                    return true;
                }
            }
        }
        return false;
    }
}
