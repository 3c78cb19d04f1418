package io.torii.ike.task;

import io.torii.ike.crypto.KeyExchange;
import io.torii.ike.crypto.KeyExchanges;
import io.torii.ike.crypto.SharedSecretResult;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.PayloadType;
import io.torii.ike.message.payload.KeyExchangePayload;
import io.torii.ike.message.payload.NoncePayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.message.payload.SecurityAssociationPayload;
import io.torii.ike.message.payload.TrafficSelector;
import io.torii.ike.message.payload.TrafficSelectorPayload;
import io.torii.ike.proposal.KeyExchangeGroups;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.ProposalAnswerCheck;
import io.torii.ike.proposal.ProposalSelector;
import io.torii.ike.proposal.SelectionResult;
import io.torii.ike.sa.ChildProfile;
import io.torii.ike.sa.ChildSa;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The part of a CREATE_CHILD_SA exchange that creating a Child SA (RFC 7296 §1.3.1) and rekeying one
 * (§1.3.3) share, for either role:
 * <pre>
 *   Initiator                                Responder
 *   HDR, SK {[N(REKEY_SA)], SA, Ni, [KEi], TSi, TSr}  -->
 *                                       <--  HDR, SK {SA, Nr, [KEr], TSi, TSr}
 * </pre>
 * The initiator offers the child's ESP proposals with a new inbound SPI and, when they carry a key
 * exchange method, a KE payload for perfect forward secrecy; a responder that wants another group answers
 * INVALID_KE_PAYLOAD and the exchange is tried again with it (§1.3). The responder picks the first
 * candidate child whose selectors meet the request's, narrows them (§2.9) and selects a proposal. Keys are
 * {@code prf+(SK_d, [g^ir (new)] | Ni | Nr)} (§2.17). The tasks add what differs (the REKEY_SA notify,
 * which pair the new one replaces) and decide what follows.
 */
final class ChildSaNegotiation
{
    /** At least half the PRF's key size and 128 bits (§2.10); 32 bytes serves every PRF. */
    private static final int NONCE_LENGTH = 32;

    /** What an initiator made of the response. */
    enum Answer
    {
        /** The pair was negotiated: {@link #install} next. */
        ACCEPTED,
        /** INVALID_KE_PAYLOAD named a group we offered: the exchange goes again with it. */
        RETRY,
        /** The responder answered with an error notify: {@link #peerError()}. */
        REFUSED,
        /** The response was unusable: {@link #failure()}. */
        FAILED
    }

    private final IkeSaContext sa;
    private ChildProfile child;
    private int inboundSpi;
    private int group = -1;
    private KeyExchange keyExchange;
    private byte[] ownNonce;
    private byte[] peerNonce;
    private byte[] sharedSecret;
    private List<TrafficSelector> offeredLocal = List.of();
    private List<TrafficSelector> offeredRemote = List.of();
    private ChildSaFactory.Negotiated negotiated;
    private int refusal;
    private byte[] refusalData = new byte[0];
    private int peerError;
    private String failure;

    /**
     * @param sa the IKE SA.
     * @param child the child an initiator offers; null for a responder, which {@link #select}s one.
     */
    ChildSaNegotiation(final IkeSaContext sa, final ChildProfile child)
    {
        this.sa = sa;
        this.child = child;
    }

    /** @return the child negotiated, offered or selected; null before a responder selected one. */
    ChildProfile child()
    {
        return child;
    }

    /** @return why the exchange failed, for the log. */
    String failure()
    {
        return failure;
    }

    /** @return the error notify type the responder answered with, 0 when none. */
    int peerError()
    {
        return peerError;
    }

    /** @return the error notify a responder answers with, 0 while it accepts. */
    int refusal()
    {
        return refusal;
    }

