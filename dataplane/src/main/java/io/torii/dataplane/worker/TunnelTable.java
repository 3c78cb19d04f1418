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
 * The tunnels one worker serves: for each, its outbound SA, its inbound SAs (up to four live at
 * once, so a rekey loses nothing) and the two policies that tie traffic to them. Policy ids are
 * {@code 2 * tunnel} (outbound) and {@code 2 * tunnel + 1} (inbound, for the check after
 * decryption).
 */
public final class TunnelTable
{
    /** The most inbound SAs one tunnel accepts at once. */
    public static final int MAX_INBOUND = 4;

    private final PolicyTable policies;
    private int[] outboundSlots = new int[8];
    private int[] innerMtus = new int[8];
    private int[] tunnelOfSlot;
    private int tunnels;

    /**
     * @param policies the worker's SPD, which this table fills.
     * @param saCapacity the capacity of the worker's SA table.
     */
    public TunnelTable(final PolicyTable policies, final int saCapacity)
    {
        this.policies = policies;
        this.tunnelOfSlot = new int[saCapacity];
        Arrays.fill(tunnelOfSlot, -1);
    }

    /**
     * Adds a tunnel whose SAs are installed.
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
     * @param innerMtu the largest cleartext packet the tunnel carries without exceeding the path MTU.
     */
    public int add(final List<TrafficSelector> localTs, final List<TrafficSelector> remoteTs, final int outboundSlot,
        final int[] inboundSlots, final int innerMtu)
    {
        if (inboundSlots.length > MAX_INBOUND)
        {
            throw new IllegalArgumentException("at most " + MAX_INBOUND + " inbound SAs per tunnel");
        }
        final int tunnel = tunnels++;
        if (tunnel >= outboundSlots.length)
        {
            outboundSlots = Arrays.copyOf(outboundSlots, outboundSlots.length * 2);
            innerMtus = Arrays.copyOf(innerMtus, innerMtus.length * 2);
        }
        outboundSlots[tunnel] = outboundSlot;
        innerMtus[tunnel] = innerMtu;
        for (final int slot : inboundSlots)
        {
            tunnelOfSlot[slot] = tunnel;
        }
        policies.add(2 * tunnel, new SecurityPolicy(localTs, remoteTs, PolicyDirection.OUTBOUND, PolicyAction.PROTECT,
            100, tunnel));
        policies.add(2 * tunnel + 1, new SecurityPolicy(localTs, remoteTs, PolicyDirection.INBOUND,
            PolicyAction.PROTECT, 100, tunnel));
        return tunnel;
    }

    /**
     * Adds a tunnel another worker owns: its policies, so that this worker recognises its traffic
     * and hands it over, but no SAs.
     *
     * @param localTs selectors on this side.
     * @param remoteTs selectors on the peer's side.
     * @return the tunnel's id, the same on every worker when tunnels are added in the same order.
     */
    public int addForeign(final List<TrafficSelector> localTs, final List<TrafficSelector> remoteTs)
    {
        return add(localTs, remoteTs, SaTable.NONE, new int[0]);
    }

    /** @return the outbound SA slot of a tunnel, or {@link SaTable#NONE} when another worker owns it. */
    public int outboundSlot(final int tunnel)
    {
        return outboundSlots[tunnel];
    }

    /** @return the largest cleartext packet the tunnel carries whole. */
    public int innerMtu(final int tunnel)
    {
        return innerMtus[tunnel];
    }

    /** @return the tunnel an inbound SA belongs to, or -1. */
    public int tunnelOf(final int inboundSlot)
    {
        return inboundSlot == SaTable.NONE || inboundSlot >= tunnelOfSlot.length ? -1 : tunnelOfSlot[inboundSlot];
    }

    /** @return the id of a tunnel's inbound policy. */
    public static int inboundPolicy(final int tunnel)
    {
        return 2 * tunnel + 1;
    }

    /** @return how many tunnels there are. */
    public int size()
    {
        return tunnels;
    }
}
