package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;

/**
 * MOBIKE negotiation in IKE_AUTH (RFC 4555 §3.3): each side that may move announces MOBIKE_SUPPORTED, and
 * MOBIKE is in use when both did. The initiator announces it when its connection has {@code mobike = yes}
 * (swanctl.conf's default) and learns from the response; the responder answers only an initiator that
 * announced it, once IKE_AUTH has chosen the connection whose setting counts, as strongSwan does.
 */
final class MobikeSupportTask implements IkeTask
{
    private final IkeSaContext sa;
    private final boolean initiator;
    private boolean peerSupports;

    MobikeSupportTask(final IkeSaContext sa, final boolean initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        if (initiator)
        {
            if (sa.profile.mobike())
            {
                draft.add(NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED, new byte[0]));
            }
            return TaskStatus.NEED_MORE;
        }
        // The responder's connection is the one IKE_AUTH chose in process(), before this build.
        if (peerSupports && sa.profile.mobike())
        {
            draft.add(NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED, new byte[0]));
            sa.mobike = true;
        }
        return TaskStatus.DONE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        peerSupports = Notifies.first(message, NotifyType.MOBIKE_SUPPORTED).isPresent();
        if (initiator)
        {
            sa.mobike = peerSupports && sa.profile.mobike();
            return TaskStatus.DONE;
        }
        return TaskStatus.NEED_MORE;
    }
}
