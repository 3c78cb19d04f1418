package io.torii.ike.auth;

import io.torii.dataplane.config.SettingsException;
import io.torii.ike.config.AuthMethod;
import io.torii.ike.config.AuthRound;
import io.torii.ike.config.IkeConnection;
import io.torii.ike.sa.IkeIdentity;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks a connection's certificates from the loaded credentials as strongSwan does: our certificate is
 * the first of the local round's {@code certs} with a private key, or without {@code certs} the first
 * loaded certificate with a private key that is for the local {@code id} (any, when no id is set), sent
 * with the intermediates of its chain that we hold (see {@link IssuerChain}); the
 * peer is checked against the remote round's {@code cacerts} (all loaded CA certificates when it names none)
 * and must use one of its {@code certs} when it names some.
 */
public final class ConnectionCertificates
{
    private ConnectionCertificates()
    {
    }

    /**
     * @param connection the connection.
     * @param local its local round.
     * @param remote its remote round.
     * @param credentials the loaded credentials.
     * @return how the connection authenticates with certificates; {@link CertificateAuth#NONE} for PSK both ways.
     * @throws SettingsException naming the round's file and line when a certificate or key is missing.
     */
    public static CertificateAuth of(final IkeConnection connection, final AuthRound local, final AuthRound remote,
        final Credentials credentials)
    {
        final boolean localPubkey = local.auth().authClass() == AuthMethod.AuthClass.PUBKEY;
        final boolean remotePubkey = remote.auth().authClass() == AuthMethod.AuthClass.PUBKEY;
        if (!localPubkey && !remotePubkey)
        {
            return CertificateAuth.NONE;
        }
        return new CertificateAuth(localPubkey ? localCertificate(connection, local, credentials) : null,
            remotePubkey ? trust(connection, remote, credentials) : null, connection.sendCert(),
            connection.sendCertreq());
    }

    private static LocalCertificate localCertificate(final IkeConnection connection, final AuthRound local,
        final Credentials credentials)
    {
        final List<X509Certificate> candidates = new ArrayList<>();
        if (!local.certs().isEmpty())
        {
            for (final String file : local.certs())
            {
                candidates.add(credentials.certificate(file).orElseThrow(() -> new SettingsException(local.location(),
                    connection.name() + ": local certs = " + file + ": no certificate loaded from " +
                    credentials.resolve(Credentials.X509, file))));
            }
        }
        else
        {
            final IkeIdentity id = IkeIdentity.parse(local.id());
            credentials.certificates().values().stream()
                .filter(c -> id.isAny() || CertificateIdentity.matches(c, id)).forEach(candidates::add);
        }
        for (final X509Certificate certificate : candidates)
        {
            final Optional<PrivateKey> key = credentials.privateKeyFor(certificate);
            if (key.isPresent())
            {
                return new LocalCertificate(certificate, key.get(), IssuerChain.intermediates(certificate,
                    held(credentials)));
            }
        }
        throw new SettingsException(local.location(), connection.name() + ": auth = " + local.auth().text() +
            " needs a certificate with its private key: " + (candidates.isEmpty() ? "no certificate in " +
            credentials.resolve(Credentials.X509, "") + (local.id().isEmpty() ? "" : " is for id " + local.id()) :
            "no private key in " + Credentials.KEY_FOLDERS + " belongs to " + DistinguishedNames.format(
                candidates.getFirst().getSubjectX500Principal().getEncoded())));
    }

    /** Every certificate we hold that may issue ours: the CA certificates first, then those of {@code x509/}. */
    private static List<X509Certificate> held(final Credentials credentials)
    {
        final List<X509Certificate> held = new ArrayList<>(credentials.caCertificates().values());
        held.addAll(credentials.certificates().values());
        return held;
    }

    private static PeerTrust trust(final IkeConnection connection, final AuthRound remote,
        final Credentials credentials)
    {
        final List<X509Certificate> anchors = new ArrayList<>();
        for (final String file : remote.cacerts())
        {
            anchors.add(credentials.caCertificate(file).orElseThrow(() -> new SettingsException(remote.location(),
                connection.name() + ": remote cacerts = " + file + ": no CA certificate loaded from " +
                credentials.resolve(Credentials.X509CA, file))));
        }
        final List<X509Certificate> allCas = List.copyOf(credentials.caCertificates().values());
        if (anchors.isEmpty())
        {
            anchors.addAll(allCas);
        }
        final List<X509Certificate> pinned = new ArrayList<>();
        for (final String file : remote.certs())
        {
            pinned.add(credentials.certificate(file).orElseThrow(() -> new SettingsException(remote.location(),
                connection.name() + ": remote certs = " + file + ": no certificate loaded from " +
                credentials.resolve(Credentials.X509, file))));
        }
        return new PeerTrust(anchors, allCas, pinned, List.copyOf(credentials.certificates().values()),
            credentials.crls(), remote.revocation());
    }
}
