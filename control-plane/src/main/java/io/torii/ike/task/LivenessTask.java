package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;

/**
 * A liveness check (RFC 7296 §1.4, §2.4): an empty INFORMATIONAL request, answered empty. That an answer
 * came is all it learns; when none comes, the retransmission schedule gives up and the SA is dead.
 */
final class LivenessTask implements IkeTask
{
    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        return TaskStatus.NEED_MORE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        return TaskStatus.DONE;
    }
}
