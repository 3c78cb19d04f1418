package io.torii.ike.auth;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Our certificate, the private key we sign AUTH with, and the intermediate CA certificates sent after it.
 *
 * @param certificate our end-entity certificate, sent in the first CERT payload.
 * @param key its private key; the JDK's key objects cannot be zeroed, so it lives as long as the profile.
 * @param intermediates the CA certificates from its issuer up to, not including, the self-signed root, in that
 *        order (see {@link IssuerChain}); each goes in a CERT payload of its own after ours.
 */
public record LocalCertificate(X509Certificate certificate, PrivateKey key, List<X509Certificate> intermediates)
{
    /** Checks that the certificate and key are there, and copies the intermediates. */
    public LocalCertificate
    {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        intermediates = List.copyOf(intermediates);
    }

    /**
     * A certificate sent alone, without intermediates.
     *
     * @param certificate our end-entity certificate.
     * @param key its private key.
     */
    public LocalCertificate(final X509Certificate certificate, final PrivateKey key)
    {
        this(certificate, key, List.of());
    }

    /** @return the subject and how many intermediates, never the key. */
    @Override
    public String toString()
    {
        return "LocalCertificate[" + DistinguishedNames.format(certificate.getSubjectX500Principal().getEncoded()) +
            ", " + key.getAlgorithm() + " key, " + intermediates.size() + " intermediates]";
    }
}
