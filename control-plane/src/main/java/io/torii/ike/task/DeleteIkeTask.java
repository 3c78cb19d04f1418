package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.DeletePayload;
import io.torii.ike.proposal.Proposal;
import java.util.List;

/**
 * Deleting the IKE SA (RFC 7296 §1.4.1): an INFORMATIONAL request with a Delete payload of protocol IKE
 * and no SPIs; once answered (or given up on) the SA and all its Child SAs are gone.
 */
final class DeleteIkeTask implements IkeTask
{
    private final IkeSaContext sa;

    DeleteIkeTask(final IkeSaContext sa)
    {
        this.sa = sa;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        draft.add(new DeletePayload(Proposal.IKE, List.of()));
        return TaskStatus.NEED_MORE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        sa.deleted = true;
        return TaskStatus.DONE;
    }
}