    /**
     * Initiator: adds USE_TRANSPORT_MODE, SA, Ni, [KEi], TSi and TSr to the request, after whatever the task
     * added before.
     *
     * @param draft the request.
     * @param local our selectors (TSi).
     * @param remote the peer's (TSr).
     * @return null, or why nothing can be offered.
     */
    String offer(final MessageDraft draft, final List<TrafficSelector> local, final List<TrafficSelector> remote)
    {
        if (inboundSpi == 0)
        {
            inboundSpi = sa.installer.allocateSpi();
            group = KeyExchangeGroups.initiatorGroup(child.espProposals()).orElse(0);
        }
        closeKeyExchange();
        if (group != 0)
        {
            if (!KeyExchanges.isSupported(group))
            {
                return "key exchange method " + group + " is not supported";
            }
            keyExchange = KeyExchanges.create(group, sa.random);
        }
        ownNonce = sa.randomBytes(NONCE_LENGTH);
        final List<Proposal> proposals = new ArrayList<>();
        for (final Proposal proposal : child.espProposals())
        {
            proposals.add(new Proposal(proposal.number(), proposal.protocol(), ChildSaFactory.spiBytes(inboundSpi),
                proposal.transforms()));
        }
        offeredLocal = List.copyOf(local);
        offeredRemote = List.copyOf(remote);
        if (child.transport())
        {
            draft.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
        }
        draft.add(new SecurityAssociationPayload(proposals));
        draft.add(new NoncePayload(ownNonce));
        if (keyExchange != null)
        {
            draft.add(new KeyExchangePayload(keyExchange.group(), keyExchange.publicValue()));
        }
        draft.add(new TrafficSelectorPayload(PayloadType.TSI, offeredLocal));
        draft.add(new TrafficSelectorPayload(PayloadType.TSR, offeredRemote));
        return null;
    }

    /**
     * Initiator: checks the response against what we offered and completes the key exchange.
     *
     * @param message the CREATE_CHILD_SA response.
     * @return what became of the offer.
     */
    Answer read(final IkeMessage message)
    {
        final Optional<NotifyPayload> invalidKe = Notifies.first(message, NotifyType.INVALID_KE_PAYLOAD);
        if (invalidKe.isPresent())
        {
            return retryWith(invalidKe.get().data());
        }
        final Optional<NotifyPayload> error = Notifies.firstError(message);
        if (error.isPresent())
        {
            peerError = error.get().notifyType();
            failure = "the responder refused it: " + Notifies.name(peerError);
            return finish(Answer.REFUSED);
        }
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final List<NoncePayload> nonces = message.payloadsOf(NoncePayload.class);
        final Optional<List<TrafficSelector>> tsi = ChildSaFactory.selectors(message, PayloadType.TSI);
        final Optional<List<TrafficSelector>> tsr = ChildSaFactory.selectors(message, PayloadType.TSR);
        if (sas.size() != 1 || nonces.size() != 1 || tsi.isEmpty() || tsr.isEmpty())
        {
            return failed("CREATE_CHILD_SA response without SA, Nonce, TSi and TSr payloads");
        }
        final SelectionResult answer = ProposalAnswerCheck.check(child.espProposals(), sas.getFirst().proposals());
        if (!(answer instanceof SelectionResult.Selected selected) ||
            !ChildSaFactory.usable(ChildSaFactory.spiOf(selected.proposal())))
        {
            return failed("unacceptable proposal in the response" +
                (answer instanceof SelectionResult.Rejected rejected ? ": " + rejected.explanation() : ""));
        }
        if (KeyExchangeGroups.selectedGroup(selected.proposal()).orElse(0) != group)
        {
            return failed("the responder chose a proposal without the key exchange we sent");
        }
        if (!Selectors.within(tsi.get(), offeredLocal) || !Selectors.within(tsr.get(), offeredRemote))
        {
            return failed("the responder's traffic selectors " + tsi.get() + " === " + tsr.get() +
                " are not within ours");
        }
        if (keyExchange != null)
        {
            final List<KeyExchangePayload> kes = message.payloadsOf(KeyExchangePayload.class);
            if (kes.size() != 1 || kes.getFirst().group() != group)
            {
                return failed("the response has no KE payload of group " + group);
            }
            final SharedSecretResult shared = keyExchange.sharedSecret(kes.getFirst().data());
            if (!shared.isSuccess())
            {
                return failed("the responder's key exchange value was refused: " + shared.failure());
            }
            sharedSecret = shared.secret();
        }
        peerNonce = nonces.getFirst().nonce();
        final boolean transport = child.transport() &&
            Notifies.first(message, NotifyType.USE_TRANSPORT_MODE).isPresent();
        negotiated = new ChildSaFactory.Negotiated(child, selected.proposal(), transport, inboundSpi,
            ChildSaFactory.spiOf(selected.proposal()), tsi.get(), tsr.get());
        return finish(Answer.ACCEPTED);
    }

