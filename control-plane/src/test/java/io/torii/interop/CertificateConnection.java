package io.torii.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The swanctl.conf text of the certificate interop runs: one connection {@code ab} with one child {@code net},
 * both rounds {@code auth = pubkey}, IKE with ECDH P-256 so that the key exchange stays small and the
 * certificates make IKE_AUTH large. Torii and charon read the same syntax; credentials go in the swanctl
 * folders beside it.
 */
final class CertificateConnection
{
    /** The IKE connection's name on both sides. */
    static final String IKE = "ab";
    /** The child's name on both sides. */
    static final String CHILD = "net";

    private CertificateConnection()
    {
    }

    /**
     * @param local {@code local_addrs}.
     * @param remote {@code remote_addrs}.
     * @param ikeOptions more settings of the connection, one per line, such as {@code fragmentation = yes}.
     * @param localAuth the local round's settings besides {@code auth}, one per line, such as {@code id = ...}
     *     and {@code certs = gw.pem}.
     * @param remoteId the identity the peer must prove, {@code %any} for whatever its certificate holds.
     * @param localTs the child's local selectors.
     * @param remoteTs its remote ones.
     * @param startAction {@code start} to initiate when loaded, {@code none} otherwise.
     * @return the file's text.
     */
    static String text(final String local, final String remote, final String ikeOptions, final String localAuth,
        final String remoteId, final String localTs, final String remoteTs, final String startAction)
    {
        return """
            connections {
              %s {
                version = 2
                local_addrs = %s
                remote_addrs = %s
                proposals = aes256gcm16-prfsha256-ecp256
            %s    local {
                  auth = pubkey
            %s    }
                remote {
                  auth = pubkey
                  id = %s
                }
                children {
                  %s {
                    local_ts = %s
                    remote_ts = %s
                    esp_proposals = aes256gcm16
                    start_action = %s
                  }
                }
              }
            }
            """.formatted(IKE, local, remote, indent(ikeOptions, "    "), indent(localAuth, "      "), remoteId, CHILD,
            localTs, remoteTs, startAction);
    }

    /**
     * The connection of the fragmentation runs: RFC 7383 fragmentation offered, identities as given.
     *
     * @param local {@code local_addrs}.
     * @param remote {@code remote_addrs}.
     * @param localId this side's identity.
     * @param remoteId the peer's.
     * @param localTs the child's local selectors.
     * @param remoteTs its remote ones.
     * @param startAction {@code start} or {@code none}.
     * @param localCerts the local round's {@code certs} line, or empty for the certificate in {@code x509/}.
     * @return the file's text.
     */
    static String fragmenting(final String local, final String remote, final String localId, final String remoteId,
        final String localTs, final String remoteTs, final String startAction, final String localCerts)
    {
        return text(local, remote, "fragmentation = yes", "id = " + localId + "\n" + localCerts, remoteId, localTs,
            remoteTs, startAction);
    }

    /**
     * Makes a Torii gateway's directory with the swanctl credential folders the certificate runs fill:
     * {@code x509/} (own and intermediate certificates), {@code x509ca/} (trust anchors), {@code private/}.
     *
     * @param directory the directory, made if missing.
     * @return it.
     * @throws IOException when a folder cannot be made.
     */
    static Path credentialFolders(final Path directory) throws IOException
    {
        for (final String folder : List.of("x509", "x509ca", "private"))
        {
            Files.createDirectories(directory.resolve(folder));
        }
        return directory;
    }

    private static String indent(final String lines, final String by)
    {
        return lines.lines().filter(line -> !line.isBlank()).map(line -> by + line.strip() + "\n")
            .collect(java.util.stream.Collectors.joining());
    }
}
