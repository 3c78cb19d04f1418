package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.DeletePayload;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.sa.ChildSa;
import java.util.List;

/**
 * Deleting one Child SA pair (RFC 7296 §1.4.1): an INFORMATIONAL request with a Delete payload naming
 * our inbound SPI; the peer answers with its own, and the pair goes. When the peer's delete of the same
 * pair crossed ours, it is gone already and the answer names nothing.
 */
final class DeleteChildTask implements IkeTask
{
    private final IkeSaContext sa;
    private final ChildSa child;

    DeleteChildTask(final IkeSaContext sa, final ChildSa child)
    {
        this.sa = sa;
        this.child = child;
    }

    /** @return the pair this deletes. */
    ChildSa child()
    {
        return child;
    }

    /** @return {@link TaskStatus#FAILED} when the pair is gone already: nothing to send. */
    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        if (!sa.children.contains(child))
        {
            return TaskStatus.FAILED;
        }
        sa.deleting.add(child);
        draft.add(new DeletePayload(Proposal.ESP, List.of(child.inboundSpi())));
        return TaskStatus.NEED_MORE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        sa.deleting.remove(child);
        ChildSaFactory.deleted(sa, child);
        return TaskStatus.DONE;
    }
}
