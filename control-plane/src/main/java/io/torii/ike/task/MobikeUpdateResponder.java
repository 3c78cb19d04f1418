package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.net.IkeDatagram;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The responder's side of MOBIKE in an INFORMATIONAL request (RFC 4555 §3.5, §3.8), on an IKE SA that
 * negotiated MOBIKE. With UPDATE_SA_ADDRESSES, the IKE SA takes the addresses the request travelled between
 * (a new address of the peer, a NAT mapping that changed, or both), NAT detection is redone from the
 * request's NAT_DETECTION notifies, and every Child SA moves there in the dataplane: ESP goes in UDP exactly
 * when a NAT is in the way. Without it, nothing moves: the responder updates on UPDATE_SA_ADDRESSES only,
 * never on a packet merely arriving from elsewhere (§3.8). NAT detection asked for is answered over the
 * ends the request travelled between, and a COOKIE2 is echoed (§3.5).
 *
 * <p>Like strongSwan as a responder, no return routability check precedes the update: the request is
 * authenticated and from the peer, and the initiator, which chose the path, has already checked it (§3.5
 * leaves the responder's check optional). With NO_NATS_ALLOWED (§3.9) and a NAT found, the request is refused
 * with UNEXPECTED_NAT_DETECTED and nothing moves.
 */
final class MobikeUpdateResponder implements IkeTask
{
    private final IkeSaContext sa;
    private final InetSocketAddress arrivedAt;
    private final InetSocketAddress arrivedFrom;
    private PathChange.NatHashes natHashes;
    private byte[] cookie2;
    private boolean unexpectedNat;

    /**
     * @param sa the IKE SA.
     * @param request the request's datagram, as it arrived: its ends are the new path.
     */
    MobikeUpdateResponder(final IkeSaContext sa, final IkeDatagram request)
    {
        this.sa = sa;
        this.arrivedAt = request.local();
        this.arrivedFrom = request.remote();
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        natHashes = PathChange.NatHashes.of(message);
        cookie2 = Notifies.first(message, NotifyType.COOKIE2).map(NotifyPayload::data)
            .filter(PathChange::validCookie2).orElse(null);
        if (Notifies.first(message, NotifyType.UPDATE_SA_ADDRESSES).isEmpty())
        {
            return TaskStatus.NEED_MORE;
        }
        final boolean localBehindNat = natHashes.localTranslated(sa, arrivedAt);
        final boolean remoteBehindNat = natHashes.remoteTranslated(sa, arrivedFrom);
        final Optional<NotifyPayload> noNats = Notifies.first(message, NotifyType.NO_NATS_ALLOWED);
        if (noNats.isPresent() && (remoteBehindNat || localBehindNat && !sa.profile.forceEncapsulation()))
        {
            unexpectedNat = true;
            sa.events.add("IKE_SA " + sa.profile.name() + " not moved to " + PathChange.text(arrivedFrom) +
                ": the peer allows no NAT and one is in the way");
            return TaskStatus.NEED_MORE;
        }
        PathChange.apply(sa, arrivedAt, arrivedFrom, localBehindNat, remoteBehindNat);
        return TaskStatus.NEED_MORE;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        if (unexpectedNat)
        {
            draft.refuse(NotifyType.UNEXPECTED_NAT_DETECTED, new byte[0]);
            return TaskStatus.DONE;
        }
        if (natHashes != null && natHashes.present())
        {
            PathChange.addNatDetection(sa, draft, arrivedAt, arrivedFrom);
        }
        if (cookie2 != null)
        {
            draft.add(NotifyPayload.of(NotifyType.COOKIE2, cookie2));
        }
        return TaskStatus.DONE;
    }
}
