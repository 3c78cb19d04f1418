package io.torii.ike.auth;

import io.torii.ike.config.Authority;
import io.torii.ike.config.PrivateKeySecret;
import io.torii.ike.config.SwanctlConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the credential folders beside swanctl.conf as {@code swanctl --load-creds} does, and the
 * {@code authorities} section's CA certificates. A file that cannot be read is a warning naming it and
 * why, never a failure of the whole load: strongSwan also goes on without it.
 */
public final class SwanctlCredentials
{
    private static final List<String> SECRET_KEY_KINDS = List.of("private", "rsa", "ecdsa", "pkcs8");

    private SwanctlCredentials()
    {
    }

    /**
     * What was loaded, and what was not.
     *
     * @param credentials the credentials that could be read.
     * @param warnings one line per file that could not be, naming it and why.
     */
    public record Load(Credentials credentials, List<String> warnings)
    {
        /** Copies the warnings. */
        public Load
        {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param directory the swanctl directory (the folder of swanctl.conf).
     * @param config the swanctl.conf read from it, for the authorities and private key passphrases.
     * @return the credentials and the warnings.
     */
    public static Load load(final Path directory, final SwanctlConfig config)
    {
        final Path base = directory.toAbsolutePath().normalize();
        final List<String> warnings = new ArrayList<>();
        final Map<Path, X509Certificate> certificates = certificates(base.resolve(Credentials.X509), warnings);
        final Map<Path, X509Certificate> caCertificates = certificates(base.resolve(Credentials.X509CA), warnings);
        for (final Authority authority : config.authorities().values())
        {
            final String file = !authority.cacert().isEmpty() ? authority.cacert() : authority.file();
            if (file.isEmpty())
            {
                warnings.add("authority " + authority.name() + ": only cacert and file certificates are supported");
                continue;
            }
            final Path path = base.resolve(Credentials.X509CA).resolve(file).toAbsolutePath().normalize();
            final CredentialResult<X509Certificate> certificate = certificate(path);
            if (certificate.isOk())
            {
                caCertificates.put(path, certificate.value());
            }
            else
            {
                warnings.add("authority " + authority.name() + ": " + path + ": " + certificate.reason());
            }
        }
        final List<PrivateKey> keys = new ArrayList<>();
        for (final String folder : Credentials.KEY_FOLDERS)
        {
            for (final Path file : files(base.resolve(folder), warnings))
            {
                final CredentialResult<PrivateKey> key = privateKey(base, file, config.privateKeys());
                if (key.isOk())
                {
                    keys.add(key.value());
                }
                else
                {
                    warnings.add(file + ": " + key.reason());
                }
            }
        }
        final List<X509CRL> crls = new ArrayList<>();
        for (final Path file : files(base.resolve(Credentials.X509CRL), warnings))
        {
            final CredentialResult<X509CRL> crl = crl(file);
            if (crl.isOk())
            {
                crls.add(crl.value());
            }
            else
            {
                warnings.add(file + ": " + crl.reason());
            }
        }
        return new Load(new Credentials(base, certificates, caCertificates, keys, crls), warnings);
    }

    private static Map<Path, X509Certificate> certificates(final Path folder, final List<String> warnings)
    {
        final Map<Path, X509Certificate> loaded = new LinkedHashMap<>();
        for (final Path file : files(folder, warnings))
        {
            final CredentialResult<X509Certificate> certificate = certificate(file);
            if (certificate.isOk())
            {
                loaded.put(file, certificate.value());
            }
            else
            {
                warnings.add(file + ": " + certificate.reason());
            }
        }
        return loaded;
    }

    private static List<Path> files(final Path folder, final List<String> warnings)
    {
        if (!Files.isDirectory(folder))
        {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder))
        {
            return entries.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        }
        catch (final IOException ex)
        {
            warnings.add(folder + ": cannot be listed: " + ex.getMessage());
            return List.of();
        }
    }

    /**
     * @param file a PEM or DER certificate file.
     * @return its first certificate, or why there is none.
     */
    public static CredentialResult<X509Certificate> certificate(final Path file)
    {
        final CredentialResult<byte[]> der = firstObject(file, "CERTIFICATE");
        if (!der.isOk())
        {
            return CredentialResult.refused(der.reason());
        }
        return parseCertificate(der.value());
    }

    /**
     * @param der a DER X.509 certificate, as a CERT payload carries it.
     * @return the certificate, or why it does not parse.
     */
    public static CredentialResult<X509Certificate> parseCertificate(final byte[] der)
    {
        try
        {
            return CredentialResult.ok((X509Certificate)CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der)));
        }
        catch (final GeneralSecurityException | ClassCastException ex)
        {
            return CredentialResult.refused("not an X.509 certificate: " + ex.getMessage());
        }
    }

    private static CredentialResult<X509CRL> crl(final Path file)
    {
        final CredentialResult<byte[]> der = firstObject(file, "X509 CRL");
        if (!der.isOk())
        {
            return CredentialResult.refused(der.reason());
        }
        try
        {
            return CredentialResult.ok((X509CRL)CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(der.value())));
        }
        catch (final GeneralSecurityException | ClassCastException ex)
        {
            return CredentialResult.refused("not an X.509 CRL: " + ex.getMessage());
        }
    }

    private static CredentialResult<byte[]> firstObject(final Path file, final String label)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            return CredentialResult.refused("cannot be read: " + ex.getMessage());
        }
        final CredentialResult<List<PemBlocks.Block>> blocks = PemBlocks.read(bytes);
        if (!blocks.isOk())
        {
            return CredentialResult.refused(blocks.reason());
        }
        return blocks.value().stream().filter(b -> b.label().isEmpty() || b.label().equals(label)).findFirst()
            .map(b -> CredentialResult.ok(b.der())).orElse(CredentialResult.refused("no " + label + " in the file"));
    }

    /** Reads a key, with the passphrase of the secrets section that names its file when there is one. */
    private static CredentialResult<PrivateKey> privateKey(final Path base, final Path file,
        final List<PrivateKeySecret> secrets)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            return CredentialResult.refused("cannot be read: " + ex.getMessage());
        }
        try
        {
            final CredentialResult<PrivateKey> plain = PrivateKeyReader.read(bytes, new char[0]);
            if (plain.isOk())
            {
                return plain;
            }
            for (final PrivateKeySecret secret : secrets)
            {
                if (!SECRET_KEY_KINDS.contains(secret.kind()) || !names(base, secret, file))
                {
                    continue;
                }
                final char[] passphrase = passphrase(secret);
                try
                {
                    return PrivateKeyReader.read(bytes, passphrase);
                }
                finally
                {
                    Arrays.fill(passphrase, '\0');
                }
            }
            return plain;
        }
        finally
        {
            Arrays.fill(bytes, (byte)0);
        }
    }

    /** Whether a secret's {@code file} is this key file, relative to the secret kind's folder or absolute. */
    private static boolean names(final Path base, final PrivateKeySecret secret, final Path file)
    {
        if (secret.file().isEmpty())
        {
            return false;
        }
        final Path named = base.resolve(secret.kind()).resolve(secret.file()).toAbsolutePath().normalize();
        return named.equals(file) || file.getFileName().toString().equals(secret.file());
    }

    private static char[] passphrase(final PrivateKeySecret secret)
    {
        final byte[] bytes = secret.secret().bytes();
        try
        {
            final CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            final char[] passphrase = new char[chars.remaining()];
            chars.get(passphrase);
            Arrays.fill(chars.array(), '\0');
            return passphrase;
        }
        finally
        {
            Arrays.fill(bytes, (byte)0);
        }
    }
}
