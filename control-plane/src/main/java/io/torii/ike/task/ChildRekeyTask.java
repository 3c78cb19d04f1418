package io.torii.ike.task;

import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.sa.ChildSa;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Rekeying a Child SA pair (RFC 7296 §1.3.3, §2.8), either role:
 * <pre>
 *   Initiator                                Responder
 *   HDR, SK {N(REKEY_SA), SA, Ni, [KEi], TSi, TSr}  -->
 *                                       <--  HDR, SK {SA, Nr, [KEr], TSi, TSr}
 * </pre>
 * REKEY_SA names the old pair by the initiator's inbound SPI; the selectors are the old pair's. The new
 * pair is installed make-before-break: the responder installs its inbound SA before it answers and its
 * outbound SA without sending with it; the initiator, on the answer, installs both and sends with the new
 * pair at once, then deletes the old one (§2.8), whose Delete makes the responder switch too. A deleted old
 * pair drains for a moment before it leaves the dataplane ({@link ChildSaStates#DRAIN_NANOS}).
 * Collisions are decided by {@link Collisions}; TEMPORARY_FAILURE, and any other failure, brings another
 * try after a random delay (§2.25), CHILD_SA_NOT_FOUND a new pair in place of the lost one.
 */
final class ChildRekeyTask implements IkeTask
{
    /**
     * A failed rekey is tried again after 15 s less up to 10 s, strongSwan's {@code RETRY_INTERVAL} and
     * {@code RETRY_JITTER}, so that peers that collide do not collide again.
     */
    private static final long RETRY_INTERVAL_SECONDS = 15;
    private static final long RETRY_JITTER_SECONDS = 10;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final IkeSaContext sa;
    private final boolean initiator;
    private ChildSa old;
    private ChildSaNegotiation negotiation;
    private NotifyPayload refusal;

    /**
     * @param sa the IKE SA.
     * @param old the pair to rekey when we initiate; null for the responder, which the request tells.
     */
    ChildRekeyTask(final IkeSaContext sa, final ChildSa old)
    {
        this.sa = sa;
        this.initiator = old != null;
        this.old = old;
    }

    /**
     * @param message a CREATE_CHILD_SA request.
     * @return true when it rekeys a Child SA: it carries a REKEY_SA notify for ESP.
     */
    static boolean rekeysChild(final IkeMessage message)
    {
        return Notifies.first(message, NotifyType.REKEY_SA).filter(n -> n.protocol() == Proposal.ESP).isPresent();
    }

    /** @return the pair we rekey; null for the responder. */
    ChildSa rekeyed()
    {
        return initiator ? old : null;
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

    /** Nothing goes out when the pair is gone or was rekeyed by the peer while our request waited. */
    private TaskStatus buildRequest(final MessageDraft draft)
    {
        final ChildSaStates.Entry entry = sa.childStates.get(old);
        if (entry == null || entry.phase != ChildSaStates.Phase.REKEYING || !sa.children.contains(old) ||
            sa.deleting.contains(old))
        {
            return TaskStatus.FAILED;
        }
        if (negotiation == null)
        {
            negotiation = new ChildSaNegotiation(sa, entry.profile);
        }
        draft.add(new NotifyPayload(Proposal.ESP, NotifyType.REKEY_SA, ChildSaFactory.spiBytes(old.inboundSpi()),
            new byte[0]));
        final String problem = negotiation.offer(draft, old.localTs(), old.remoteTs());
        if (problem != null)
        {
            retryLater(problem);
            return TaskStatus.FAILED;
        }
        entry.rekeySent = true;
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus processResponse(final IkeMessage message)
    {
        return switch (negotiation.read(message))
        {
            case RETRY -> TaskStatus.NEED_MORE;
            case REFUSED ->
            {
                if (negotiation.peerError() == NotifyType.CHILD_SA_NOT_FOUND)
                {
                    notFound();
                }
                else
                {
                    retryLater(negotiation.failure());
                }
                yield TaskStatus.FAILED;
            }
            case FAILED ->
            {
                retryLater(negotiation.failure());
                yield TaskStatus.FAILED;
            }
            case ACCEPTED -> completed();
        };
    }

    /** Our new pair is negotiated: what becomes of it depends on what the peer did meanwhile. */
    private TaskStatus completed()
    {
        final Collisions.OurRekey outcome = Collisions.onRekeyAnswered(sa, old, negotiation.lowerNonce());
        final ChildSaFactory.Result result = negotiation.install(true, outcome == Collisions.OurRekey.OLD_GONE ?
            null : old);
        if (result.failure() != null)
        {
            retryLater(result.failure());
            return TaskStatus.FAILED;
        }
        final ChildSa fresh = result.child();
        final ChildSaStates.Entry entry = sa.childStates.get(old);
        switch (outcome)
        {
            case OLD_GONE ->
            {
                sa.events.add("CHILD_SA " + fresh.name() + " rekeyed after it was deleted, deleting the new " +
                    "SPIs " + ChildSaFactory.hex(fresh.inboundSpi()) + "_i " +
                    ChildSaFactory.hex(fresh.outboundSpi()) + "_o");
                deleteNext(fresh);
            }
            case LOST ->
            {
                sa.events.add("CHILD_SA rekey collision lost, deleting redundant child " + fresh.name());
                adoptPeerReplacement(entry);
                deleteNext(fresh);
            }
            case REPLACE ->
            {
                ChildSaFactory.switchTo(sa, fresh);
                if (entry.peerReplacement != null)
                {
                    sa.events.add("CHILD_SA rekey collision won, deleting old child " + old.name());
                }
                entry.phase = ChildSaStates.Phase.REKEYED;
                entry.replacement = fresh;
                entry.switched = true;
                sa.events.add(ChildSaFactory.rekeyed(old, fresh));
                deleteNext(old);
            }
        }
        return TaskStatus.DONE;
    }

    /**
     * The peer's replacement takes over: we send with it once the peer deletes the old pair, or after
     * {@link ChildSaStates#SWITCH_DELAY_NANOS}.
     */
    private void adoptPeerReplacement(final ChildSaStates.Entry entry)
    {
        entry.phase = ChildSaStates.Phase.REKEYED;
        entry.replacement = entry.peerReplacement;
        entry.switched = false;
        entry.switchAt = sa.now + ChildSaStates.SWITCH_DELAY_NANOS;
    }

    private void deleteNext(final ChildSa pair)
    {
        sa.followUps.add(new FollowUp(ExchangeType.INFORMATIONAL, new DeleteChildTask(sa, pair)));
    }

    /**
     * §2.25: the peer has no such pair. Unless it was deleted meanwhile, we drop ours too, without a Delete
     * the peer could not match, and set up the child again, as strongSwan does.
     */
    private void notFound()
    {
        final ChildSaStates.Entry entry = sa.childStates.get(old);
        if (entry == null || !sa.children.contains(old) || sa.deleting.contains(old))
        {
            return;
        }
        sa.events.add("peer didn't find the CHILD_SA " + old.name() + " we tried to rekey, creating it again");
        ChildSaFactory.remove(sa, old);
        sa.followUps.add(new FollowUp(ExchangeType.CREATE_CHILD_SA, new CreateChildSaTask(sa, entry.profile)));
    }

    /**
     * The rekey failed: when the peer's own rekey of the pair completed meanwhile, its pair takes over;
     * otherwise another try follows after a random delay, until the pair's hard expiry.
     */
    private void retryLater(final String reason)
    {
        final ChildSaStates.Entry entry = sa.childStates.get(old);
        if (negotiation != null)
        {
            negotiation.close();
        }
        if (entry == null || !sa.children.contains(old) || entry.phase != ChildSaStates.Phase.REKEYING)
        {
            return;
        }
        if (entry.peerReplacement != null && sa.children.contains(entry.peerReplacement))
        {
            adoptPeerReplacement(entry);
            return;
        }
        final long seconds = RETRY_INTERVAL_SECONDS - sa.random.nextLong(RETRY_JITTER_SECONDS);
        entry.phase = ChildSaStates.Phase.INSTALLED;
        entry.rekeySent = false;
        entry.plan = new ChildLifetimePlan(true, sa.now + seconds * NANOS_PER_SECOND, entry.plan.expires(),
            entry.plan.expireAt(), entry.plan.dataplane());
        sa.events.add("CHILD_SA " + old.name() + " rekeying failed (" + reason + "), trying again in " + seconds +
            " seconds");
    }

    private TaskStatus processRequest(final IkeMessage message)
    {
        final Optional<NotifyPayload> notify = Notifies.first(message, NotifyType.REKEY_SA);
        final byte[] spiBytes = notify.map(NotifyPayload::spi).orElse(new byte[0]);
        final int spi = spiBytes.length == ChildSaFactory.ESP_SPI_LENGTH ? ByteBuffer.wrap(spiBytes).getInt() : 0;
        old = sa.children.stream().filter(pair -> pair.outboundSpi() == spi).findFirst().orElse(null);
        switch (Collisions.onPeerRekey(sa, old))
        {
            case NOT_FOUND ->
            {
                sa.events.add("unable to rekey, ESP CHILD_SA with SPI " + ChildSaFactory.hex(spi) + " not found");
                refusal = new NotifyPayload(Proposal.ESP, NotifyType.CHILD_SA_NOT_FOUND, spiBytes, new byte[0]);
            }
            case TEMPORARY_FAILURE ->
            {
                sa.events.add("unable to rekey CHILD_SA " + old.name() + ", we are deleting it");
                refusal = NotifyPayload.of(NotifyType.TEMPORARY_FAILURE, new byte[0]);
            }
            case PROCEED -> answer(message, false);
            case BOTH_REKEYING -> answer(message, true);
        }
        return TaskStatus.NEED_MORE;
    }

    /** Installs the peer's new pair before the answer goes out: inbound at once, outbound waiting. */
    private void answer(final IkeMessage message, final boolean bothRekeying)
    {
        final ChildSaStates.Entry entry = sa.childStates.get(old);
        negotiation = new ChildSaNegotiation(sa, null);
        if (!negotiation.select(message, List.of(entry.profile)) || !negotiation.acceptKeyExchange(message))
        {
            return;
        }
        final ChildSaFactory.Result result = negotiation.install(false, old);
        if (result.failure() != null)
        {
            sa.events.add("CHILD_SA " + old.name() + " not rekeyed: " + result.failure());
            negotiation.refuse(NotifyType.NO_ADDITIONAL_SAS, null);
            return;
        }
        final ChildSa fresh = result.child();
        sa.events.add(ChildSaFactory.rekeyed(old, fresh));
        if (bothRekeying)
        {
            entry.peerReplacement = fresh;
            entry.peerLowerNonce = negotiation.lowerNonce();
            return;
        }
        entry.phase = ChildSaStates.Phase.REKEYED;
        entry.replacement = fresh;
        entry.switched = false;
        entry.switchAt = sa.now + ChildSaStates.SWITCH_DELAY_NANOS;
    }

    private TaskStatus buildResponse(final MessageDraft draft)
    {
        if (refusal != null)
        {
            draft.add(refusal);
        }
        else
        {
            negotiation.answer(draft);
        }
        return TaskStatus.DONE;
    }
}
