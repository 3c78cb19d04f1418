package io.torii.ike.auth;

import io.torii.ike.config.RevocationPolicy;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a peer's certificate is checked against.
 *
 * @param anchors the CA certificates the peer's chain must end in: the remote round's {@code cacerts}, or
 *        every loaded CA certificate when it names none.
 * @param intermediates CA certificates that may sit between the peer's certificate and an anchor.
 * @param pinned the remote round's {@code certs}: when set, the peer must authenticate with one of them.
 * @param local end-entity certificates loaded from {@code x509/}: trusted as they are, and used when a
 *        peer sends no certificate.
 * @param crls the CRLs loaded from {@code x509crl/}.
 * @param revocation the remote round's revocation policy.
 */
public record PeerTrust(
    List<X509Certificate> anchors,
    List<X509Certificate> intermediates,
    List<X509Certificate> pinned,
    List<X509Certificate> local,
    List<X509CRL> crls,
    RevocationPolicy revocation)
{
    /** Copies the lists. */
    public PeerTrust
    {
        anchors = List.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
        pinned = List.copyOf(pinned);
        local = List.copyOf(local);
        crls = List.copyOf(crls);
        Objects.requireNonNull(revocation, "revocation");
    }
}
