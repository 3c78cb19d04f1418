package io.torii.ike.auth;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The intermediate CA certificates we send after our own in IKE_AUTH, so that a peer holding only the root
 * can build our path (RFC 7296 §3.6: the first CERT payload holds the certificate of the signing key; further
 * ones may carry the certificates that lead to a trust anchor). Starting at our certificate, the issuer of
 * each certificate is looked up among the certificates we hold (swanctl's {@code x509ca/} and {@code x509/}):
 * a CA certificate whose subject is the issuer's name and whose key verifies the signature, since a name
 * alone may belong to another key. The walk stops at a self-signed certificate, which is left out as
 * strongSwan leaves out its root (a peer must hold it to trust it anyway), at a certificate whose issuer we
 * do not hold, or after {@link #MAX_INTERMEDIATES}, so that a loop of cross-signed CAs ends.
 */
public final class IssuerChain
{
    /** The most intermediates we send: as many as {@link CertificateValidator} follows on a received path. */
    public static final int MAX_INTERMEDIATES = 8;

    private IssuerChain()
    {
    }

    /**
     * @param end our end-entity certificate.
     * @param held the certificates we hold, CA and end-entity, in any order.
     * @return the intermediates from the issuer of {@code end} upwards, without the self-signed root, at most
     *         {@link #MAX_INTERMEDIATES}; empty when {@code end} is self-signed or its issuer is not held.
     */
    public static List<X509Certificate> intermediates(final X509Certificate end,
        final Collection<X509Certificate> held)
    {
        return intermediates(end, held, MAX_INTERMEDIATES);
    }

    /** The walk with its bound as a parameter, so that tests can reach the bound with a short chain. */
    static List<X509Certificate> intermediates(final X509Certificate end, final Collection<X509Certificate> held,
        final int limit)
    {
        final List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = end;
        while (chain.size() < limit && !selfSigned(current))
        {
            final X509Certificate subject = current;
            final Optional<X509Certificate> issuer = held.stream()
                .filter(candidate -> !candidate.equals(subject) && !chain.contains(candidate) &&
                    !candidate.equals(end))
                .filter(candidate -> isCa(candidate) && issued(candidate, subject))
                .findFirst();
            if (issuer.isEmpty() || selfSigned(issuer.get()))
            {
                break;
            }
            chain.add(issuer.get());
            current = issuer.get();
        }
        return List.copyOf(chain);
    }

    private static boolean isCa(final X509Certificate certificate)
    {
        // -1 means no basicConstraints with cA set: an end entity, which cannot issue certificates.
        return certificate.getBasicConstraints() >= 0;
    }

    private static boolean selfSigned(final X509Certificate certificate)
    {
        return issued(certificate, certificate);
    }

    /** Whether {@code issuer} names the issuer of {@code certificate} and its key verifies the signature. */
    private static boolean issued(final X509Certificate issuer, final X509Certificate certificate)
    {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
        {
            return false;
        }
        try
        {
            certificate.verify(issuer.getPublicKey());
            return true;
        }
        catch (final GeneralSecurityException | RuntimeException ex)
        {
            // A key the provider cannot use for this signature is as good as a wrong key.
            return false;
        }
    }
}
