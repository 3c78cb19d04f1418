package io.torii.ike.sa;

import io.torii.dataplane.spd.TrafficSelector;
import io.torii.ike.config.ChildLifetime;
import io.torii.ike.proposal.Proposal;
import java.util.List;
import java.util.Objects;

/**
 * What one Child SA is negotiated from: a swanctl.conf child.
 *
 * @param name the child's name.
 * @param espProposals our ESP proposals in preference order (with a KE group they ask for PFS, which
 *        the Child SA of IKE_AUTH never uses).
 * @param localTs our side's traffic selectors; {@code dynamic} ones stand for our IKE address.
 * @param remoteTs the peer's side; {@code dynamic} ones stand for the peer's IKE address.
 * @param transport true for transport mode, false for tunnel mode.
 * @param replayWindow the inbound replay window in packets.
 * @param lifetime when the Child SA is rekeyed and when it expires, by time, bytes and packets.
 */
public record ChildProfile(
    String name,
    List<Proposal> espProposals,
    List<TrafficSelector> localTs,
    List<TrafficSelector> remoteTs,
    boolean transport,
    int replayWindow,
    ChildLifetime lifetime)
{
    /**
     * Copies the lists.
     */
    public ChildProfile
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lifetime, "lifetime");
        espProposals = List.copyOf(espProposals);
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        if (espProposals.isEmpty() || localTs.isEmpty() || remoteTs.isEmpty())
        {
            throw new IllegalArgumentException(name + ": a child needs proposals and selectors on both sides");
        }
    }
}
