package io.torii.ike.task;

import io.torii.ike.crypto.KeyExchange;
import io.torii.ike.crypto.KeyExchanges;
import io.torii.ike.crypto.SharedSecretResult;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.KeyExchangePayload;
import io.torii.ike.message.payload.NoncePayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.message.payload.SecurityAssociationPayload;
import io.torii.ike.message.payload.TrafficSelectorPayload;
import io.torii.ike.proposal.KeyExchangeGroups;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.ProposalAnswerCheck;
import io.torii.ike.proposal.ProposalSelector;
import io.torii.ike.proposal.SelectionResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Rekeying the IKE SA (RFC 7296 §1.3.2, §2.18), a CREATE_CHILD_SA exchange on the old SA:
 * <pre>
 *   Initiator                                Responder
 *   HDR, SK {SA, Ni, KEi}               -->
 *                                       <--  HDR, SK {SA, Nr, KEr}
 * </pre>
 * It carries no TS payloads, which is how a responder tells it from a Child SA exchange, and its SA
 * payload holds IKE proposals with the sender's SPI of the new SA (8 bytes). A KE payload of a group
 * other than the one the responder selects is refused with INVALID_KE_PAYLOAD naming the group, and
 * the initiator tries again with it (§1.3); the initiator starts with the group the old SA negotiated, as
 * strongSwan does, so that this happens only when the peer's preferences differ. The new SA's keys come
 * from the old SA's SK_d and the new key exchange ({@link RekeyedIkeSa}); whoever initiated the rekey is
 * the new SA's original initiator.
 *
 * <p>The task only makes the new SA's state, the same for either role; the session decides what
 * becomes of it: the successor, or a redundant SA when both ends rekeyed at once (§2.8.2).
 */
final class IkeRekeyTask implements IkeTask
{
    /** What the exchange came to. */
    enum Outcome
    {
        /** Not answered yet (initiator) or not processed yet (responder). */
        PENDING,
        /** The new SA's state is ready: {@link #newSa()}. */
        REKEYED,
        /** The responder refused, or the answer was unusable; the old SA stays as it is. */
        FAILED
    }

    private final IkeSaContext sa;
    private final boolean initiator;
    private final LongSupplier spiSource;
    private Outcome outcome = Outcome.PENDING;
    private int group;
    private KeyExchange keyExchange;
    private long ownSpi;
    private byte[] ownNonce;
    private IkeSaContext newSa;
    private Proposal chosen;
    private int refusal;
    private byte[] refusalData = new byte[0];
    private int refusedWith;

    /**
     * @param sa the IKE SA being rekeyed.
     * @param initiator true when we start the rekey.
     * @param spiSource where our SPI of the new SA comes from.
     */
    IkeRekeyTask(final IkeSaContext sa, final boolean initiator, final LongSupplier spiSource)
    {
        this.sa = sa;
        this.initiator = initiator;
        this.spiSource = spiSource;
    }

    /**
     * @param message a CREATE_CHILD_SA request.
     * @return true when it rekeys the IKE SA: an SA payload of IKE proposals and no traffic selectors.
     */
    static boolean isIkeRekey(final IkeMessage message)
    {
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        return message.payloadsOf(TrafficSelectorPayload.class).isEmpty() &&
            sas.size() == 1 && !sas.getFirst().proposals().isEmpty() &&
            sas.getFirst().proposals().getFirst().protocol() == Proposal.IKE;
    }

    /** @return where the exchange stands. */
    Outcome outcome()
    {
        return outcome;
    }

    /** @return the new SA's state once {@link Outcome#REKEYED}, else null. */
    IkeSaContext newSa()
    {
        return newSa;
    }

    /** @return the error notify the responder answered with, or 0. */
    int refusedWith()
    {
        return refusedWith;
    }

