package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.PayloadType;
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
import java.util.List;
import java.util.Optional;

/**
 * The Child SA that IKE_AUTH creates with the IKE SA (RFC 7296 §1.2, §2.9, §2.17): ESP proposals with
 * our inbound SPI (no key exchange: the IKE SA's keys seed it), traffic selectors narrowed by the
 * responder, transport mode when both ask for it, keys from {@code prf+(SK_d, Ni | Nr)}, and the pair
 * installed. A Child SA that fails leaves the IKE SA up, as the RFC has it; the reason is kept.
 */
final class ChildCreateTask implements IkeTask
{
    private static final int MIN_SPI = ChildSaFactory.MIN_SPI;

    private final IkeSaContext sa;
    private final boolean initiator;
    private int inboundSpi;
    private List<TrafficSelector> offeredLocal = List.of();
    private List<TrafficSelector> offeredRemote = List.of();
    private Proposal chosen;
    private List<TrafficSelector> narrowedInitiator = List.of();
    private List<TrafficSelector> narrowedResponder = List.of();
    private boolean transport;
    private int refusal;
    private String failure;

    ChildCreateTask(final IkeSaContext sa, final boolean initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    /** @return why the Child SA was not set up, or null when it was (or is still being). */
    String failure()
    {
        return failure;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        final ChildProfile child = sa.profile.child();
        if (initiator)
        {
            inboundSpi = sa.installer.allocateSpi();
            final List<Proposal> proposals = new ArrayList<>();
            for (final Proposal proposal : KeyExchangeGroups.withoutKeyExchange(child.espProposals()))
            {
                proposals.add(new Proposal(proposal.number(), proposal.protocol(), spiBytes(inboundSpi),
                    proposal.transforms()));
            }
            offeredLocal = Selectors.toWire(child.localTs(), sa.local.getAddress());
            offeredRemote = Selectors.toWire(child.remoteTs(), sa.remote.getAddress());
            if (child.transport())
            {
                draft.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
            }
            draft.add(new SecurityAssociationPayload(proposals));
            draft.add(new TrafficSelectorPayload(PayloadType.TSI, offeredLocal));
            draft.add(new TrafficSelectorPayload(PayloadType.TSR, offeredRemote));
            return TaskStatus.NEED_MORE;
        }
        if (refusal != 0)
        {
            draft.add(NotifyPayload.of(refusal, new byte[0]));
            return TaskStatus.DONE;
        }
        if (transport)
        {
            draft.add(NotifyPayload.of(NotifyType.USE_TRANSPORT_MODE, new byte[0]));
        }
        draft.add(new SecurityAssociationPayload(List.of(new Proposal(chosen.number(), chosen.protocol(),
            spiBytes(inboundSpi), chosen.transforms()))));
        draft.add(new TrafficSelectorPayload(PayloadType.TSI, narrowedInitiator));
        draft.add(new TrafficSelectorPayload(PayloadType.TSR, narrowedResponder));
        install(spiOf(chosen), narrowedInitiator, narrowedResponder);
        return TaskStatus.DONE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        return initiator ? processResponse(message) : processRequest(message);
    }

    private TaskStatus processResponse(final IkeMessage message)
    {
        for (final int error : new int[] {NotifyType.NO_PROPOSAL_CHOSEN, NotifyType.TS_UNACCEPTABLE,
            NotifyType.SINGLE_PAIR_REQUIRED, NotifyType.INTERNAL_ADDRESS_FAILURE, NotifyType.FAILED_CP_REQUIRED})
        {
            if (Notifies.first(message, error).isPresent())
            {
                failure = "the responder refused the Child SA: " + Notifies.name(error);
                return TaskStatus.DONE;
            }
        }
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final Optional<List<TrafficSelector>> tsi = selectors(message, PayloadType.TSI);
        final Optional<List<TrafficSelector>> tsr = selectors(message, PayloadType.TSR);
        if (sas.size() != 1 || tsi.isEmpty() || tsr.isEmpty())
        {
            failure = "IKE_AUTH response without the Child SA's SA, TSi and TSr payloads";
            return TaskStatus.DONE;
        }
        final List<Proposal> offered = KeyExchangeGroups.withoutKeyExchange(sa.profile.child().espProposals());
        final SelectionResult answer = ProposalAnswerCheck.check(offered, sas.getFirst().proposals());
        if (!(answer instanceof SelectionResult.Selected selected) ||
            Integer.compareUnsigned(spiOf(selected.proposal()), MIN_SPI) < 0)
        {
            failure = "unacceptable Child SA proposal in the response" +
                (answer instanceof SelectionResult.Rejected rejected ? ": " + rejected.explanation() : "");
            return TaskStatus.DONE;
        }
        if (!Selectors.within(tsi.get(), offeredLocal) || !Selectors.within(tsr.get(), offeredRemote))
        {
            failure = "the responder's traffic selectors " + tsi.get() + " === " + tsr.get() +
                " are not within ours";
            return TaskStatus.DONE;
        }
        chosen = selected.proposal();
        transport = sa.profile.child().transport() &&
            Notifies.first(message, NotifyType.USE_TRANSPORT_MODE).isPresent();
        install(spiOf(chosen), tsi.get(), tsr.get());
        return TaskStatus.DONE;
    }

    private TaskStatus processRequest(final IkeMessage message)
    {
        final ChildProfile child = sa.profile.child();
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final Optional<List<TrafficSelector>> tsi = selectors(message, PayloadType.TSI);
        final Optional<List<TrafficSelector>> tsr = selectors(message, PayloadType.TSR);
        if (sas.size() != 1 || tsi.isEmpty() || tsr.isEmpty())
        {
            return refuse(NotifyType.NO_PROPOSAL_CHOSEN, "IKE_AUTH request without SA, TSi and TSr payloads");
        }
        final SelectionResult result = ProposalSelector.select(
            KeyExchangeGroups.withoutKeyExchange(child.espProposals()), sas.getFirst().proposals(),
            sa.profile.preference());
        if (!(result instanceof SelectionResult.Selected selected) ||
            Integer.compareUnsigned(spiOf(selected.proposal()), MIN_SPI) < 0)
        {
            return refuse(NotifyType.NO_PROPOSAL_CHOSEN, "no acceptable Child SA proposal" +
                (result instanceof SelectionResult.Rejected rejected ? ": " + rejected.explanation() : ""));
        }
        narrowedInitiator = Selectors.narrow(tsi.get(), Selectors.toWire(child.remoteTs(), sa.remote.getAddress()));
        narrowedResponder = Selectors.narrow(tsr.get(), Selectors.toWire(child.localTs(), sa.local.getAddress()));
        if (narrowedInitiator.isEmpty() || narrowedResponder.isEmpty())
        {
            return refuse(NotifyType.TS_UNACCEPTABLE, "traffic selectors " + tsi.get() + " === " + tsr.get() +
                " do not meet " + child.name() + "'s " + child.remoteTs() + " === " + child.localTs());
        }
        chosen = selected.proposal();
        transport = child.transport() && Notifies.first(message, NotifyType.USE_TRANSPORT_MODE).isPresent();
        inboundSpi = sa.installer.allocateSpi();
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus refuse(final int notifyType, final String reason)
    {
        refusal = notifyType;
        failure = reason;
        return TaskStatus.NEED_MORE;
    }

    /** Derives the pair's keys (§2.17) and hands the pair to the installer. */
    private void install(final int outboundSpi, final List<TrafficSelector> initiatorTs,
        final List<TrafficSelector> responderTs)
    {
        final ChildSaFactory.Result result = ChildSaFactory.install(sa, new ChildSaFactory.Negotiated(
            sa.profile.child(), chosen, transport, inboundSpi, outboundSpi, initiatorTs, responderTs),
            sa.originalInitiator, null, null, sa.initiatorNonce, sa.responderNonce);
        failure = result.failure();
    }

    private static Optional<List<TrafficSelector>> selectors(final IkeMessage message, final int type)
    {
        return ChildSaFactory.selectors(message, type);
    }

    private static byte[] spiBytes(final int spi)
    {
        return ChildSaFactory.spiBytes(spi);
    }

    private static int spiOf(final Proposal proposal)
    {
        return ChildSaFactory.spiOf(proposal);
    }
}
