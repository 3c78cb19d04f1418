package io.torii.ike.task;

import io.torii.ike.keymat.PskAuthentication;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.PayloadType;
import io.torii.ike.message.payload.AuthenticationPayload;
import io.torii.ike.message.payload.IdentificationPayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.sa.IkeIdentity;
import io.torii.ike.sa.PeerProfile;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * IKE_AUTH with pre-shared keys (RFC 7296 §2.15): each side sends its identity and an AUTH value over
 * its IKE_SA_INIT message, the peer's nonce and its own identity, and checks the peer's in constant time.
 * A responder picks, among the connections that could have answered IKE_SA_INIT, the one whose remote
 * identity matches IDi (and whose local one matches IDr when the initiator sent it) and whose key
 * verifies the initiator's AUTH.
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
        final IdentificationPayload id = profile.localId().toPayload(initiator ? PayloadType.IDI : PayloadType.IDR);
        draft.add(id);
        if (initiator && !profile.remoteId().isAny())
        {
            draft.add(profile.remoteId().toPayload(PayloadType.IDR));
        }
        draft.add(new AuthenticationPayload(AuthenticationPayload.METHOD_SHARED_KEY,
            authData(profile, ownSignedOctets(id))));
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
        peerIdentity = IkeIdentity.of(ids.getFirst());
        final AuthenticationPayload auth = auths.getFirst();
        if (auth.method() != AuthenticationPayload.METHOD_SHARED_KEY)
        {
            return initiator ? sa.fail("the responder authenticated with method " + auth.method() +
                ", this connection expects a pre-shared key") :
                refuse("the initiator authenticated with method " + auth.method() + "; only pre-shared keys so far");
        }
        return initiator ? checkResponder(ids.getFirst(), auth) : chooseProfile(message, ids.getFirst(), auth);
    }

    private TaskStatus checkResponder(final IdentificationPayload id, final AuthenticationPayload auth)
    {
        if (!sa.profile.remoteId().matches(peerIdentity))
        {
            return sa.fail("the responder is " + peerIdentity + ", expected " + sa.profile.remoteId());
        }
        if (!verifies(sa.profile, id, auth))
        {
            return sa.fail("the responder's AUTH does not verify with the pre-shared key for " + peerIdentity);
        }
        return TaskStatus.DONE;
    }

    private TaskStatus chooseProfile(final IkeMessage message, final IdentificationPayload id,
        final AuthenticationPayload auth)
    {
        final Optional<IkeIdentity> wantedSelf = message.payloadsOf(IdentificationPayload.class).stream()
            .filter(p -> p.type() == PayloadType.IDR).findFirst().map(IkeIdentity::of);
        for (final PeerProfile candidate : sa.candidates)
        {
            if (candidate.ikeProposals().equals(sa.profile.ikeProposals()) &&
                candidate.remoteId().matches(peerIdentity) &&
                (wantedSelf.isEmpty() || candidate.localId().matches(wantedSelf.get())) &&
                verifies(candidate, id, auth))
            {
                sa.profile = candidate;
                return TaskStatus.NEED_MORE;
            }
        }
        return refuse("no connection accepts " + peerIdentity + " with a pre-shared key that verifies its AUTH");
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
