package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;

/**
 * The negotiation of IKE fragmentation in IKE_SA_INIT (RFC 7383 §2.3), as strongSwan's ike_init does it:
 * the initiator announces IKEV2_FRAGMENTATION_SUPPORTED unless its connection says {@code fragmentation =
 * no}; the responder answers with the same notify only when the request carried it and its connection
 * does not say no. Fragmentation is then in use for the SA when both sent the notify; whether our own
 * messages go in fragments is up to the connection ({@code accept} never sends any), whether the peer's
 * may is not: fragments are taken from any peer.
 */
final class FragmentationTask implements IkeTask
{
    private final IkeSaContext sa;
    private final boolean initiator;
    private boolean peerAnnounced;

    FragmentationTask(final IkeSaContext sa, final boolean initiator)
    {
        this.sa = sa;
        this.initiator = initiator;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        if (sa.failure != null)
        {
            return TaskStatus.DONE;
        }
        final boolean announce = sa.profile.fragmentation().announces() && (initiator || peerAnnounced);
        if (announce)
        {
            draft.add(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0]));
        }
        if (!initiator)
        {
            sa.fragmentation = announce;
        }
        return initiator ? TaskStatus.NEED_MORE : TaskStatus.DONE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        peerAnnounced = Notifies.first(message, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED).isPresent();
        if (initiator)
        {
            sa.fragmentation = peerAnnounced && sa.profile.fragmentation().announces();
        }
        return TaskStatus.DONE;
    }
}
