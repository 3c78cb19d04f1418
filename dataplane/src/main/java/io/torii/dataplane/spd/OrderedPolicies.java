package io.torii.dataplane.spd;

import java.util.Arrays;

/**
 * The policies of one direction in the order they are tried: priority, then insertion. Adding and
 * removing shift the array (control-plane work); finding is a linear scan that allocates nothing.
 */
final class OrderedPolicies
{
    private CompiledPolicy[] entries = new CompiledPolicy[8];
    private int size;

    void insert(final CompiledPolicy policy)
    {
        if (size == entries.length)
        {
            entries = Arrays.copyOf(entries, size * 2);
        }
        int at = size;
        while (at > 0 && policy.precedes(entries[at - 1]))
        {
            at--;
        }
        System.arraycopy(entries, at, entries, at + 1, size - at);
        entries[at] = policy;
        size++;
    }

    void remove(final CompiledPolicy policy)
    {
        for (int i = 0; i < size; i++)
        {
            if (entries[i] == policy)
            {
                System.arraycopy(entries, i + 1, entries, i, size - i - 1);
                entries[--size] = null;
                return;
            }
        }
    }

    /**
     * @param packet the packet's selector fields.
     * @param localToRemote true for outbound traffic, false for inbound (sides swapped).
     * @return the first matching policy, or null.
     */
    CompiledPolicy find(final PacketSelectorFields packet, final boolean localToRemote)
    {
        for (int i = 0; i < size; i++)
        {
            final CompiledPolicy policy = entries[i];
            if (localToRemote ? policy.matchesLocalToRemote(packet) : policy.matchesRemoteToLocal(packet))
            {
                return policy;
            }
        }
        return null;
    }

    int size()
    {
        return size;
    }
}
