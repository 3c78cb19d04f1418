package io.torii.ike.auth;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Our certificate and the private key we sign AUTH with.
 *
 * @param certificate our end-entity certificate, sent in CERT payloads.
 * @param key its private key; the JDK's key objects cannot be zeroed, so it lives as long as the profile.
 */
public record LocalCertificate(X509Certificate certificate, PrivateKey key)
{
    /** Checks that both are there. */
    public LocalCertificate
    {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }

    /** @return the subject only, never the key. */
    @Override
    public String toString()
    {
        return "LocalCertificate[" + DistinguishedNames.format(certificate.getSubjectX500Principal().getEncoded()) +
            ", " + key.getAlgorithm() + " key]";
    }
}