    /** Zeroes the new SA's keys and the key exchange: the SA will not be used. */
    void discard()
    {
        closeKeyExchange();
        if (newSa != null)
        {
            newSa.destroy();
        }
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
        if (ownSpi == 0)
        {
            ownSpi = spiSource.getAsLong();
            group = firstGroup();
        }
        closeKeyExchange();
        if (!KeyExchanges.isSupported(group))
        {
            return failed("no supported key exchange group in the IKE proposals of " + sa.profile.name());
        }
        keyExchange = KeyExchanges.create(group, sa.random);
        ownNonce = sa.randomBytes(IkeInitTask.NONCE_LENGTH);
        final List<Proposal> proposals = new ArrayList<>();
        for (final Proposal proposal : sa.profile.ikeProposals())
        {
            proposals.add(new Proposal(proposal.number(), Proposal.IKE, spiBytes(ownSpi), proposal.transforms()));
        }
        draft.add(new SecurityAssociationPayload(proposals));
        draft.add(new NoncePayload(ownNonce));
        draft.add(new KeyExchangePayload(keyExchange.group(), keyExchange.publicValue()));
        return TaskStatus.NEED_MORE;
    }

    /**
     * The group IKE_SA_INIT (or the last rekey) settled on, as strongSwan reuses it, when the connection still
     * offers it; the connection's first group otherwise.
     */
    private int firstGroup()
    {
        final int negotiated = sa.ikeProposal == null ? 0 : KeyExchangeGroups.selectedGroup(sa.ikeProposal).orElse(0);
        return negotiated != 0 && KeyExchangeGroups.offers(sa.profile.ikeProposals(), negotiated) ? negotiated :
            KeyExchangeGroups.initiatorGroup(sa.profile.ikeProposals()).orElse(0);
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
            refusedWith = error.get().notifyType();
            return failed("the responder refused it with " + Notifies.name(refusedWith));
        }
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final List<NoncePayload> nonces = message.payloadsOf(NoncePayload.class);
        final List<KeyExchangePayload> kes = message.payloadsOf(KeyExchangePayload.class);
        if (sas.size() != 1 || nonces.size() != 1 || kes.size() != 1)
        {
            return failed("the response has not exactly one SA, Nonce and KE payload");
        }
        final SelectionResult answer = ProposalAnswerCheck.check(sa.profile.ikeProposals(),
            sas.getFirst().proposals());
        if (!(answer instanceof SelectionResult.Selected selected))
        {
            return failed("unacceptable IKE proposal in the response: " +
                ((SelectionResult.Rejected)answer).explanation());
        }
        final long peerSpi = spiOf(selected.proposal());
        if (peerSpi == 0)
        {
            return failed("the response's IKE proposal has no 8-byte SPI");
        }
        if (kes.getFirst().group() != group || KeyExchangeGroups.selectedGroup(selected.proposal()).orElse(-1) != group)
        {
            return failed("the responder's KE group " + kes.getFirst().group() + " is not the one we sent (" +
                group + ")");
        }
        return derive(selected.proposal(), kes.getFirst().data(), ownNonce, nonces.getFirst().nonce(), ownSpi,
            peerSpi);
    }

    /** §1.3: try again with the group the responder names, when we offered it and it is another. */
    private TaskStatus retryWith(final byte[] data)
    {
        if (data.length != 2)
        {
            return failed("INVALID_KE_PAYLOAD with " + data.length + " bytes of data, expected 2");
        }
        final int wanted = ByteBuffer.wrap(data).getShort() & 0xFFFF;
        if (wanted == group || !KeyExchangeGroups.offers(sa.profile.ikeProposals(), wanted) ||
            !KeyExchanges.isSupported(wanted))
        {
            return failed("the responder asked for key exchange group " + wanted + ", which we did not offer");
        }
        group = wanted;
        closeKeyExchange();
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus processRequest(final IkeMessage message)
    {
        final List<SecurityAssociationPayload> sas = message.payloadsOf(SecurityAssociationPayload.class);
        final List<NoncePayload> nonces = message.payloadsOf(NoncePayload.class);
        final List<KeyExchangePayload> kes = message.payloadsOf(KeyExchangePayload.class);
        if (sas.size() != 1 || nonces.size() != 1 || kes.size() != 1)
        {
            return refuse(NotifyType.INVALID_SYNTAX, "the request has not exactly one SA, Nonce and KE payload");
        }
        final SelectionResult result = ProposalSelector.select(sa.profile.ikeProposals(),
            sas.getFirst().proposals(), sa.profile.preference());
        if (!(result instanceof SelectionResult.Selected selected))
        {
            return refuse(NotifyType.NO_PROPOSAL_CHOSEN, "no acceptable IKE proposal: " +
                ((SelectionResult.Rejected)result).explanation());
        }
        final long peerSpi = spiOf(selected.proposal());
        if (peerSpi == 0)
        {
            return refuse(NotifyType.NO_PROPOSAL_CHOSEN, "the selected IKE proposal has no 8-byte SPI");
        }
        final int chosenGroup = KeyExchangeGroups.selectedGroup(selected.proposal()).orElse(0);
        if (kes.getFirst().group() != chosenGroup || !KeyExchanges.isSupported(chosenGroup))
        {
            refusalData = new byte[] {(byte)(chosenGroup >>> 8), (byte)chosenGroup};
            return refuse(NotifyType.INVALID_KE_PAYLOAD, "the request's KE is of group " + kes.getFirst().group() +
                ", we chose " + chosenGroup);
        }
        keyExchange = KeyExchanges.create(chosenGroup, sa.random);
        ownNonce = sa.randomBytes(IkeInitTask.NONCE_LENGTH);
        ownSpi = spiSource.getAsLong();
        chosen = new Proposal(selected.proposal().number(), Proposal.IKE, spiBytes(ownSpi),
            selected.proposal().transforms());
        final TaskStatus status = derive(selected.proposal(), kes.getFirst().data(), nonces.getFirst().nonce(),
            ownNonce, peerSpi, ownSpi);
        if (status == TaskStatus.FAILED)
        {
            return refuse(NotifyType.NO_PROPOSAL_CHOSEN, null);
        }
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus buildResponse(final MessageDraft draft)
    {
        if (refusal != 0)
        {
            draft.add(NotifyPayload.of(refusal, refusalData));
            return TaskStatus.DONE;
        }
        draft.add(new SecurityAssociationPayload(List.of(chosen)));
        draft.add(new NoncePayload(ownNonce));
        draft.add(new KeyExchangePayload(keyExchange.group(), keyExchange.publicValue()));
        closeKeyExchange();
        return TaskStatus.DONE;
    }

    /** g^ir with the peer's public value, then the new SA's state; the secret is zeroed either way. */
    private TaskStatus derive(final Proposal selected, final byte[] peerPublic, final byte[] ni, final byte[] nr,
        final long spiI, final long spiR)
    {
        final SharedSecretResult shared = keyExchange.sharedSecret(peerPublic);
        if (initiator)
        {
            closeKeyExchange();
        }
        if (!shared.isSuccess())
        {
            return failed("the peer's key exchange value was refused: " + shared.failure());
        }
        final byte[] secret = shared.secret();
        try
        {
            final RekeyedIkeSa.Result result = RekeyedIkeSa.derive(sa, initiator, selected, secret, ni, nr, spiI,
                spiR);
            if (result.failure() != null)
            {
                return failed(result.failure());
            }
            newSa = result.sa();
            outcome = Outcome.REKEYED;
            return TaskStatus.DONE;
        }
        finally
        {
            Arrays.fill(secret, (byte)0);
        }
    }

    private TaskStatus refuse(final int notifyType, final String reason)
    {
        refusal = notifyType;
        outcome = Outcome.FAILED;
        closeKeyExchange();
        if (reason != null)
        {
            sa.events.add("IKE_SA rekey request refused with " + Notifies.name(notifyType) + ": " + reason);
        }
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus failed(final String reason)
    {
        outcome = Outcome.FAILED;
        closeKeyExchange();
        sa.events.add("IKE_SA rekeying failed: " + reason);
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

    static byte[] spiBytes(final long spi)
    {
        return ByteBuffer.allocate(Long.BYTES).putLong(spi).array();
    }

    /** @return the proposal's 8-byte IKE SPI, or 0 when it has none of that size. */
    private static long spiOf(final Proposal proposal)
    {
        final byte[] spi = proposal.spi();
        return spi.length == Long.BYTES ? ByteBuffer.wrap(spi).getLong() : 0;
    }
}
