package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * One {@code connections.<conn>} section: how to set up an IKE_SA with a peer, how both sides
 * authenticate, and the children to negotiate under it. Keys Torii does not implement (aggressive
 * mode, push mode, mediation, virtual IPs, pools, PPK, XFRM interface IDs) are not held here; the
 * reader warns about them instead.
 *
 * @param name the connection's name.
 * @param location where the section was opened.
 * @param version 0 (IKEv2, strongSwan would also answer IKEv1) or 2.
 * @param localAddrs local addresses to use; {@code %any} by default.
 * @param remoteAddrs remote addresses to accept or initiate to; {@code %any} by default.
 * @param localPort the local IKE port; 500 by default.
 * @param remotePort the remote IKE port; 500 by default.
 * @param proposals IKE proposal strings, not interpreted here; {@code default} by default.
 * @param dscp the six-bit DSCP of outgoing IKE packets; 0 by default.
 * @param encap whether to force UDP encapsulation by faking NAT detection; no by default.
 * @param mobike whether to offer MOBIKE (RFC 4555); yes by default.
 * @param dpdDelay how long without traffic before checking the peer is alive; zero (never) by default.
 * @param dpdTimeout IKEv1 only, kept for completeness; zero by default.
 * @param fragmentation IKE fragmentation; yes by default.
 * @param childless childless IKE_SA initiation; allow by default.
 * @param sendCertreq whether to send certificate requests; yes by default.
 * @param sendCert when to send certificates; ifasked by default.
 * @param keyingtries how many times to retry the initial exchange, 0 for forever; 1 by default.
 * @param unique the uniqueness policy; no by default.
 * @param lifetime rekey, reauth, over and rand times.
 * @param localAuth the local authentication rounds, in order; one default pubkey round if none given.
 * @param remoteAuth the remote authentication rounds, in order; one default pubkey round if none given.
 * @param children the children by name, in file order.
 * @param allowWeak Torii's {@code allow_weak} (not a swanctl.conf key): whether this connection's IKE and
 *        ESP proposals may use algorithms Torii refuses as weak by default; no by default.
 */
public record IkeConnection(
    String name,
    SettingsLocation location,
    int version,
    List<IkeAddress> localAddrs,
    List<IkeAddress> remoteAddrs,
    int localPort,
    int remotePort,
    List<String> proposals,
    int dscp,
    boolean encap,
    boolean mobike,
    Duration dpdDelay,
    Duration dpdTimeout,
    Fragmentation fragmentation,
    ChildlessMode childless,
    boolean sendCertreq,
    SendCertPolicy sendCert,
    long keyingtries,
    UniquePolicy unique,
    IkeLifetime lifetime,
    List<AuthRound> localAuth,
    List<AuthRound> remoteAuth,
    SequencedMap<String, ChildConfig> children,
    boolean allowWeak)
{
    /** The IKE port (RFC 7296 §2). */
    public static final int IKE_PORT = 500;

    /**
     * Copies the lists and the map and checks that no part is missing.
     */
    public IkeConnection
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        proposals = List.copyOf(proposals);
        Objects.requireNonNull(dpdDelay, "dpdDelay");
        Objects.requireNonNull(dpdTimeout, "dpdTimeout");
        Objects.requireNonNull(fragmentation, "fragmentation");
        Objects.requireNonNull(childless, "childless");
        Objects.requireNonNull(sendCert, "sendCert");
        Objects.requireNonNull(unique, "unique");
        Objects.requireNonNull(lifetime, "lifetime");
        localAuth = List.copyOf(localAuth);
        remoteAuth = List.copyOf(remoteAuth);
        children = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(children));
    }
}
