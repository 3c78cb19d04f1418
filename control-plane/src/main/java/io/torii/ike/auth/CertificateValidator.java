package io.torii.ike.auth;

import io.torii.ike.config.RevocationPolicy;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a peer's certificate chain as strongSwan's credential manager does: the chain is built from
 * the peer's certificate through the intermediates it sent or we hold up to one of the trusted CA
 * certificates, then checked by the JDK's PKIX validator (signatures, validity at the given time, basic
 * constraints and path lengths, CA key usage, critical extensions), then against the CRLs loaded from
 * files, each CRL's signature checked with its issuer's key. Revocation follows swanctl's {@code
 * revocation}: {@code relaxed} and {@code ifuri} fail only on a certificate a CRL lists, {@code strict} also
 * when no CRL of its issuer is loaded. The end certificate, when it has key usage, must allow signatures.
 */
public final class CertificateValidator
{
    private static final int MAX_PATH = 8;
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private CertificateValidator()
    {
    }

    /**
     * @param end the peer's certificate.
     * @param intermediates CA certificates the peer sent or we hold, in any order.
     * @param anchors the CA certificates we trust for this peer.
     * @param crls the CRLs loaded from files.
     * @param revocation the remote round's revocation policy.
     * @param now the time to check validity at.
     * @return the path from the end certificate to its trust anchor (included), or why it is not valid.
     */
    public static CredentialResult<List<X509Certificate>> validate(final X509Certificate end,
        final Collection<X509Certificate> intermediates, final Collection<X509Certificate> anchors,
        final Collection<X509CRL> crls, final RevocationPolicy revocation, final Date now)
    {
        final String subject = DistinguishedNames.format(end.getSubjectX500Principal().getEncoded());
        if (anchors.isEmpty())
        {
            return CredentialResult.refused("no trusted CA certificate is loaded to validate \"" + subject + "\"");
        }
        try
        {
            end.checkValidity(now);
        }
        catch (final CertificateExpiredException ex)
        {
            return CredentialResult.refused("certificate \"" + subject + "\" expired on " + end.getNotAfter());
        }
        catch (final CertificateNotYetValidException ex)
        {
            return CredentialResult.refused("certificate \"" + subject + "\" is not valid before " +
                end.getNotBefore());
        }
        final boolean[] keyUsage = end.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE] && !keyUsage[NON_REPUDIATION])
        {
            return CredentialResult.refused("certificate \"" + subject + "\" has key usage without digitalSignature");
        }
        final List<X509Certificate> path = new ArrayList<>(List.of(end));
        Optional<X509Certificate> anchor = issuerAmong(end, anchors);
        while (anchor.isEmpty() && path.size() < MAX_PATH)
        {
            final Optional<X509Certificate> next = issuerAmong(path.getLast(), intermediates)
                .filter(ca -> !path.contains(ca));
            if (next.isEmpty())
            {
                return CredentialResult.refused("certificate \"" + subject + "\" does not chain up to a trusted CA " +
                    "(no issuer \"" + DistinguishedNames.format(path.getLast().getIssuerX500Principal().getEncoded()) +
                    "\" among the trusted CAs)");
            }
            path.add(next.get());
            anchor = issuerAmong(next.get(), anchors);
        }
        if (anchor.isEmpty())
        {
            return CredentialResult.refused("certificate \"" + subject + "\" has a chain longer than " + MAX_PATH);
        }
        final Optional<String> pkix = pkix(path, anchor.get(), now);
        if (pkix.isPresent())
        {
            return CredentialResult.refused("certificate \"" + subject + "\": " + pkix.get());
        }
        final List<X509Certificate> full = new ArrayList<>(path);
        full.add(anchor.get());
        final Optional<String> revoked = revocation(full, crls, revocation);
        return revoked.isEmpty() ? CredentialResult.ok(List.copyOf(full)) : CredentialResult.refused(revoked.get());
    }

    /** The first certificate among candidates that issued {@code certificate} (its key verifies the signature). */
    private static Optional<X509Certificate> issuerAmong(final X509Certificate certificate,
        final Collection<X509Certificate> candidates)
    {
        for (final X509Certificate candidate : candidates)
        {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) &&
                signedBy(certificate, candidate))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean signedBy(final X509Certificate certificate, final X509Certificate issuer)
    {
        try
        {
            certificate.verify(issuer.getPublicKey());
            return true;
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /** @return why PKIX rejects the path, or empty when it accepts it. */
    private static Optional<String> pkix(final List<X509Certificate> path, final X509Certificate anchor,
        final Date now)
    {
        try
        {
            final CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            final PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return Optional.empty();
        }
        catch (final CertPathValidatorException ex)
        {
            final int index = ex.getIndex();
            final String which = index >= 0 && index < path.size() ? " at \"" +
                DistinguishedNames.format(path.get(index).getSubjectX500Principal().getEncoded()) + "\"" : "";
            return Optional.of("chain rejected" + which + ": " + ex.getReason() + " (" + ex.getMessage() + ")");
        }
        catch (final GeneralSecurityException ex)
        {
            return Optional.of("chain cannot be validated: " + ex.getMessage());
        }
    }

    /** @return why a certificate of the path counts as revoked, or empty when none does. */
    private static Optional<String> revocation(final List<X509Certificate> path,
        final Collection<X509CRL> crls, final RevocationPolicy policy)
    {
        for (int i = 0; i + 1 < path.size(); i++)
        {
            final X509Certificate certificate = path.get(i);
            final X509Certificate issuer = path.get(i + 1);
            boolean checked = false;
            for (final X509CRL crl : crls)
            {
                if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || !crlSignedBy(crl, issuer))
                {
                    continue;
                }
                checked = true;
                if (crl.isRevoked(certificate))
                {
                    final var entry = crl.getRevokedCertificate(certificate);
                    return Optional.of("certificate \"" +
                        DistinguishedNames.format(certificate.getSubjectX500Principal().getEncoded()) + "\" (serial " +
                        certificate.getSerialNumber().toString(16) + ") was revoked on " +
                        entry.getRevocationDate() + " by the CRL of \"" +
                        DistinguishedNames.format(issuer.getSubjectX500Principal().getEncoded()) + "\"");
                }
            }
            if (!checked && policy == RevocationPolicy.STRICT)
            {
                return Optional.of("revocation = strict and no CRL of \"" +
                    DistinguishedNames.format(issuer.getSubjectX500Principal().getEncoded()) + "\" is loaded");
            }
        }
        return Optional.empty();
    }

    private static boolean crlSignedBy(final X509CRL crl, final X509Certificate issuer)
    {
        try
        {
            crl.verify(issuer.getPublicKey());
            return true;
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }
}
