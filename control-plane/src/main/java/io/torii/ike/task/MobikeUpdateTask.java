package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The initiator's side of a MOBIKE address update (RFC 4555 §3.5): our address changed, so the INFORMATIONAL
 * request goes out from the new one with UPDATE_SA_ADDRESSES, NAT detection over the new path and a fresh
 * COOKIE2. The response must echo the COOKIE2 (a mismatch fails the IKE SA, as in strongSwan); its NAT
 * detection says whether ESP goes in UDP, and every Child SA then moves to the new path in the dataplane.
 * Retransmissions go out from the new address too.
 */
final class MobikeUpdateTask implements IkeTask
{
    private final IkeSaContext sa;
    private final InetSocketAddress newLocal;
    private byte[] cookie2;

    /**
     * @param sa the IKE SA, with MOBIKE negotiated.
     * @param newLocal our new address and port.
     */
    MobikeUpdateTask(final IkeSaContext sa, final InetSocketAddress newLocal)
    {
        this.sa = sa;
        this.newLocal = newLocal;
    }

    /** @return the address we move to. */
    InetSocketAddress newLocal()
    {
        return newLocal;
    }

    @Override
    public TaskStatus build(final MessageDraft draft)
    {
        // The session sends from sa.local: the request must leave from the new address (§3.5).
        sa.local = newLocal;
        cookie2 = sa.randomBytes(PathChange.COOKIE2_LENGTH);
        draft.add(NotifyPayload.of(NotifyType.UPDATE_SA_ADDRESSES, new byte[0]));
        draft.add(NotifyPayload.of(NotifyType.COOKIE2, cookie2.clone()));
        PathChange.addNatDetection(sa, draft, sa.local, sa.remote);
        return TaskStatus.NEED_MORE;
    }

    @Override
    public TaskStatus process(final IkeMessage message)
    {
        final Optional<NotifyPayload> error = Notifies.firstError(message);
        if (error.isPresent())
        {
            sa.events.add("IKE_SA " + sa.profile.name() + " not moved to " + PathChange.text(newLocal) +
                ": the peer answered " + Notifies.name(error.get().notifyType()));
            return TaskStatus.DONE;
        }
        final byte[] echoed = Notifies.first(message, NotifyType.COOKIE2).map(NotifyPayload::data)
            .orElse(new byte[0]);
        if (!MessageDigest.isEqual(cookie2, echoed))
        {
            return sa.fail("the peer's answer to UPDATE_SA_ADDRESSES did not echo our COOKIE2 (RFC 4555 §3.5)");
        }
        final PathChange.NatHashes natHashes = PathChange.NatHashes.of(message);
        PathChange.apply(sa, sa.local, sa.remote, natHashes.localTranslated(sa, sa.local),
            natHashes.remoteTranslated(sa, sa.remote));
        return TaskStatus.DONE;
    }
}
