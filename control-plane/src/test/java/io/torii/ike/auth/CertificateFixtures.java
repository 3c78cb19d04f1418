package io.torii.ike.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The certificates, keys and CRL that {@code src/test/resources/io/torii/ike/auth/generate.sh} made with
 * strongSwan's pki: a test CA ({@code ca}), another CA ({@code other-ca}), ECDSA P-256, RSA 2048 and Ed25519
 * certificates for moon and sun, a P-384 one for moon, and sun certificates that are expired, revoked by
 * {@code ca.crl}, or issued by the other CA; and a chain {@code chain-root} (self-signed) → {@code chain-ca1}
 * → {@code chain-ca2} → {@code moon-chain}, with {@code chain-ca2-impostor} bearing chain-ca2's name and
 * another key. They are valid until 2051.
 */
public final class CertificateFixtures
{
    private CertificateFixtures()
    {
    }

    /**
     * @param name a fixture file name, such as {@code moon-ecdsa.pem}.
     * @return its bytes.
     */
    public static byte[] bytes(final String name)
    {
        try (InputStream in = CertificateFixtures.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param name a certificate fixture.
     * @return the certificate.
     */
    public static X509Certificate certificate(final String name)
    {
        return SwanctlCredentials.parseCertificate(PemBlocks.read(bytes(name)).value().getFirst().der()).value();
    }

    /**
     * @param name a key fixture.
     * @return the private key.
     */
    public static PrivateKey key(final String name)
    {
        return PrivateKeyReader.read(bytes(name), new char[0]).value();
    }

    /** @return the test CA's CRL, which revokes {@code sun-revoked.pem}. */
    public static X509CRL crl()
    {
        try
        {
            return (X509CRL)java.security.cert.CertificateFactory.getInstance("X.509").generateCRL(
                new java.io.ByteArrayInputStream(PemBlocks.read(bytes("ca.crl")).value().getFirst().der()));
        }
        catch (final java.security.GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Writes fixtures into swanctl's credential folders.
     *
     * @param directory the swanctl directory.
     * @param files fixture name by target path below it, such as {@code x509ca/ca.pem -> ca.pem}.
     * @return the directory.
     */
    public static Path swanctlDirectory(final Path directory, final Map<String, String> files)
    {
        try
        {
            for (final Map.Entry<String, String> file : files.entrySet())
            {
                final Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, bytes(file.getValue()));
            }
            return directory;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
