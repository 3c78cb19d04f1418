package io.torii.dataplane.spd;

/**
 * A one-entry cache of the last lookup: bursts of one flow (the common case behind a tunnel) skip
 * the scan, and while no policy names ports, so do all the flows between two addresses. It keys on
 * every field the match reads, so a hit returns what a scan would; the table clears it whenever a
 * policy is added or removed.
 */
final class LastMatch
{
    private boolean valid;
    private int family;
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
    private int protocol;
    private int sourcePort;
    private int destinationPort;
    private boolean portsKnown;
    private final PolicyMatch result = new PolicyMatch();
    private long hits;

    /**
     * @param portsMatter false when no policy of the table names ports, so that ports (and whether they
     *        are known) cannot change the answer.
     * @return true when the packet has the same selector fields as the stored lookup.
     */
    boolean matches(final PacketSelectorFields packet, final boolean portsMatter)
    {
        final boolean hit = valid && family == packet.family && sourceLow == packet.sourceLow &&
            destinationLow == packet.destinationLow && sourceHigh == packet.sourceHigh &&
            destinationHigh == packet.destinationHigh && protocol == packet.protocol &&
            (!portsMatter || portsKnown == packet.portsKnown && sourcePort == packet.sourcePort &&
            destinationPort == packet.destinationPort);
        if (hit)
        {
            hits++;
        }
        return hit;
    }

    /** @return the stored lookup's answer, whose id is {@link PolicyTable#NONE} when it matched none. */
    PolicyMatch result()
    {
        return result;
    }

    void store(final PacketSelectorFields packet, final PolicyMatch match)
    {
        valid = true;
        family = packet.family;
        sourceHigh = packet.sourceHigh;
        sourceLow = packet.sourceLow;
        destinationHigh = packet.destinationHigh;
        destinationLow = packet.destinationLow;
        protocol = packet.protocol;
        sourcePort = packet.sourcePort;
        destinationPort = packet.destinationPort;
        portsKnown = packet.portsKnown;
        result.set(match);
    }

    void clear()
    {
        valid = false;
        result.none();
    }

    long hits()
    {
        return hits;
    }
}
