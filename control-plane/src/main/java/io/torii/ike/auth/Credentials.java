package io.torii.ike.auth;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials swanctl would load from the folders beside swanctl.conf: end-entity certificates
 * ({@code x509/}), CA certificates ({@code x509ca/} and the {@code authorities} section), private keys
 * ({@code private/}, {@code rsa/}, {@code ecdsa/}, {@code pkcs8/}) and CRLs ({@code x509crl/}).
 * Certificates are kept by their file's absolute path, so that a connection's {@code certs} and
 * {@code cacerts} can name them relative to their folder or absolutely, as in swanctl.conf.
 *
 * @param directory the swanctl directory, the folder of swanctl.conf.
 * @param certificates the certificates of {@code x509/} by absolute path.
 * @param caCertificates the CA certificates of {@code x509ca/} and the authorities by absolute path.
 * @param privateKeys the private keys that could be read.
 * @param crls the CRLs of {@code x509crl/}.
 */
public record Credentials(
    Path directory,
    Map<Path, X509Certificate> certificates,
    Map<Path, X509Certificate> caCertificates,
    List<PrivateKey> privateKeys,
    List<X509CRL> crls)
{
    /** Folder of end-entity certificates. */
    public static final String X509 = "x509";
    /** Folder of CA certificates. */
    public static final String X509CA = "x509ca";
    /** Folder of CRLs. */
    public static final String X509CRL = "x509crl";
    /** Folders of private keys, in the order swanctl loads them. */
    public static final List<String> KEY_FOLDERS = List.of("private", "rsa", "ecdsa", "pkcs8");

    private static final byte[] KEY_PROBE = "torii: does this key belong to this certificate?"
        .getBytes(StandardCharsets.US_ASCII);

    /**
     * Copies the maps and lists.
     */
    public Credentials
    {
        directory = directory.toAbsolutePath().normalize();
        certificates = Collections.unmodifiableMap(new LinkedHashMap<>(certificates));
        caCertificates = Collections.unmodifiableMap(new LinkedHashMap<>(caCertificates));
        privateKeys = List.copyOf(privateKeys);
        crls = List.copyOf(crls);
    }

    /**
     * @param directory where swanctl.conf is.
     * @return no credentials at all: pre-shared keys only.
     */
    public static Credentials none(final Path directory)
    {
        return new Credentials(directory, Map.of(), Map.of(), List.of(), List.of());
    }

    /**
     * @param file a {@code certs} entry: relative to {@code x509/} or absolute.
     * @return the certificate loaded from it.
     */
    public Optional<X509Certificate> certificate(final String file)
    {
        return Optional.ofNullable(certificates.get(resolve(X509, file)));
    }

    /**
     * @param file a {@code cacerts} entry: relative to {@code x509ca/} or absolute.
     * @return the CA certificate loaded from it.
     */
    public Optional<X509Certificate> caCertificate(final String file)
    {
        return Optional.ofNullable(caCertificates.get(resolve(X509CA, file)));
    }

    /**
     * @param folder the folder a relative name is in.
     * @param file a file name from swanctl.conf.
     * @return its absolute, normalised path.
     */
    public Path resolve(final String folder, final String file)
    {
        return directory.resolve(folder).resolve(file).toAbsolutePath().normalize();
    }

    /**
     * @param certificate a certificate of ours.
     * @return the loaded private key whose signatures its public key verifies.
     */
    public Optional<PrivateKey> privateKeyFor(final X509Certificate certificate)
    {
        final SignatureScheme.KeyFamily family = SignatureScheme.KeyFamily.of(certificate.getPublicKey());
        for (final PrivateKey key : privateKeys)
        {
            if (family != null && family == SignatureScheme.KeyFamily.of(key) && belongs(key, certificate))
            {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static boolean belongs(final PrivateKey key, final X509Certificate certificate)
    {
        final String algorithm = switch (SignatureScheme.KeyFamily.of(key))
        {
            case RSA -> "SHA256withRSA";
            case EC -> "SHA256withECDSA";
            case ED25519 -> "Ed25519";
        };
        try
        {
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(KEY_PROBE);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(KEY_PROBE);
            return verifier.verify(signature);
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /** @return counts only: the keys are not for logs. */
    @Override
    public String toString()
    {
        return "Credentials[" + directory + ": " + certificates.size() + " certificates, " + caCertificates.size() +
            " CA certificates, " + privateKeys.size() + " private keys, " + crls.size() + " CRLs]";
    }
}
