package io.torii.dataplane.spd;

import java.util.Arrays;

/**
 * The flat part of one direction's SPD: policies whose remote side is one whole host and whose
 * local side is one address range, both for any protocol and port, that are the only policy on
 * their remote address. Such a policy is found by one probe of an open-addressing table whose
 * entries hold, inline in a {@code long[]}, everything a lookup needs: the remote address, the
 * local range, and the policy's id, action, tunnel and priority. A lookup reads one entry of 64
 * bytes (about one cache line) instead of following a hash map, a bucket array, the policy and its
 * selector arrays. Everything else stays with {@link OrderedPolicies}' general path, which this
 * index never contradicts: it holds exactly the single-policy buckets, so a hit or a miss here
 * means what the bucket would have said.
 *
 * <p>Entry layout, in longs ({@link #STRIDE} per entry, linear probing, at most half full):
 * <pre>
 *   0 remote address, high 64 bits      1 remote address, low 64 bits
 *   2 local range start, high           3 local range start, low
 *   4 local range end, high             5 local range end, low
 *   6 meta: id (bits 0-31) | remote family (32-39) | local family (40-47) | action ordinal (48-55);
 *     0 marks a free entry (families are never 0)
 *   7 tunnel id (bits 0-31) | priority (bits 32-63)
 * </pre>
 * Not thread-safe: owned by the worker that owns the table.
 */
final class HostPolicyIndex
{
    static final int STRIDE = 8;
    private static final int META = 6;
    private static final int TUNNEL_PRIORITY = 7;
    private static final int MIN_CAPACITY = 16;
    private static final PolicyAction[] ACTIONS = PolicyAction.values();

    private long[] entries = new long[MIN_CAPACITY * STRIDE];
    private CompiledPolicy[] owners = new CompiledPolicy[MIN_CAPACITY];
    private int mask = MIN_CAPACITY - 1;
    private int size;

    /** @return true when the policy's selectors fit an entry. */
    static boolean fits(final CompiledPolicy policy)
    {
        return policy.remoteSelectors().isWholeSingleAddress() && policy.localSelectors().isWholeRange();
    }

    /** Adds a policy that {@link #fits}; its remote address must not be in the index. */
    void put(final CompiledPolicy policy)
    {
        if (2 * (size + 1) > owners.length)
        {
            grow();
        }
        place(policy);
        size++;
    }

    /** Removes the entry for the policy's remote address, if there is one. */
    void remove(final CompiledPolicy policy)
    {
        final SelectorSet remote = policy.remoteSelectors();
        int slot = find(remote.family(0), remote.startHigh(0), remote.startLow(0));
        if (slot < 0)
        {
            return;
        }
        // Backward-shift deletion: pull later entries of the probe run into the gap so that no lookup
        // stops early at it.
        int next = slot;
        while (true)
        {
            next = (next + 1) & mask;
            final int base = next * STRIDE;
            if (entries[base + META] == 0)
            {
                break;
            }
            final int home = home(family(entries[base + META]), entries[base], entries[base + 1]);
            final boolean between = slot <= next ? slot < home && home <= next : slot < home || home <= next;
            if (!between)
            {
                System.arraycopy(entries, base, entries, slot * STRIDE, STRIDE);
                owners[slot] = owners[next];
                slot = next;
            }
        }
        Arrays.fill(entries, slot * STRIDE, slot * STRIDE + STRIDE, 0L);
        owners[slot] = null;
        size--;
    }

    /**
     * @return the index in {@link #entries} of the entry for this remote address, or -1.
     */
    int entryOf(final int family, final long high, final long low)
    {
        final int slot = find(family, high, low);
        return slot < 0 ? -1 : slot * STRIDE;
    }

    /**
     * @param entry an index {@link #entryOf} returned.
     * @return true when the packet's local address (the source outbound, the destination inbound) is in
     *         the entry's local range.
     */
    boolean localMatches(final int entry, final int family, final long high, final long low)
    {
        final long[] e = entries;
        return ((e[entry + META] >>> 40) & 0xFF) == family &&
            TrafficSelector.compare(e[entry + 2], e[entry + 3], high, low) <= 0 &&
            TrafficSelector.compare(high, low, e[entry + 4], e[entry + 5]) <= 0;
    }

    int id(final int entry)
    {
        return (int)entries[entry + META];
    }

    PolicyAction action(final int entry)
    {
        return ACTIONS[(int)(entries[entry + META] >>> 48) & 0xFF];
    }

    int tunnelId(final int entry)
    {
        return (int)entries[entry + TUNNEL_PRIORITY];
    }

    /** @return the policy of an entry, for the rare lookups that must compare it with the general ones. */
    CompiledPolicy policy(final int entry)
    {
        return owners[entry / STRIDE];
    }

    /**
     * Loads the entry a lookup of this address would read first, without comparing anything.
     *
     * @return a value of no meaning, for the caller to fold into a sink so the load is kept.
     */
    long warm(final int family, final long high, final long low)
    {
        final int base = home(family, high, low) * STRIDE;
        return entries[base + 1] ^ entries[base + TUNNEL_PRIORITY];
    }

    int size()
    {
        return size;
    }

    private int find(final int family, final long high, final long low)
    {
        final long[] e = entries;
        int slot = home(family, high, low);
        while (true)
        {
            final int base = slot * STRIDE;
            final long meta = e[base + META];
            if (meta == 0)
            {
                return -1;
            }
            if (e[base + 1] == low && e[base] == high && family(meta) == family)
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void place(final CompiledPolicy policy)
    {
        final SelectorSet remote = policy.remoteSelectors();
        final SelectorSet local = policy.localSelectors();
        int slot = home(remote.family(0), remote.startHigh(0), remote.startLow(0));
        while (entries[slot * STRIDE + META] != 0)
        {
            slot = (slot + 1) & mask;
        }
        final int base = slot * STRIDE;
        entries[base] = remote.startHigh(0);
        entries[base + 1] = remote.startLow(0);
        entries[base + 2] = local.startHigh(0);
        entries[base + 3] = local.startLow(0);
        entries[base + 4] = local.endHigh(0);
        entries[base + 5] = local.endLow(0);
        entries[base + META] = (policy.id & 0xFFFF_FFFFL) | (long)remote.family(0) << 32 |
            (long)local.family(0) << 40 | (long)policy.action.ordinal() << 48;
        entries[base + TUNNEL_PRIORITY] = (policy.tunnelId & 0xFFFF_FFFFL) | (long)policy.priority << 32;
        owners[slot] = policy;
    }

    private void grow()
    {
        final CompiledPolicy[] old = owners;
        final int capacity = old.length * 2;
        entries = new long[capacity * STRIDE];
        owners = new CompiledPolicy[capacity];
        mask = capacity - 1;
        for (final CompiledPolicy policy : old)
        {
            if (policy != null)
            {
                place(policy);
            }
        }
    }

    private int home(final int family, final long high, final long low)
    {
        final long mixed = SelectorSet.key(family, high, low) * 0x9E37_79B9_7F4A_7C15L;
        return (int)(mixed >>> 32 ^ mixed) & mask;
    }

    private static int family(final long meta)
    {
        return (int)(meta >>> 32) & 0xFF;
    }
}
