package io.torii.dataplane.spd;

import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The Security Policy Database of one worker (RFC 4301 §4.4.1): policies by the caller's id, tried
 * in order of priority (lower first, as in strongSwan and the Linux kernel), then of insertion.
 * IPv4 and IPv6 policies share the table. Not thread-safe: each worker owns its own copy.
 *
 * <p>Lookups allocate nothing. They read the packet's addresses, protocol and ports, then scan the
 * direction's policies in order: O(P x S) for P policies of S selectors each, fine for the tens
 * of policies a gateway usually has. A one-entry cache per direction returns the last answer again
 * in O(1) while packets of one flow follow each other. An index (such as a tree over address
 * ranges) is the step to take when thousands of policies must be searched.
 *
 * <p>Ports of fragments after the first cannot be read, so such packets match only selectors whose
 * ports are any or OPAQUE: RFC 4301 §7's handling of non-initial fragments, simplified to never
 * keeping per-datagram state. Protocols without ports are matched the same way. Packets that are
 * not well-formed IP, and first fragments too short for their ports, match no policy; callers drop
 * them as they drop traffic no policy covers.
 */
public final class PolicyTable
{
    /** What lookups return when no policy matches. */
    public static final int NONE = -1;

    private final Int2ObjectHashMap<CompiledPolicy> byId = new Int2ObjectHashMap<>();
    private final OrderedPolicies outbound = new OrderedPolicies();
    private final OrderedPolicies inbound = new OrderedPolicies();
    private final LastMatch lastOutbound = new LastMatch();
    private final LastMatch lastInbound = new LastMatch();
    private final PacketSelectorFields packet = new PacketSelectorFields();
    private final PolicyMatch found = new PolicyMatch();
    private long nextSequence;

    /**
     * Adds a policy after those of the same priority.
     *
     * @param id the caller's handle for it, 0 or more, not in the table yet; lookups return it.
     * @param policy the policy; every dynamic selector must be resolved first.
     * @throws IllegalArgumentException when the id is negative or taken, or a selector is dynamic.
     */
    public void add(final int id, final SecurityPolicy policy)
    {
        Objects.requireNonNull(policy, "policy");
        if (id < 0)
        {
            throw new IllegalArgumentException("policy id must be 0 or more, got " + id);
        }
        if (byId.containsKey(id))
        {
            throw new IllegalArgumentException("policy id " + id + " is already in the table; remove it first");
        }
        final CompiledPolicy compiled = new CompiledPolicy(id, policy, nextSequence++);
        byId.put(id, compiled);
        ordered(policy.direction()).insert(compiled);
        clearCaches();
    }

    /**
     * @param id a policy's handle.
     * @return true when it was in the table and is now gone.
     */
    public boolean remove(final int id)
    {
        final CompiledPolicy compiled = byId.remove(id);
        if (compiled == null)
        {
            return false;
        }
        ordered(compiled.policy.direction()).remove(compiled);
        clearCaches();
        return true;
    }

    /** Removes every policy, as a flush from the control plane does. */
    public void clear()
    {
        for (final int id : byId.keySet().stream().mapToInt(Integer::intValue).toArray())
        {
            remove(id);
        }
    }

    /** @return how many policies the table holds. */
    public int size()
    {
        return byId.size();
    }

    /**
     * @param id a policy's handle.
     * @return the policy, or null when the id is not in the table.
     */
    public SecurityPolicy policy(final int id)
    {
        final CompiledPolicy compiled = byId.get(id);
        return compiled == null ? null : compiled.policy;
    }

    /**
     * @param id a handle a lookup returned.
     * @return the policy's action, or null when the id is not in the table.
     */
    public PolicyAction action(final int id)
    {
        final CompiledPolicy compiled = byId.get(id);
        return compiled == null ? null : compiled.action;
    }

    /**
     * @param id a handle a lookup returned.
     * @return the policy's tunnel handle, or {@link #NONE} when the id is not in the table.
     */
    public int tunnelId(final int id)
    {
        final CompiledPolicy compiled = byId.get(id);
        return compiled == null ? NONE : compiled.tunnelId;
    }

    /**
     * Finds the outbound policy for a cleartext packet leaving through the gateway: its source is
     * matched against local selectors, its destination against remote ones.
     *
     * @param buffer the packet's bytes.
     * @param ipOffset where its IP header starts.
     * @param length bytes from there; bytes after the IP length are ignored.
     * @return the first matching outbound policy's id, or {@link #NONE}.
     */
    public int lookupOutbound(final DirectBuffer buffer, final int ipOffset, final int length)
    {
        return lookup(outbound, lastOutbound, true, buffer, ipOffset, length);
    }

