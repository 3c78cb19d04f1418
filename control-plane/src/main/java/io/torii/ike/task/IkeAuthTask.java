package io.torii.ike.task;

import io.torii.ike.auth.CertificateAuth;
import io.torii.ike.auth.CredentialResult;
import io.torii.ike.keymat.PskAuthentication;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.PayloadType;
import io.torii.ike.message.payload.AuthenticationPayload;
import io.torii.ike.message.payload.CertificatePayload;
import io.torii.ike.message.payload.CertificateRequestPayload;
import io.torii.ike.message.payload.IdentificationPayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.sa.IkeIdentity;
import io.torii.ike.sa.PeerProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * IKE_AUTH (RFC 7296 §2.15): each side sends its identity and an AUTH value over its IKE_SA_INIT message,
 * the peer's nonce and its own identity, MACed with a pre-shared key or signed with a certificate's key
 * (RFC 7427, {@link io.torii.ike.auth}), and checks the peer's: a MAC in constant time, a signature
 * against the peer's certificate once that is validated and found to be for the peer's identity. With
 * certificates, CERT payloads go out as {@code send_cert} says, and the initiator asks for the responder's
 * with a CERTREQ naming its trusted CAs (the responder asked in IKE_SA_INIT). A responder picks, among the
 * connections that could have answered IKE_SA_INIT, the one whose remote identity matches IDi (and whose
 * local one matches IDr when the initiator sent it) and that authenticates the initiator.
 */
final class IkeAuthTask implements IkeTask
{
    private final IkeSaContext sa;
    private final boolean initiator;
    private IkeIdentity peerIdentity;
    private boolean refused;

    IkeAuthTask(final IkeSaContext sa, final boolean initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        if (refused)
        {
            draft.refuse(NotifyType.AUTHENTICATION_FAILED, new byte[0]);
            return TaskStatus.FAILED;
        }
        final PeerProfile profile = sa.profile;
        final CertificateAuth certificates = profile.certificates();
        final IdentificationPayload id = profile.localId().toPayload(initiator ? PayloadType.IDI : PayloadType.IDR);
        final AuthenticationPayload auth;
        if (certificates.signsLocally())
        {
            final CredentialResult<AuthenticationPayload> signed = certificates.sign(sa.peerSignatureHashes,
                ownSignedOctets(id), sa.random);
            if (!signed.isOk())
            {
                sa.fail("cannot sign our AUTH: " + signed.reason());
                if (!initiator)
                {
                    draft.refuse(NotifyType.AUTHENTICATION_FAILED, new byte[0]);
                }
                return TaskStatus.FAILED;
            }
            auth = signed.value();
        }
        else
        {
            auth = new AuthenticationPayload(AuthenticationPayload.METHOD_SHARED_KEY,
                authData(profile, ownSignedOctets(id)));
        }
        draft.add(id);
        certificates.certificatePayloads(sa.certificateRequested).forEach(draft::add);
        if (initiator)
        {
            certificates.certificateRequest().ifPresent(draft::add);
            if (!profile.remoteId().isAny())
            {
                draft.add(profile.remoteId().toPayload(PayloadType.IDR));
            }
            if (sa.sendInitialContact)
            {
                // §3.10.1: this is our only IKE SA with the peer; its older ones with us are stale.
                draft.add(NotifyPayload.of(NotifyType.INITIAL_CONTACT, new byte[0]));
            }
        }
        draft.add(auth);
        return initiator ? TaskStatus.NEED_MORE : TaskStatus.DONE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        final Optional<NotifyPayload> error = Notifies.firstError(message);
        if (initiator && error.isPresent() && error.get().notifyType() == NotifyType.AUTHENTICATION_FAILED)
        {
            return sa.fail("the responder refused our authentication (AUTHENTICATION_FAILED)");
        }
        final int peerIdType = initiator ? PayloadType.IDR : PayloadType.IDI;
        final List<IdentificationPayload> ids = message.payloadsOf(IdentificationPayload.class).stream()
            .filter(id -> id.type() == peerIdType).toList();
        final List<AuthenticationPayload> auths = message.payloadsOf(AuthenticationPayload.class);
        if (ids.size() != 1 || auths.size() != 1)
        {
            return initiator ? sa.fail("IKE_AUTH response without the responder's ID and AUTH payloads") :
                refuse("IKE_AUTH request without the initiator's ID and AUTH payloads");
        }
        if (!initiator && !message.payloadsOf(CertificateRequestPayload.class).isEmpty())
        {
            sa.certificateRequested = true;
        }
        peerIdentity = IkeIdentity.of(ids.getFirst());
        final List<CertificatePayload> certificates = message.payloadsOf(CertificatePayload.class);
        final TaskStatus status = initiator ? checkResponder(ids.getFirst(), auths.getFirst(), certificates) :
            chooseProfile(message, ids.getFirst(), auths.getFirst(), certificates);
        if (status != TaskStatus.FAILED && !refused)
        {
            sa.peerIdentity = peerIdentity;
            sa.peerInitialContact = !initiator && message.payloadsOf(NotifyPayload.class).stream()
                .anyMatch(notify -> notify.notifyType() == NotifyType.INITIAL_CONTACT);
        }
        return status;
    }

