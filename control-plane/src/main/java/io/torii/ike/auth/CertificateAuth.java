package io.torii.ike.auth;

import io.torii.ike.config.SendCertPolicy;
import io.torii.ike.message.payload.AuthenticationPayload;
import io.torii.ike.message.payload.CertificatePayload;
import io.torii.ike.message.payload.CertificateRequestPayload;
import io.torii.ike.sa.IkeIdentity;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Certificate authentication of one connection: how we sign (our certificate and key, when the local
 * round is {@code pubkey}), how we check the peer (when the remote round is), and the {@code send_cert} and
 * {@code send_certreq} policies. CERT payloads carry X.509 signature certificates (encoding 4,
 * RFC 7296 §3.6), ours followed by the intermediates of its chain; the peer's first CERT payload is its own
 * certificate and any further ones are untrusted intermediates for building its path (only our anchors are
 * trusted). CERTREQ payloads carry the SHA-1 hashes of our trusted CAs' SubjectPublicKeyInfo (§3.7).
 *
 * @param local our certificate and key, or null when we authenticate with a pre-shared key.
 * @param remote what the peer's certificate is checked against, or null when the peer uses a pre-shared key.
 * @param sendCert when to send our certificate.
 * @param sendCertreq whether to ask the peer for its certificate.
 */