    /**
     * Reads what {@link #lookupOutbound} of this packet will read first, without matching: call it for
     * every packet of a burst before looking any of them up, and the cache misses of the whole burst
     * overlap instead of following one another (with many tunnels each lookup misses the cache).
     *
     * @return a value of no meaning, for the caller to fold into a sink so the loads are kept.
     */
    public int warmOutbound(final DirectBuffer buffer, final int ipOffset, final int length)
    {
        return packet.read(buffer, ipOffset, length) ? outbound.warm(packet, true) : 0;
    }

    /**
     * @return true when the outbound SPD has grown past what stays in a core's cache, so that a
     *         {@link #warmOutbound} pass over a burst saves more misses than its extra parse costs
     *         (about a tenth of a small packet's path when everything is cached).
     */
    public boolean outboundWorthWarming()
    {
        return outbound.worthWarming();
    }

    /**
     * Finds the inbound policy for a packet that arrived without IPsec (RFC 4301 §5.2): its source is
     * matched against remote selectors, its destination against local ones. A PROTECT answer means
     * the traffic should have come through an SA and is to be dropped.
     *
     * @param buffer the packet's bytes.
     * @param ipOffset where its IP header starts.
     * @param length bytes from there.
     * @return the first matching inbound policy's id, or {@link #NONE}.
     */
    public int lookupInbound(final DirectBuffer buffer, final int ipOffset, final int length)
    {
        return lookup(inbound, lastInbound, false, buffer, ipOffset, length);
    }

    /**
     * Checks that a packet decrypted from an SA is one that SA may carry (RFC 4301 §5.2, step 4): its
     * source in the policy's remote selectors, its destination in the local ones. The direction and
     * action of the policy are not consulted; pass the policy the SA was negotiated for.
     *
     * @param id the SA's policy handle.
     * @param buffer the inner packet's bytes.
     * @param ipOffset where its IP header starts.
     * @param length bytes from there.
     * @return true when it matches; false when it does not, is not well-formed, or the id is unknown.
     */
    public boolean allowsInbound(final int id, final DirectBuffer buffer, final int ipOffset, final int length)
    {
        final CompiledPolicy compiled = byId.get(id);
        return compiled != null && packet.read(buffer, ipOffset, length) && compiled.matchesRemoteToLocal(packet);
    }

    /**
     * @return the action of the policy the last {@link #lookupOutbound} or {@link #lookupInbound} found,
     *         or null when it found none: the same as {@link #action(int)} of its id, without a search by id.
     */
    public PolicyAction lastAction()
    {
        return found.action;
    }

    /**
     * @return the tunnel handle of the policy the last lookup found, or {@link #NONE} when it found none:
     *         the same as {@link #tunnelId(int)} of its id, without a search by id.
     */
    public int lastTunnelId()
    {
        return found.tunnelId;
    }

    /**
     * Loads what {@link #allowsInbound} of this policy reads first, without matching: call it for every
     * packet of a burst before checking any, so that with many tunnels the cache misses overlap.
     *
     * @param id a policy's handle.
     * @return a value of no meaning, for the caller to fold into a sink so the loads are kept.
     */
    public long warmPolicy(final int id)
    {
        final CompiledPolicy compiled = byId.get(id);
        return compiled == null ? 0 : compiled.warm();
    }

    /** @return outbound lookups answered from the last-match cache, since the table was made. */
    public long outboundCacheHits()
    {
        return lastOutbound.hits();
    }

    private int lookup(
        final OrderedPolicies policies,
        final LastMatch last,
        final boolean localToRemote,
        final DirectBuffer buffer,
        final int ipOffset,
        final int length)
    {
        if (!packet.read(buffer, ipOffset, length))
        {
            found.none();
            return NONE;
        }
        // With no policy naming ports, every flow between two addresses finds the same policy: the many
        // flows of one tunnel share the cached answer instead of each missing it.
        if (last.matches(packet, policies.anyConstrainsPorts()))
        {
            found.set(last.result());
        }
        else
        {
            policies.find(packet, localToRemote, found);
            last.store(packet, found);
        }
        return found.id;
    }

    private OrderedPolicies ordered(final PolicyDirection direction)
    {
        return direction == PolicyDirection.OUTBOUND ? outbound : inbound;
    }

    private void clearCaches()
    {
        lastOutbound.clear();
        lastInbound.clear();
    }
}
