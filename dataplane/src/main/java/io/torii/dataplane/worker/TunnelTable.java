package io.torii.dataplane.worker;

import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.spd.SecurityPolicy;
import io.torii.dataplane.spd.TrafficSelector;
import java.util.Arrays;
import java.util.List;

/**
 * The tunnels one worker serves: for each, its outbound SA, the inbound SAs accepted for it (up to
 * four live at once, so a rekey loses nothing), its MTU, and the inbound policy that checks what
 * its SAs decrypt. Static tunnels get policy ids {@code 2 * tunnel} (outbound) and
 * {@code 2 * tunnel + 1} (inbound); the control plane names its own.
 *
 * <p>Owned by one worker: changes happen on its thread between bursts, so swapping a tunnel's
 * outbound SA is atomic for the packets.
 */
public final class TunnelTable
{
    /** The most inbound SAs one tunnel accepts at once. */
    public static final int MAX_INBOUND = 4;
    /** The highest tunnel id the control plane may use. */
    public static final int MAX_TUNNEL_ID = 1 << 20;
    private static final int NO_POLICY = -1;

    private final PolicyTable policies;
    /** Per tunnel, side by side so that a packet's two reads share a cache line: outbound SA slot, inner MTU. */
    private int[] outboundSlotAndMtu = new int[8 * 2];
    private int[] inboundPolicies = new int[8];
    private final int[] tunnelOfSlot;
    private int tunnels;

    /**
     * @param policies the worker's SPD, which {@link #add} fills.
     * @param saCapacity the capacity of the worker's SA table.
     */
    public TunnelTable(final PolicyTable policies, final int saCapacity)
    {
        this.policies = policies;
        this.tunnelOfSlot = new int[saCapacity];
        Arrays.fill(tunnelOfSlot, -1);
        for (int tunnel = 0; tunnel < inboundPolicies.length; tunnel++)
        {
            outboundSlotAndMtu[2 * tunnel] = SaTable.NONE;
        }
        Arrays.fill(inboundPolicies, NO_POLICY);
    }

    /**
     * Adds a tunnel whose SAs are installed, with no MTU limit.
     *
     * @param localTs selectors on this side.
     * @param remoteTs selectors on the peer's side.
     * @param outboundSlot the outbound SA's slot.
     * @param inboundSlots the inbound SAs' slots.
     * @return the tunnel's id.
     */
    public int add(final List<TrafficSelector> localTs, final List<TrafficSelector> remoteTs, final int outboundSlot,
        final int[] inboundSlots)
    {
        return add(localTs, remoteTs, outboundSlot, inboundSlots, Integer.MAX_VALUE);
    }

    /**
     * Adds a static tunnel with its two policies.
     *
     * @param innerMtu the largest cleartext packet the tunnel carries without exceeding the path MTU.
     * @return the tunnel's id.
     */
    public int add(final List<TrafficSelector> localTs, final List<TrafficSelector> remoteTs, final int outboundSlot,
        final int[] inboundSlots, final int innerMtu)
    {
        if (inboundSlots.length > MAX_INBOUND)
        {
            throw new IllegalArgumentException("at most " + MAX_INBOUND + " inbound SAs per tunnel");
        }
        final int tunnel = tunnels;
        ensure(tunnel);
        setOutbound(tunnel, outboundSlot, innerMtu);
        for (final int slot : inboundSlots)
        {
            addInbound(tunnel, slot);
        }
        policies.add(2 * tunnel, new SecurityPolicy(localTs, remoteTs, PolicyDirection.OUTBOUND, PolicyAction.PROTECT,
            100, tunnel));
        policies.add(2 * tunnel + 1, new SecurityPolicy(localTs, remoteTs, PolicyDirection.INBOUND,
            PolicyAction.PROTECT, 100, tunnel));
        inboundPolicy(tunnel, 2 * tunnel + 1);
        return tunnel;
    }

