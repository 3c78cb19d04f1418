package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.DeletePayload;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.sa.ChildSa;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to any INFORMATIONAL request (RFC 7296 §1.4): an empty one to a liveness check or to
 * notifies; to a Delete of Child SAs, which names the peer's inbound SPIs (our outbound ones), a Delete
 * with our inbound SPIs of the same pairs after removing them; to a Delete of the IKE SA, an empty
 * answer, after which the SA is over. A pair that our own outstanding request deletes is removed but
 * not named, so that it is not deleted twice (§1.4.1); SPIs we do not know are ignored.
 */
final class InformationalResponder implements IkeTask
{
    private final IkeSaContext sa;
    private final List<Integer> answered = new ArrayList<>();

    InformationalResponder(final IkeSaContext sa)
    {
        this.sa = sa;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        for (final DeletePayload delete : message.payloadsOf(DeletePayload.class))
        {
            if (delete.protocol() == Proposal.IKE)
            {
                sa.deleted = true;
            }
            else if (delete.protocol() == Proposal.ESP)
            {
                delete.spis().forEach(this::deletePair);
            }
        }
        return TaskStatus.NEED_MORE;
    }

    private void deletePair(final int peerInboundSpi)
    {
        for (final ChildSa child : List.copyOf(sa.children))
        {
            if (child.outboundSpi() == peerInboundSpi)
            {
                if (!sa.deleting.remove(child))
                {
                    answered.add(child.inboundSpi());
                }
                ChildSaFactory.deleted(sa, child);
            }
        }
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        if (!sa.deleted && !answered.isEmpty())
        {
            draft.add(new DeletePayload(Proposal.ESP, answered));
        }
        return TaskStatus.DONE;
    }
}
