package io.torii.dataplane.spd;

import java.util.Arrays;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The policies of one direction in the order they are tried: priority, then insertion. Policies
 * whose remote side is one address sit in a hash on that address, the others in an ordered array;
 * finding consults both and allocates nothing. A remote address with one host-or-range policy alone
 * is also in a flat {@link HostPolicyIndex}, which answers for it in one probe. Adding and removing
 * are control-plane work.
 */
final class OrderedPolicies
{
    /** 4,096 host entries take at most 512 KiB of index, about what a core's L2 keeps. */
    static final int WARM_FROM_ADDRESSES = 4096;

    private CompiledPolicy[] general = new CompiledPolicy[8];
    private int generalSize;
    private final Long2ObjectHashMap<CompiledPolicy[]> byRemoteAddress = new Long2ObjectHashMap<>();
    private final HostPolicyIndex hosts = new HostPolicyIndex();
    private int size;
    private int portConstrained;

    void insert(final CompiledPolicy policy)
    {
        portConstrained += policy.constrainsPorts() ? 1 : 0;
        if (policy.hasSingleRemote())
        {
            final CompiledPolicy[] bucket = byRemoteAddress.get(policy.remoteKey());
            unindex(bucket);
            final CompiledPolicy[] grown = insertSorted(bucket == null ? new CompiledPolicy[0] : bucket,
                bucket == null ? 0 : bucket.length, policy, true);
            byRemoteAddress.put(policy.remoteKey(), grown);
            index(grown);
        }
        else
        {
            if (generalSize == general.length)
            {
                general = Arrays.copyOf(general, generalSize * 2);
            }
            insertSorted(general, generalSize, policy, false);
            generalSize++;
        }
        size++;
    }

    /** Inserts in precedence order; with {@code grow}, into a copy one longer, which it returns. */
    private static CompiledPolicy[] insertSorted(final CompiledPolicy[] array, final int length,
        final CompiledPolicy policy, final boolean grow)
    {
        final CompiledPolicy[] target = grow ? Arrays.copyOf(array, length + 1) : array;
        int at = length;
        while (at > 0 && policy.precedes(target[at - 1]))
        {
            at--;
        }
        System.arraycopy(target, at, target, at + 1, length - at);
        target[at] = policy;
        return target;
    }

    void remove(final CompiledPolicy policy)
    {
        if (policy.hasSingleRemote())
        {
            final CompiledPolicy[] bucket = byRemoteAddress.get(policy.remoteKey());
            if (bucket != null)
            {
                unindex(bucket);
                final CompiledPolicy[] rest = Arrays.stream(bucket).filter(p -> p != policy)
                    .toArray(CompiledPolicy[]::new);
                if (rest.length < bucket.length)
                {
                    size--;
                    portConstrained -= policy.constrainsPorts() ? 1 : 0;
                }
                if (rest.length == 0)
                {
                    byRemoteAddress.remove(policy.remoteKey());
                }
                else
                {
                    byRemoteAddress.put(policy.remoteKey(), rest);
                    index(rest);
                }
            }
            return;
        }
        for (int i = 0; i < generalSize; i++)
        {
            if (general[i] == policy)
            {
                System.arraycopy(general, i + 1, general, i, generalSize - i - 1);
                general[--generalSize] = null;
                size--;
                portConstrained -= policy.constrainsPorts() ? 1 : 0;
                return;
            }
        }
    }

    /**
     * @return true when some policy names ports: only then can two packets that differ in nothing but
     *         their ports (flows of one tunnel) find different policies.
     */
    boolean anyConstrainsPorts()
    {
        return portConstrained > 0;
    }

    /** The flat index holds a bucket exactly when it is one policy that fits an entry. */
    private void index(final CompiledPolicy[] bucket)
    {
        if (bucket.length == 1 && HostPolicyIndex.fits(bucket[0]))
        {
            hosts.put(bucket[0]);
        }
    }

    private void unindex(final CompiledPolicy[] bucket)
    {
        if (bucket != null && bucket.length == 1 && HostPolicyIndex.fits(bucket[0]))
        {
            hosts.remove(bucket[0]);
        }
    }