    /**
     * Adds a tunnel another worker owns: its policies, so that this worker recognises its traffic
     * and hands it over, but no SAs.
     *
     * @return the tunnel's id, the same on every worker when tunnels are added in the same order.
     */
    public int addForeign(final List<TrafficSelector> localTs, final List<TrafficSelector> remoteTs)
    {
        return add(localTs, remoteTs, SaTable.NONE, new int[0]);
    }

    /**
     * Makes room for a tunnel id the control plane chose.
     *
     * @param tunnel the id, 0 to {@link #MAX_TUNNEL_ID}.
     */
    public void ensure(final int tunnel)
    {
        if (tunnel < 0 || tunnel > MAX_TUNNEL_ID)
        {
            throw new IllegalArgumentException("tunnel id " + tunnel + " outside 0.." + MAX_TUNNEL_ID);
        }
        if (tunnel >= inboundPolicies.length)
        {
            final int length = Math.max(tunnel + 1, inboundPolicies.length * 2);
            final int from = inboundPolicies.length;
            outboundSlotAndMtu = Arrays.copyOf(outboundSlotAndMtu, 2 * length);
            inboundPolicies = Arrays.copyOf(inboundPolicies, length);
            for (int added = from; added < length; added++)
            {
                outboundSlotAndMtu[2 * added] = SaTable.NONE;
            }
            Arrays.fill(inboundPolicies, from, length, NO_POLICY);
        }
        tunnels = Math.max(tunnels, tunnel + 1);
    }

    /**
     * Makes {@code slot} the SA the tunnel sends with, from the next burst on: the make-before-break
     * step of a rekey.
     */
    public void setOutbound(final int tunnel, final int slot, final int innerMtu)
    {
        ensure(tunnel);
        outboundSlotAndMtu[2 * tunnel] = slot;
        outboundSlotAndMtu[2 * tunnel + 1] = innerMtu;
    }

    /** Accepts packets of the inbound SA in {@code slot} for the tunnel. */
    public void addInbound(final int tunnel, final int slot)
    {
        ensure(tunnel);
        tunnelOfSlot[slot] = tunnel;
    }

    /** Forgets an SA slot about to be removed, inbound or outbound. */
    public void removeSlot(final int slot)
    {
        tunnelOfSlot[slot] = -1;
        for (int tunnel = 0; tunnel < tunnels; tunnel++)
        {
            if (outboundSlotAndMtu[2 * tunnel] == slot)
            {
                outboundSlotAndMtu[2 * tunnel] = SaTable.NONE;
            }
        }
    }

    /** Names the policy that checks what the tunnel's inbound SAs decrypt. */
    public void inboundPolicy(final int tunnel, final int policyId)
    {
        ensure(tunnel);
        inboundPolicies[tunnel] = policyId;
    }

    /** @return the outbound SA slot of a tunnel, or {@link SaTable#NONE} when it has none here. */
    public int outboundSlot(final int tunnel)
    {
        return tunnel < inboundPolicies.length ? outboundSlotAndMtu[2 * tunnel] : SaTable.NONE;
    }

    /** @return the largest cleartext packet the tunnel carries whole. */
    public int innerMtu(final int tunnel)
    {
        return outboundSlotAndMtu[2 * tunnel + 1];
    }

    /** @return the tunnel an inbound SA belongs to, or -1. */
    public int tunnelOf(final int inboundSlot)
    {
        return inboundSlot == SaTable.NONE || inboundSlot >= tunnelOfSlot.length ? -1 : tunnelOfSlot[inboundSlot];
    }

    /** @return the id of the tunnel's inbound policy, or -1 when it has none. */
    public int inboundPolicyOf(final int tunnel)
    {
        return tunnel < inboundPolicies.length ? inboundPolicies[tunnel] : NO_POLICY;
    }

    /** @return one more than the highest tunnel id in use. */
    public int size()
    {
        return tunnels;
    }
}