public record CertificateAuth(LocalCertificate local, PeerTrust remote, SendCertPolicy sendCert,
    boolean sendCertreq)
{
    /** Pre-shared keys on both sides. */
    public static final CertificateAuth NONE = new CertificateAuth(null, null, SendCertPolicy.NEVER, false);

    private static final int SHA1_LENGTH = 20;

    /** @return true when we sign our AUTH with a certificate's key. */
    public boolean signsLocally()
    {
        return local != null;
    }

    /** @return true when the peer must authenticate with a certificate. */
    public boolean verifiesPeer()
    {
        return remote != null;
    }

    /**
     * @param peerAskedForCertificates whether the peer sent a CERTREQ.
     * @return the CERT payloads to send when we sign and the policy says so: our certificate first (RFC 7296
     *         §3.6: it holds the key that signs AUTH), then each intermediate of its chain in order from its
     *         issuer upwards, all X.509 Certificate - Signature (encoding 4), as strongSwan sends them.
     */
    public List<CertificatePayload> certificatePayloads(final boolean peerAskedForCertificates)
    {
        if (local == null || sendCert == SendCertPolicy.NEVER ||
            sendCert == SendCertPolicy.IFASKED && !peerAskedForCertificates)
        {
            return List.of();
        }
        final List<CertificatePayload> payloads = new ArrayList<>();
        try
        {
            payloads.add(new CertificatePayload(CertificatePayload.X509_SIGNATURE, local.certificate().getEncoded()));
            for (final X509Certificate intermediate : local.intermediates())
            {
                payloads.add(new CertificatePayload(CertificatePayload.X509_SIGNATURE, intermediate.getEncoded()));
            }
        }
        catch (final CertificateEncodingException ex)
        {
            // A certificate the JDK parsed re-encodes; should one not, the peer gets what came before it.
            return List.copyOf(payloads);
        }
        return List.copyOf(payloads);
    }

    /** @return a CERTREQ for our trusted CAs, or empty when we do not check the peer or must not ask. */
    public Optional<CertificateRequestPayload> certificateRequest()
    {
        if (remote == null || !sendCertreq || remote.anchors().isEmpty())
        {
            return Optional.empty();
        }
        final ByteArrayOutputStream hashes = new ByteArrayOutputStream();
        for (final X509Certificate anchor : remote.anchors())
        {
            hashes.writeBytes(publicKeyHash(anchor));
        }
        return Optional.of(new CertificateRequestPayload(CertificatePayload.X509_SIGNATURE, hashes.toByteArray()));
    }

    /**
     * @param certificate a CA certificate.
     * @return the SHA-1 hash of its DER SubjectPublicKeyInfo, as CERTREQ lists it.
     */
    public static byte[] publicKeyHash(final X509Certificate certificate)
    {
        try
        {
            return MessageDigest.getInstance("SHA-1").digest(certificate.getPublicKey().getEncoded());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK always has SHA-1", ex);
        }
    }

    /**
     * @param request a received CERTREQ.
     * @param certificate a CA certificate.
     * @return true when the request names that CA.
     */
    public static boolean requests(final CertificateRequestPayload request, final X509Certificate certificate)
    {
        final byte[] hashes = request.authorities();
        final byte[] wanted = publicKeyHash(certificate);
        for (int i = 0; i + SHA1_LENGTH <= hashes.length; i += SHA1_LENGTH)
        {
            if (MessageDigest.isEqual(java.util.Arrays.copyOfRange(hashes, i, i + SHA1_LENGTH), wanted))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param peerHashes the peer's SIGNATURE_HASH_ALGORITHMS, empty when it sent none.
     * @param signedOctets our signed octets.
     * @param random randomness for the signature.
     * @return our AUTH payload, or why we cannot sign.
     */
    public CredentialResult<AuthenticationPayload> sign(final Set<Integer> peerHashes, final byte[] signedOctets,
        final SecureRandom random)
    {
        if (local == null)
        {
            return CredentialResult.refused("no certificate to sign with");
        }
        return SignatureAuthentication.sign(local.key(), peerHashes, signedOctets, random);
    }

    /**
     * Authenticates the peer: finds its certificate (the first CERT payload, else a loaded one for its
     * identity), checks that it is for the identity the peer claims, validates it up to a trusted CA unless
     * it was loaded locally, and verifies the AUTH signature with its key.
     *
     * @param peer the identity in the peer's ID payload.
     * @param certificates the peer's CERT payloads.
     * @param auth the peer's AUTH payload.
     * @param signedOctets the peer's signed octets.
     * @param now the time to check validity at.
     * @return the peer's certificate subject and signature scheme, for the log, or why authentication fails.
     */
    public CredentialResult<String> authenticate(final IkeIdentity peer, final List<CertificatePayload> certificates,
        final AuthenticationPayload auth, final byte[] signedOctets, final Date now)
    {
        if (remote == null)
        {
            return CredentialResult.refused("the connection does not authenticate its peer with certificates");
        }
        final List<X509Certificate> sent = new ArrayList<>();
        for (final CertificatePayload payload : certificates)
        {
            if (payload.encoding() != CertificatePayload.X509_SIGNATURE)
            {
                continue;
            }
            final CredentialResult<X509Certificate> parsed = SwanctlCredentials.parseCertificate(payload.data());
            if (!parsed.isOk())
            {
                return CredentialResult.refused("the peer's CERT payload does not parse: " + parsed.reason());
            }
            sent.add(parsed.value());
        }
        final CredentialResult<X509Certificate> end = endCertificate(peer, sent);
        if (!end.isOk())
        {
            return CredentialResult.refused(end.reason());
        }
        final X509Certificate certificate = end.value();
        final String subject = DistinguishedNames.format(certificate.getSubjectX500Principal().getEncoded());
        if (!CertificateIdentity.matches(certificate, peer))
        {
            return CredentialResult.refused("the peer's identity " + peer + " is neither the subject nor a " +
                "subjectAltName of its certificate \"" + subject + "\"");
        }
        if (!remote.pinned().isEmpty() && !remote.pinned().contains(certificate))
        {
            return CredentialResult.refused("certificate \"" + subject + "\" is not one of the remote certs");
        }
        final CredentialResult<String> trusted = trust(certificate, sent, now);
        if (!trusted.isOk())
        {
            return trusted;
        }
        final CredentialResult<String> signature = SignatureAuthentication.verify(certificate.getPublicKey(), auth,
            signedOctets, false);
        return signature.isOk() ? CredentialResult.ok("\"" + subject + "\" with " + signature.value()) :
            CredentialResult.refused(signature.reason());
    }

    private CredentialResult<X509Certificate> endCertificate(final IkeIdentity peer, final List<X509Certificate> sent)
    {
        if (!sent.isEmpty())
        {
            return CredentialResult.ok(sent.getFirst());
        }
        for (final List<X509Certificate> loaded : List.of(remote.pinned(), remote.local()))
        {
            for (final X509Certificate certificate : loaded)
            {
                if (CertificateIdentity.matches(certificate, peer))
                {
                    return CredentialResult.ok(certificate);
                }
            }
        }
        return CredentialResult.refused("the peer sent no certificate and none is loaded for " + peer);
    }

    /** A certificate loaded locally is trusted as it is (within its validity); any other must chain up. */
    private CredentialResult<String> trust(final X509Certificate certificate, final List<X509Certificate> sent,
        final Date now)
    {
        if (remote.pinned().contains(certificate) || remote.local().contains(certificate))
        {
            try
            {
                certificate.checkValidity(now);
                return CredentialResult.ok("loaded locally");
            }
            catch (final CertificateExpiredException | CertificateNotYetValidException ex)
            {
                return CredentialResult.refused("the locally loaded certificate \"" +
                    DistinguishedNames.format(certificate.getSubjectX500Principal().getEncoded()) +
                    "\" is not valid now: " + ex.getMessage());
            }
        }
        final List<X509Certificate> intermediates = new ArrayList<>(remote.intermediates());
        sent.stream().skip(1).filter(c -> !intermediates.contains(c)).forEach(intermediates::add);
        final CredentialResult<List<X509Certificate>> path = CertificateValidator.validate(certificate, intermediates,
            remote.anchors(), remote.crls(), remote.revocation(), now);
        return path.isOk() ? CredentialResult.ok("chain of " + path.value().size()) :
            CredentialResult.refused(path.reason());
    }

    /** @return the policies and subjects, never keys. */
    @Override
    public String toString()
    {
        return "CertificateAuth[local " + local + ", remote " + (remote == null ? "psk" :
            remote.anchors().size() + " CAs") + ", send_cert " + sendCert + ", send_certreq " + sendCertreq + "]";
    }
}