    /** §1.3: try again with the group the responder names, when we offered it and it is another. */
    private Answer retryWith(final byte[] data)
    {
        if (data.length != 2)
        {
            return failed("INVALID_KE_PAYLOAD with " + data.length + " bytes of data, expected 2");
        }
        final int wanted = (data[0] & 0xFF) << 8 | data[1] & 0xFF;
        if (wanted == group || !KeyExchangeGroups.offers(child.espProposals(), wanted) ||
            !KeyExchanges.isSupported(wanted))
        {
            return failed("the responder asked for key exchange method " + wanted + ", which we did not offer");
        }
        group = wanted;
        closeKeyExchange();
        return Answer.RETRY;
    }

    /**
     * Responder: picks the first candidate whose selectors meet the request's and one of whose proposals
     * the request offers; when none does, the refusal to answer with is set.
     *
     * @param message the CREATE_CHILD_SA request.
     * @param candidates the children that may answer it, in order.
     * @return true when one was selected.
     */
    boolean select(final IkeMessage message, final List<ChildProfile> candidates)
    {
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final List<NoncePayload> nonces = message.payloadsOf(NoncePayload.class);
        final Optional<List<TrafficSelector>> tsi = ChildSaFactory.selectors(message, PayloadType.TSI);
        final Optional<List<TrafficSelector>> tsr = ChildSaFactory.selectors(message, PayloadType.TSR);
        if (sas.size() != 1 || nonces.size() != 1)
        {
            return refuse(NotifyType.NO_PROPOSAL_CHOSEN, "CREATE_CHILD_SA request without SA and Nonce payloads");
        }
        if (tsi.isEmpty() || tsr.isEmpty())
        {
            return refuse(NotifyType.NO_PROPOSAL_CHOSEN, "rekeying the IKE SA is not supported yet");
        }
        final List<Proposal> offered = sas.getFirst().proposals();
        String mismatch = "no child's traffic selectors meet " + tsi.get() + " === " + tsr.get();
        int error = NotifyType.TS_UNACCEPTABLE;
        for (final ChildProfile candidate : candidates)
        {
            final List<TrafficSelector> narrowedI =
                Selectors.narrow(tsi.get(), Selectors.toWire(candidate.remoteTs(), sa.remote.getAddress()));
            final List<TrafficSelector> narrowedR =
                Selectors.narrow(tsr.get(), Selectors.toWire(candidate.localTs(), sa.local.getAddress()));
            if (narrowedI.isEmpty() || narrowedR.isEmpty())
            {
                continue;
            }
            final SelectionResult result = ProposalSelector.select(candidate.espProposals(), offered,
                sa.profile.preference());
            if (result instanceof SelectionResult.Selected selected &&
                ChildSaFactory.usable(ChildSaFactory.spiOf(selected.proposal())))
            {
                child = candidate;
                final boolean transport = candidate.transport() &&
                    Notifies.first(message, NotifyType.USE_TRANSPORT_MODE).isPresent();
                negotiated = new ChildSaFactory.Negotiated(candidate, selected.proposal(), transport, 0,
                    ChildSaFactory.spiOf(selected.proposal()), narrowedI, narrowedR);
                peerNonce = nonces.getFirst().nonce();
                return true;
            }
            error = NotifyType.NO_PROPOSAL_CHOSEN;
            mismatch = "no acceptable proposal for " + candidate.name() +
                (result instanceof SelectionResult.Rejected rejected ? ": " + rejected.explanation() : "");
        }
        return refuse(error, mismatch);
    }

