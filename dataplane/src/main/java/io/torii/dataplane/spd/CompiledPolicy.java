package io.torii.dataplane.spd;

/**
 * A policy as the table holds it: the record for the control plane, and its selectors flattened for
 * matching, with the order key (priority, then insertion).
 */
final class CompiledPolicy
{
    final int id;
    final SecurityPolicy policy;
    final PolicyAction action;
    final int tunnelId;
    final int priority;
    final long sequence;
    private final SelectorSet local;
    private final SelectorSet remote;

    CompiledPolicy(final int id, final SecurityPolicy policy, final long sequence)
    {
        this.id = id;
        this.policy = policy;
        this.action = policy.action();
        this.tunnelId = policy.tunnelId();
        this.priority = policy.priority();
        this.sequence = sequence;
        this.local = new SelectorSet(policy.local());
        this.remote = new SelectorSet(policy.remote());
    }

    /**
     * @return true when the packet goes from a local to a remote selector: outbound traffic.
     */
    boolean matchesLocalToRemote(final PacketSelectorFields packet)
    {
        return local.matches(packet.family, packet.sourceHigh, packet.sourceLow, packet.protocol,
            packet.sourcePort, packet.portsKnown) &&
            remote.matches(packet.family, packet.destinationHigh, packet.destinationLow, packet.protocol,
            packet.destinationPort, packet.portsKnown);
    }

    /**
     * @return true when the packet goes from a remote to a local selector: inbound traffic.
     */
    boolean matchesRemoteToLocal(final PacketSelectorFields packet)
    {
        return remote.matches(packet.family, packet.sourceHigh, packet.sourceLow, packet.protocol,
            packet.sourcePort, packet.portsKnown) &&
            local.matches(packet.family, packet.destinationHigh, packet.destinationLow, packet.protocol,
            packet.destinationPort, packet.portsKnown);
    }

    /** @return true when either side names ports: packets that differ only in ports may match it differently. */
    boolean constrainsPorts()
    {
        return local.constrainsPorts() || remote.constrainsPorts();
    }

    /** @return true when the remote side is one address, so the policy can be found by hash. */
    boolean hasSingleRemote()
    {
        return remote.isSingleAddress();
    }

    /** @return a value of no meaning, after loading what matching reads first. */
    long warm()
    {
        return local.warm() + remote.warm();
    }

    /** @return the local side's selectors. */
    SelectorSet localSelectors()
    {
        return local;
    }

    /** @return the remote side's selectors. */
    SelectorSet remoteSelectors()
    {
        return remote;
    }

    /** @return the hash key of the single remote address. */
    long remoteKey()
    {
        return remote.singleAddressKey();
    }

    /**
     * @return true when this policy is tried before the other.
     */
    boolean precedes(final CompiledPolicy other)
    {
        return priority < other.priority || (priority == other.priority && sequence < other.sequence);
    }
}
