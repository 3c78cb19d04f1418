package io.torii.ike.sa;

import io.torii.ike.auth.CertificateAuth;
import io.torii.ike.config.IkeLifetime;
import io.torii.ike.config.UniquePolicy;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.SelectionPreference;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one IKE SA with a peer is negotiated from: a swanctl.conf connection with its first child, its
 * proposals parsed, its identities read, and its pre-shared key or certificates looked up.
 *
 * @param name the connection's name.
 * @param ikeProposals our IKE proposals in preference order.
 * @param localId the identity we send.
 * @param remoteId the identity we accept from the peer; may be {@link IkeIdentity#ANY_IDENTITY}.
 * @param psk the pre-shared key, copied, empty when neither side uses one; the profile zeroes its copy in
 *        {@link #destroy()}.
 * @param child the Child SA set up with the IKE SA.
 * @param retransmit when to retransmit and give up.
 * @param forceEncapsulation swanctl.conf's {@code encap}: send NAT detection data that makes the peer see
 *        a NAT, so that ESP goes in UDP whatever the path (strongSwan fakes NAT-D the same way).
 * @param children every child of the connection, {@code child} first: those CREATE_CHILD_SA may set up.
 * @param dpdDelay swanctl.conf's {@code dpd_delay}: how long the peer may stay silent before a liveness
 *        check; zero for none.
 * @param certificates how each side authenticates with certificates; {@link CertificateAuth#NONE} for PSK.
 * @param fragmentation whether IKE messages go in fragments (RFC 7383), and how large those may be.
 * @param preference whose proposal order decides when we respond: strongSwan's daemon-wide
 *        {@code prefer_configured_proposals}, {@link SelectionPreference#CONFIGURED} by default.
 * @param lifetime when the IKE SA is rekeyed or reauthenticated, and how long it may outlive that.
 * @param mobike swanctl.conf's {@code mobike}: whether to announce and accept MOBIKE (RFC 4555).
 * @param unique swanctl.conf's {@code unique}: what to do with older IKE SAs of the same peer identity,
 *        and whether to send INITIAL_CONTACT ({@link UniquePolicy#NEVER} sends none).
 */
public record PeerProfile(
    String name,
    List<Proposal> ikeProposals,
    IkeIdentity localId,
    IkeIdentity remoteId,
    byte[] psk,
    ChildProfile child,
    RetransmitSchedule retransmit,
    boolean forceEncapsulation,
    List<ChildProfile> children,
    Duration dpdDelay,
    CertificateAuth certificates,
    FragmentationPolicy fragmentation,
    SelectionPreference preference,
    IkeLifetime lifetime,
    boolean mobike,
    UniquePolicy unique)
{
    /**
     * Copies the lists and the key.
     */
    public PeerProfile
    {
        Objects.requireNonNull(child, "child");
        children = children.isEmpty() ? List.of(child) : List.copyOf(children);
        if (!children.getFirst().equals(child))
        {
            throw new IllegalArgumentException(name + ": the first of the children is the IKE_AUTH child");
        }
        Objects.requireNonNull(dpdDelay, "dpdDelay");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(fragmentation, "fragmentation");
        Objects.requireNonNull(preference, "preference");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(unique, "unique");
        Objects.requireNonNull(name, "name");
        ikeProposals = List.copyOf(ikeProposals);
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(remoteId, "remoteId");
        psk = Objects.requireNonNull(psk, "psk").clone();
        Objects.requireNonNull(retransmit, "retransmit");
        if (localId.isAny())
        {
            throw new IllegalArgumentException(name + ": the local identity cannot be %any");
        }
    }

    /**
     * @param childName a child's name.
     * @return that child of the connection, if it has one.
     */
    public Optional<ChildProfile> child(final String childName)
    {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst();
    }

    /** @return a copy of the pre-shared key; the caller zeroes it. */
    @Override
    public byte[] psk()
    {
        return psk.clone();
    }

    /**
     * @return this profile forcing UDP encapsulation, as a gateway whose ESP can only travel in UDP needs.
     */
    public PeerProfile withForcedEncapsulation()
    {
        return with(true, fragmentation, preference);
    }

    /**
     * @param size the largest IP datagram an IKE fragment may make (strongSwan's {@code charon.fragment_size});
     *        0 for the per-family defaults.
     * @return this profile with that fragment size, for the daemon's setting.
     */
    public PeerProfile withFragmentSize(final int size)
    {
        return with(forceEncapsulation, fragmentation.withFragmentSize(size), preference);
    }

    /**
     * @param selectionPreference whose proposal order decides when we respond.
     * @return this profile with that preference.
     */
    public PeerProfile withPreference(final SelectionPreference selectionPreference)
    {
        return with(forceEncapsulation, fragmentation, selectionPreference);
    }

    private PeerProfile with(final boolean encapsulation, final FragmentationPolicy fragmentationPolicy,
        final SelectionPreference selectionPreference)
    {
        final byte[] key = psk.clone();
        try
        {
            return new PeerProfile(name, ikeProposals, localId, remoteId, key, child, retransmit, encapsulation,
                children, dpdDelay, certificates, fragmentationPolicy, selectionPreference, lifetime, mobike, unique);
        }
        finally
        {
            Arrays.fill(key, (byte)0);
        }
    }

    /** Zeroes the profile's copy of the pre-shared key. */
    public void destroy()
    {
        Arrays.fill(psk, (byte)0);
    }

    @Override
    public boolean equals(final Object other)
    {
        return this == other;
    }

    @Override
    public int hashCode()
    {
        return System.identityHashCode(this);
    }

    @Override
    public String toString()
    {
        return "PeerProfile[" + name + " " + localId + " <-> " + remoteId + ", child " + child.name() + "]";
    }
}