    /**
     * Finds the first policy in precedence order that matches, as {@link #find(PacketSelectorFields,
     * boolean)}, answering from the flat index when it holds the packet's remote address.
     *
     * @param packet the packet's selector fields.
     * @param localToRemote true for outbound traffic, false for inbound (sides swapped).
     * @param result set to the first matching policy, or to none.
     */
    void find(final PacketSelectorFields packet, final boolean localToRemote, final PolicyMatch result)
    {
        final int family = packet.family;
        final long remoteHigh = localToRemote ? packet.destinationHigh : packet.sourceHigh;
        final long remoteLow = localToRemote ? packet.destinationLow : packet.sourceLow;
        final int entry = hosts.entryOf(family, remoteHigh, remoteLow);
        if (entry < 0)
        {
            result.set(find(packet, localToRemote));
            return;
        }
        final boolean hit = localToRemote ?
            hosts.localMatches(entry, family, packet.sourceHigh, packet.sourceLow) :
            hosts.localMatches(entry, family, packet.destinationHigh, packet.destinationLow);
        if (generalSize == 0)
        {
            if (hit)
            {
                result.set(hosts.id(entry), hosts.action(entry), hosts.tunnelId(entry));
            }
            else
            {
                result.none();
            }
            return;
        }
        // The bucket's answer is the entry's policy or nothing; the general policies tried before it decide.
        result.set(firstGeneral(hit ? hosts.policy(entry) : null, packet, localToRemote));
    }

    /**
     * The first policy in precedence order that matches. Policies whose remote side is one address
     * are found through a hash on the packet's remote address, the rest by a scan in precedence
     * order; the better of the two answers wins, so the order is that of one ordered list. With many
     * tunnels of host selectors a lookup costs a hash probe, not a scan.
     *
     * @param packet the packet's selector fields.
     * @param localToRemote true for outbound traffic, false for inbound (sides swapped).
     * @return the first matching policy, or null.
     */
    CompiledPolicy find(final PacketSelectorFields packet, final boolean localToRemote)
    {
        CompiledPolicy best = null;
        final long key = localToRemote ?
            SelectorSet.key(packet.family, packet.destinationHigh, packet.destinationLow) :
            SelectorSet.key(packet.family, packet.sourceHigh, packet.sourceLow);
        final CompiledPolicy[] bucket = byRemoteAddress.get(key);
        if (bucket != null)
        {
            for (final CompiledPolicy policy : bucket)
            {
                if (matches(policy, packet, localToRemote))
                {
                    best = policy;
                    break;
                }
            }
        }
        return firstGeneral(best, packet, localToRemote);
    }

    /** @return the first general policy that precedes {@code best} and matches, or else {@code best}. */
    private CompiledPolicy firstGeneral(final CompiledPolicy best, final PacketSelectorFields packet,
        final boolean localToRemote)
    {
        for (int i = 0; i < generalSize; i++)
        {
            final CompiledPolicy policy = general[i];
            if (best != null && !policy.precedes(best))
            {
                break;
            }
            if (matches(policy, packet, localToRemote))
            {
                return policy;
            }
        }
        return best;
    }

    /**
     * @return true past {@value #WARM_FROM_ADDRESSES} remote addresses: below, the host index (64 bytes an
     *         entry, at most half full) and the buckets stay in a core's cache and a {@link #warm} pass is
     *         only a second parse of each packet.
     */
    boolean worthWarming()
    {
        // A host-index entry's policy is in its bucket too: the buckets count every remote address once.
        return byRemoteAddress.size() > WARM_FROM_ADDRESSES;
    }

    /**
     * Reads, without matching, the hash entry and first policy a {@link #find} of this packet would
     * read first: independent of the other packets of a burst, these loads overlap their cache misses.
     *
     * @return a value of no meaning, for the caller to fold into a sink so the loads are kept.
     */
    int warm(final PacketSelectorFields packet, final boolean localToRemote)
    {
        if (hosts.size() > 0)
        {
            return (int)(localToRemote ? hosts.warm(packet.family, packet.destinationHigh, packet.destinationLow) :
                hosts.warm(packet.family, packet.sourceHigh, packet.sourceLow));
        }
        final long key = localToRemote ?
            SelectorSet.key(packet.family, packet.destinationHigh, packet.destinationLow) :
            SelectorSet.key(packet.family, packet.sourceHigh, packet.sourceLow);
        final CompiledPolicy[] bucket = byRemoteAddress.get(key);
        return bucket == null ? 0 : bucket[0].id;
    }

    private static boolean matches(final CompiledPolicy policy, final PacketSelectorFields packet,
        final boolean localToRemote)
    {
        return localToRemote ? policy.matchesLocalToRemote(packet) : policy.matchesRemoteToLocal(packet);
    }

    int size()
    {
        return size;
    }
}
