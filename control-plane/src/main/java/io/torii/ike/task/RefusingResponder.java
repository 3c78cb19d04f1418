package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyPayload;

/**
 * Answers a request with one error notify and changes nothing, for requests that collide with an IKE
 * SA rekey: TEMPORARY_FAILURE tells the peer to try again later (RFC 7296 §2.25).
 */
final class RefusingResponder implements IkeTask
{
    private final IkeSaContext sa;
    private final int notifyType;
    private final String reason;

    /**
     * @param sa the IKE SA.
     * @param notifyType the error to answer with.
     * @param reason why, for the log.
     */
    RefusingResponder(final IkeSaContext sa, final int notifyType, final String reason)
    {
        this.sa = sa;
        this.notifyType = notifyType;
        this.reason = reason;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        sa.events.add("CREATE_CHILD_SA request refused with " + Notifies.name(notifyType) + ": " + reason);
        return TaskStatus.NEED_MORE;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        draft.add(NotifyPayload.of(notifyType, new byte[0]));
        return TaskStatus.DONE;
    }
}
