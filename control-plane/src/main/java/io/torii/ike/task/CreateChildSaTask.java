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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An additional Child SA through CREATE_CHILD_SA (RFC 7296 §1.3.1):
 * <pre>
 *   Initiator                                Responder
 *   HDR, SK {SA, Ni, [KEi], TSi, TSr}   -->
 *                                       <--  HDR, SK {SA, Nr, [KEr], TSi, TSr}
 * </pre>
 * The initiator offers the child's ESP proposals with a new inbound SPI and, when they carry a key
 * exchange method, a KE payload for perfect forward secrecy; a responder that wants another group
 * answers INVALID_KE_PAYLOAD and the exchange is tried again with it (§1.3). The responder picks the
 * first of the connection's children whose selectors meet the request's, narrows them (§2.9) and
 * selects a proposal; it installs the pair before answering, and answers NO_ADDITIONAL_SAS when the
 * dataplane cannot take it. Keys are {@code prf+(SK_d, [g^ir (new)] | Ni | Nr)} (§2.17). A failure
 * leaves the IKE SA as it was.
 */
final class CreateChildSaTask implements IkeTask
{
    /** At least half the PRF's key size and 128 bits (§2.10); 32 bytes serves every PRF. */
    private static final int NONCE_LENGTH = 32;

    private final IkeSaContext sa;
    private final boolean initiator;
    private ChildProfile child;
    private int inboundSpi;
    private int group = -1;
    private KeyExchange keyExchange;
    private byte[] ownNonce;
    private List<TrafficSelector> offeredLocal = List.of();
    private List<TrafficSelector> offeredRemote = List.of();
    private ChildSaFactory.Negotiated negotiated;
    private int refusal;
    private byte[] refusalData = new byte[0];

    /**
     * @param sa the IKE SA.
     * @param child the child to create when we initiate; null for the responder, which picks one.
     */
    CreateChildSaTask(final IkeSaContext sa, final ChildProfile child)
    {
        this.sa = sa;
        this.initiator = child != null;
        this.child = child;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        return initiator ? buildRequest(draft) : buildResponse(draft);
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        return initiator ? processResponse(message) : processRequest(message);
    }

    private TaskStatus buildRequest(final MessageDraft draft)
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
                return failed("key exchange method " + group + " is not supported");
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
        offeredLocal = Selectors.toWire(child.localTs(), sa.local.getAddress());
        offeredRemote = Selectors.toWire(child.remoteTs(), sa.remote.getAddress());
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
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus processResponse(final IkeMessage message)
    {
        final Optional<NotifyPayload> invalidKe = Notifies.first(message, NotifyType.INVALID_KE_PAYLOAD);
        if (invalidKe.isPresent())
        {
            return retryWith(invalidKe.get().data());
        }
        final Optional<NotifyPayload> error = Notifies.firstError(message);
        if (error.isPresent())
        {
            return failed("the responder refused it: " + Notifies.name(error.get().notifyType()));
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
        final byte[] secret;
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
            secret = shared.secret();
        }
        else
        {
            secret = null;
        }
        final boolean transport = child.transport() &&
            Notifies.first(message, NotifyType.USE_TRANSPORT_MODE).isPresent();
        negotiated = new ChildSaFactory.Negotiated(child, selected.proposal(), transport, inboundSpi,
            ChildSaFactory.spiOf(selected.proposal()), tsi.get(), tsr.get());
        return installed(ChildSaFactory.install(sa, negotiated, true, secret, ownNonce, nonces.getFirst().nonce()),
            secret);
    }

    /** §1.3: try again with the group the responder names, when we offered it and it is another. */
    private TaskStatus retryWith(final byte[] data)
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
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus processRequest(final IkeMessage message)
    {
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final List<NoncePayload> nonces = message.payloadsOf(NoncePayload.class);
        final Optional<List<TrafficSelector>> tsi = ChildSaFactory.selectors(message, PayloadType.TSI);
        final Optional<List<TrafficSelector>> tsr = ChildSaFactory.selectors(message, PayloadType.TSR);
        if (Notifies.first(message, NotifyType.REKEY_SA).isPresent())
        {
            return refuse(NotifyType.NO_ADDITIONAL_SAS, "rekeying a Child SA is not supported yet");
        }
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
        for (final ChildProfile candidate : sa.profile.children())
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
                return accept(message, nonces.getFirst().nonce());
            }
            error = NotifyType.NO_PROPOSAL_CHOSEN;
            mismatch = "no acceptable proposal for " + candidate.name() +
                (result instanceof SelectionResult.Rejected rejected ? ": " + rejected.explanation() : "");
        }
        return refuse(error, mismatch);
    }

    /** The responder's key exchange, its SPI and nonce, and the pair installed before the answer goes out. */
    private TaskStatus accept(final IkeMessage message, final byte[] peerNonce)
    {
        final int chosenGroup = KeyExchangeGroups.selectedGroup(negotiated.chosen()).orElse(0);
        byte[] secret = null;
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
            secret = shared.secret();
        }
        ownNonce = sa.randomBytes(NONCE_LENGTH);
        inboundSpi = sa.installer.allocateSpi();
        negotiated = new ChildSaFactory.Negotiated(child, negotiated.chosen(), negotiated.transport(), inboundSpi,
            negotiated.outboundSpi(), negotiated.initiatorTs(), negotiated.responderTs());
        final TaskStatus status = installed(ChildSaFactory.install(sa, negotiated, false, secret, peerNonce,
            ownNonce), secret);
        return status == TaskStatus.FAILED ? refuse(NotifyType.NO_ADDITIONAL_SAS, null) : status;
    }

    private TaskStatus buildResponse(final MessageDraft draft)
    {
        if (refusal != 0)
        {
            draft.add(NotifyPayload.of(refusal, refusalData));
            return TaskStatus.DONE;
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
        return TaskStatus.DONE;
    }

    private TaskStatus installed(final ChildSaFactory.Result result, final byte[] secret)
    {
        if (secret != null)
        {
            Arrays.fill(secret, (byte)0);
        }
        if (initiator)
        {
            closeKeyExchange();
        }
        if (result.failure() != null)
        {
            return failed(result.failure());
        }
        sa.events.add(ChildSaFactory.established(result.child()));
        return initiator ? TaskStatus.DONE : TaskStatus.NEED_MORE;
    }

    /** The responder answers with an error notify; the reason goes to the log (null: already logged). */
    private TaskStatus refuse(final int notifyType, final String reason)
    {
        refusal = notifyType;
        closeKeyExchange();
        if (reason != null)
        {
            sa.events.add("CHILD_SA request refused with " + Notifies.name(notifyType) + ": " + reason);
        }
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus failed(final String reason)
    {
        closeKeyExchange();
        sa.events.add("CHILD_SA " + (child == null ? "" : child.name() + " ") + "not established: " + reason);
        return TaskStatus.FAILED;
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
