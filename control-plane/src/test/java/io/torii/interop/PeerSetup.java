package io.torii.interop;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one strongSwan instance is started with.
 *
 * @param namespace the network namespace charon runs in, made by the caller (for example with
 *     {@code io.torii.dataplane.testing.NetworkLab}).
 * @param workDir a private directory for this instance only (a JUnit {@code @TempDir} or a folder in one).
 * @param swanctlConf the text of {@code swanctl.conf}: connections and secrets.
 * @param credentials files for swanctl's credential folders, keyed by their path below the swanctl
 *     directory, such as {@code x509/gw.pem}, {@code x509ca/ca.pem} or {@code private/gw.key}.
 * @param logIkeKeys whether charon logs IKE at level 4, which includes the derived IKE keys that
 *     {@link IkeDecryptionKeys} reads (test peers only: the log then holds key material).
 * @param charonOptions more {@code strongswan.conf} settings for the {@code charon} section, one per line,
 *     such as {@code fragment_size = 600}; empty for none.
 */
public record PeerSetup(String namespace, Path workDir, String swanctlConf, Map<String, byte[]> credentials,
    boolean logIkeKeys, String charonOptions)
{
    /** The swanctl folders that {@link #credentials()} may write into. */
    public static final Set<String> CREDENTIAL_FOLDERS = Set.of("x509", "x509ca", "private", "pubkey", "ecdsa",
        "rsa", "pkcs8");

    /**
     * Checks the setup.
     *
     * @param namespace where charon runs.
     * @param workDir this instance's directory.
     * @param swanctlConf the swanctl.conf text.
     * @param credentials files for the credential folders.
     * @param logIkeKeys whether the IKE keys are logged.
     * @param charonOptions more charon settings.
     */
    public PeerSetup
    {
        Objects.requireNonNull(charonOptions, "charonOptions");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(swanctlConf, "swanctlConf");
        for (final String file : credentials.keySet())
        {
            final int slash = file.indexOf('/');
            if (slash < 0 || !CREDENTIAL_FOLDERS.contains(file.substring(0, slash)) || file.contains("..") ||
                file.indexOf('/', slash + 1) >= 0)
            {
                throw new IllegalArgumentException("credential " + file + " must be FOLDER/NAME with FOLDER one of " +
                    CREDENTIAL_FOLDERS);
            }
        }
        credentials = Map.copyOf(credentials);
    }

    /**
     * @param namespace where charon runs.
     * @param workDir this instance's directory.
     * @param swanctlConf the swanctl.conf text.
     * @return a setup with no credential files and the IKE keys not logged.
     */
    public static PeerSetup of(final String namespace, final Path workDir, final String swanctlConf)
    {
        return new PeerSetup(namespace, workDir, swanctlConf, Map.of(), false, "");
    }

    /**
     * @param path where below the swanctl directory, such as {@code x509ca/ca.pem}.
     * @param content the file's bytes (PEM or DER).
     * @return this setup with one more credential file.
     */
    public PeerSetup withCredential(final String path, final byte[] content)
    {
        final Map<String, byte[]> more = new LinkedHashMap<>(credentials);
        more.put(path, content.clone());
        return new PeerSetup(namespace, workDir, swanctlConf, more, logIkeKeys, charonOptions);
    }

    /**
     * @return this setup with the IKE keys written to charon's log, for {@link IkeDecryptionKeys}.
     */
    public PeerSetup withIkeKeysLogged()
    {
        return new PeerSetup(namespace, workDir, swanctlConf, credentials, true, charonOptions);
    }

    /**
     * @param options {@code strongswan.conf} settings for the {@code charon} section, one per line, such as
     *     {@code fragment_size = 600}.
     * @return this setup with those settings added.
     */
    public PeerSetup withCharonOptions(final String options)
    {
        return new PeerSetup(namespace, workDir, swanctlConf, credentials, logIkeKeys,
            charonOptions.isEmpty() ? options : charonOptions + "\n" + options);
    }
}
