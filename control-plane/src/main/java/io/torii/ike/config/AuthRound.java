package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import java.util.List;
import java.util.Objects;

/**
 * One authentication round of a connection (RFC 4739 allows several), from a
 * {@code local<suffix>} or {@code remote<suffix>} section. A local round says how we authenticate,
 * a remote round what we require of the peer. Strings that are not set are empty; their defaults
 * depend on the peer and are applied where they are used: a local {@code id} defaults to the local
 * address or the certificate's subject, {@code eap_id} and {@code xauth_id} to {@code id},
 * {@code aaa_id} to the remote identity.
 *
 * @param name the section name, such as {@code local} or {@code remote-2}.
 * @param location where the section was opened.
 * @param round the {@code round} key, by which rounds are sorted; 0 when not set.
 * @param auth the authentication method; {@link AuthMethod#PUBKEY} by default.
 * @param id the IKE identity; for a remote round {@code %any} by default, for a local one empty.
 * @param eapId the EAP identity; empty when not set.
 * @param aaaId the EAP server identity; empty when not set.
 * @param xauthId the XAuth user name; empty when not set.
 * @param certs certificate files, relative to swanctl's x509 directory or absolute.
 * @param pubkeys raw public key files, relative to the pubkey directory or absolute.
 * @param cacerts CA certificate files the peer's chain must end in (remote rounds).
 * @param caId an identity one CA of the peer's chain must have; empty when not set.
 * @param revocation the revocation policy; {@link RevocationPolicy#RELAXED} by default.
 * @param certPolicy certificate policy OIDs the peer's certificate must have.
 * @param groups authorization groups of which the peer must be in one.
 */
public record AuthRound(
    String name,
    SettingsLocation location,
    long round,
    AuthMethod auth,
    String id,
    String eapId,
    String aaaId,
    String xauthId,
    List<String> certs,
    List<String> pubkeys,
    List<String> cacerts,
    String caId,
    RevocationPolicy revocation,
    List<String> certPolicy,
    List<String> groups)
{
    /**
     * Copies the lists and checks that no part is missing.
     */
    public AuthRound
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eapId, "eapId");
        Objects.requireNonNull(aaaId, "aaaId");
        Objects.requireNonNull(xauthId, "xauthId");
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(revocation, "revocation");
        certs = List.copyOf(certs);
        pubkeys = List.copyOf(pubkeys);
        cacerts = List.copyOf(cacerts);
        certPolicy = List.copyOf(certPolicy);
        groups = List.copyOf(groups);
    }
}
