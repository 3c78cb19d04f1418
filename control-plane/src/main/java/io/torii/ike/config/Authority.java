package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import java.util.List;
import java.util.Objects;

/**
 * One {@code authorities.<name>} section: a CA certificate and where to check its revocation lists.
 * Exactly one of cacert, file and handle is set; strings not set are empty.
 *
 * @param name the authority's name.
 * @param location where the section was opened.
 * @param cacert the CA certificate, relative to /etc/swanctl/x509ca or absolute.
 * @param file an absolute path the daemon reads the certificate from.
 * @param handle the hex CKA_ID of the certificate on a token.
 * @param slot the token slot, or -1 when not set.
 * @param module the PKCS#11 module name.
 * @param crlUris CRL distribution points.
 * @param ocspUris OCSP responder URIs.
 * @param certUriBase the base URI for hash-and-URL certificates (RFC 7296 §3.6).
 */
public record Authority(
    String name,
    SettingsLocation location,
    String cacert,
    String file,
    String handle,
    long slot,
    String module,
    List<String> crlUris,
    List<String> ocspUris,
    String certUriBase)
{
    /**
     * Copies the lists and checks that no part is missing.
     */
    public Authority
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(cacert, "cacert");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(module, "module");
        crlUris = List.copyOf(crlUris);
        ocspUris = List.copyOf(ocspUris);
        Objects.requireNonNull(certUriBase, "certUriBase");
    }
}