    private TaskStatus checkResponder(final IdentificationPayload id, final AuthenticationPayload auth,
        final List<CertificatePayload> certificates)
    {
        if (!sa.profile.remoteId().matches(peerIdentity))
        {
            return sa.fail("the responder is " + peerIdentity + ", expected " + sa.profile.remoteId());
        }
        final CredentialResult<String> result = authenticate(sa.profile, id, auth, certificates);
        if (!result.isOk())
        {
            return sa.fail("the responder " + peerIdentity + " failed authentication: " + result.reason());
        }
        return TaskStatus.DONE;
    }

    private TaskStatus chooseProfile(final IkeMessage message, final IdentificationPayload id,
        final AuthenticationPayload auth, final List<CertificatePayload> certificates)
    {
        final Optional<IkeIdentity> wantedSelf = message.payloadsOf(IdentificationPayload.class).stream()
            .filter(p -> p.type() == PayloadType.IDR).findFirst().map(IkeIdentity::of);
        final List<String> reasons = new ArrayList<>();
        for (final PeerProfile candidate : sa.candidates)
        {
            if (candidate.ikeProposals().equals(sa.profile.ikeProposals()) &&
                candidate.remoteId().matches(peerIdentity) &&
                (wantedSelf.isEmpty() || candidate.localId().matches(wantedSelf.get())))
            {
                final CredentialResult<String> result = authenticate(candidate, id, auth, certificates);
                if (result.isOk())
                {
                    sa.profile = candidate;
                    return TaskStatus.NEED_MORE;
                }
                reasons.add(candidate.name() + ": " + result.reason());
            }
        }
        return refuse("no connection accepts " + peerIdentity + (reasons.isEmpty() ? " as its peer" :
            ": " + String.join("; ", reasons)));
    }

    /** Checks the peer's AUTH as the profile says: a certificate's signature or a pre-shared key's MAC. */
    private CredentialResult<String> authenticate(final PeerProfile profile, final IdentificationPayload id,
        final AuthenticationPayload auth, final List<CertificatePayload> certificates)
    {
        if (profile.certificates().verifiesPeer())
        {
            if (auth.method() == AuthenticationPayload.METHOD_SHARED_KEY)
            {
                return CredentialResult.refused("it authenticated with a pre-shared key, the connection expects " +
                    "a certificate (auth = pubkey)");
            }
            return profile.certificates().authenticate(peerIdentity, certificates, auth, peerSignedOctets(id),
                new Date());
        }
        if (auth.method() != AuthenticationPayload.METHOD_SHARED_KEY)
        {
            return CredentialResult.refused("it authenticated with method " + auth.method() +
                ", the connection expects a pre-shared key");
        }
        return verifies(profile, id, auth) ? CredentialResult.ok("pre-shared key") :
            CredentialResult.refused("its AUTH does not verify with the pre-shared key");
    }

    private TaskStatus refuse(final String reason)
    {
        refused = true;
        sa.fail(reason);
        return TaskStatus.NEED_MORE;
    }

    private boolean verifies(final PeerProfile profile, final IdentificationPayload id,
        final AuthenticationPayload auth)
    {
        final byte[] psk = profile.psk();
        try
        {
            return PskAuthentication.verify(sa.prf, psk, peerSignedOctets(id), auth.data());
        }
        finally
        {
            Arrays.fill(psk, (byte)0);
        }
    }

    private byte[] authData(final PeerProfile profile, final byte[] signedOctets)
    {
        final byte[] psk = profile.psk();
        try
        {
            return PskAuthentication.authData(sa.prf, psk, signedOctets);
        }
        finally
        {
            Arrays.fill(psk, (byte)0);
        }
    }

    /** Our octets: our IKE_SA_INIT message, the peer's nonce, prf(SK_p of our side, our ID body). */
    private byte[] ownSignedOctets(final IdentificationPayload id)
    {
        final boolean we = sa.originalInitiator;
        final byte[] skP = we ? sa.keys.skPi() : sa.keys.skPr();
        try
        {
            return PskAuthentication.signedOctets(we ? sa.initRequest : sa.initResponse,
                we ? sa.responderNonce : sa.initiatorNonce, sa.prf, skP, id.encodedBody());
        }
        finally
        {
            Arrays.fill(skP, (byte)0);
        }
    }

    /** The peer's octets: its IKE_SA_INIT message, our nonce, prf(SK_p of its side, its ID body). */
    private byte[] peerSignedOctets(final IdentificationPayload id)
    {
        final boolean peerInitiated = !sa.originalInitiator;
        final byte[] skP = peerInitiated ? sa.keys.skPi() : sa.keys.skPr();
        try
        {
            return PskAuthentication.signedOctets(peerInitiated ? sa.initRequest : sa.initResponse,
                peerInitiated ? sa.responderNonce : sa.initiatorNonce, sa.prf, skP, id.encodedBody());
        }
        finally
        {
            Arrays.fill(skP, (byte)0);
        }
    }
}