    /**
     * Responder: completes the key exchange the selected proposal asks for and draws our nonce and SPI.
     *
     * @param message the request.
     * @return true when the pair can be installed; otherwise the refusal is set.
     */
    boolean acceptKeyExchange(final IkeMessage message)
    {
        final int chosenGroup = KeyExchangeGroups.selectedGroup(negotiated.chosen()).orElse(0);
        if (chosenGroup != 0)
        {
            final List<KeyExchangePayload> kes = message.payloadsOf(KeyExchangePayload.class);
            if (kes.size() != 1 || kes.getFirst().group() != chosenGroup)
            {
                refusalData = new byte[] {(byte)(chosenGroup >>> 8), (byte)chosenGroup};
                return refuse(NotifyType.INVALID_KE_PAYLOAD, "the request's KE payload is not of group " +
                    chosenGroup + ", which " + child.name() + " selected");
            }
            keyExchange = KeyExchanges.create(chosenGroup, sa.random);
            final SharedSecretResult shared = keyExchange.sharedSecret(kes.getFirst().data());
            if (!shared.isSuccess())
            {
                return refuse(NotifyType.NO_PROPOSAL_CHOSEN, "the initiator's key exchange value was refused: " +
                    shared.failure());
            }
            sharedSecret = shared.secret();
        }
        ownNonce = sa.randomBytes(NONCE_LENGTH);
        inboundSpi = sa.installer.allocateSpi();
        negotiated = new ChildSaFactory.Negotiated(child, negotiated.chosen(), negotiated.transport(), inboundSpi,
            negotiated.outboundSpi(), negotiated.initiatorTs(), negotiated.responderTs());
        return true;
    }

    /**
     * Derives the pair's keys and installs it, as a new pair or as the replacement of one; the shared
     * secret is zeroed either way.
     *
     * @param weInitiated true for the exchange's initiator.
     * @param replaces the pair the new one replaces, or null.
     * @return the pair, or why there is none.
     */
    ChildSaFactory.Result install(final boolean weInitiated, final ChildSa replaces)
    {
        try
        {
            return ChildSaFactory.install(sa, negotiated, weInitiated, replaces, sharedSecret,
                weInitiated ? ownNonce : peerNonce, weInitiated ? peerNonce : ownNonce);
        }
        finally
        {
            if (sharedSecret != null)
            {
                Arrays.fill(sharedSecret, (byte)0);
                sharedSecret = null;
            }
            if (weInitiated)
            {
                closeKeyExchange();
            }
        }
    }

    /**
     * Responder: the answer, a refusal or SA, Nr, [KEr], TSi, TSr.
     *
     * @param draft the response.
     */
    void answer(final MessageDraft draft)
    {
        if (refusal != 0)
        {
            draft.add(NotifyPayload.of(refusal, refusalData));
            return;
        }
        if (negotiated.transport())
        {
            draft.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
        }
        final Proposal chosen = negotiated.chosen();
        draft.add(new SecurityAssociationPayload(List.of(new Proposal(chosen.number(), chosen.protocol(),
            ChildSaFactory.spiBytes(inboundSpi), chosen.transforms()))));
        draft.add(new NoncePayload(ownNonce));
        if (keyExchange != null)
        {
            draft.add(new KeyExchangePayload(keyExchange.group(), keyExchange.publicValue()));
            closeKeyExchange();
        }
        draft.add(new TrafficSelectorPayload(PayloadType.TSI, negotiated.initiatorTs()));
        draft.add(new TrafficSelectorPayload(PayloadType.TSR, negotiated.responderTs()));
    }

    /**
     * @return the lower of the exchange's two nonces, compared as unsigned bytes from the first (RFC 7296
     *         §2.8.1 and strongSwan's comparison), for rekey collisions; null before both are known.
     */
    byte[] lowerNonce()
    {
        if (ownNonce == null || peerNonce == null)
        {
            return null;
        }
        return Collisions.compareNonces(ownNonce, peerNonce) <= 0 ? ownNonce.clone() : peerNonce.clone();
    }

    /**
     * Responder: answer with an error notify; the reason goes to the log (null: already logged).
     *
     * @return false, for {@link #select} and {@link #acceptKeyExchange}.
     */
    boolean refuse(final int notifyType, final String reason)
    {
        refusal = notifyType;
        closeKeyExchange();
        if (reason != null)
        {
            sa.events.add("CHILD_SA request refused with " + Notifies.name(notifyType) + ": " + reason);
        }
        return false;
    }

    private Answer failed(final String reason)
    {
        failure = reason;
        return finish(Answer.FAILED);
    }

    private Answer finish(final Answer answer)
    {
        if (answer != Answer.ACCEPTED)
        {
            closeKeyExchange();
        }
        return answer;
    }

    /** Zeroes what is secret: the key exchange and a shared secret not used. */
    void close()
    {
        closeKeyExchange();
        if (sharedSecret != null)
        {
            Arrays.fill(sharedSecret, (byte)0);
            sharedSecret = null;
        }
    }

    private void closeKeyExchange()
    {
        if (keyExchange != null)
        {
            keyExchange.close();
            keyExchange = null;
        }
    }
}
