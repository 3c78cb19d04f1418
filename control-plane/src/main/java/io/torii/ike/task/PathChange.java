package io.torii.ike.task;

import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.NatDetection;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What both ends of a MOBIKE address update (RFC 4555 §3.5) share: NAT detection redone in INFORMATIONAL
 * over the IKE SA's two SPIs (RFC 4555 §3.5, RFC 7296 §2.23), the IKE SA's endpoints replaced, and every
 * Child SA moved to them in the dataplane without a rekey, ESP in UDP exactly when a NAT is in the way.
 */
final class PathChange
{
    /** RFC 4555 §3.5 asks for at least 8 and at most 64 octets of COOKIE2 data. */
    static final int COOKIE2_MIN_LENGTH = 8;
    static final int COOKIE2_MAX_LENGTH = 64;
    /** Our COOKIE2 length, as strongSwan's. */
    static final int COOKIE2_LENGTH = 16;

    private PathChange()
    {
    }

    /**
     * @param cookie2 COOKIE2 notification data.
     * @return true when its length is one RFC 4555 §3.5 allows.
     */
    static boolean validCookie2(final byte[] cookie2)
    {
        return cookie2.length >= COOKIE2_MIN_LENGTH && cookie2.length <= COOKIE2_MAX_LENGTH;
    }

    /**
     * Adds NAT_DETECTION_SOURCE_IP over our end and NAT_DETECTION_DESTINATION_IP over the peer's. Forcing
     * encapsulation, the source hash is random, so that the peer keeps seeing a NAT (as in IKE_SA_INIT).
     */
    static void addNatDetection(final IkeSaContext sa, final MessageDraft draft, final InetSocketAddress local,
        final InetSocketAddress remote)
    {
        draft.add(NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, sa.profile.forceEncapsulation() ?
            sa.randomBytes(NatDetection.HASH_LENGTH) : NatDetection.hash(sa.initiatorSpi, sa.responderSpi, local)));
        draft.add(NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP,
            NatDetection.hash(sa.initiatorSpi, sa.responderSpi, remote)));
    }

    /** The NAT detection data of a message: the peer's hashes of its own end and of ours. */
    record NatHashes(List<byte[]> source, List<byte[]> destination)
    {
        static NatHashes of(final IkeMessage message)
        {
            return new NatHashes(
                Notifies.all(message, NotifyType.NAT_DETECTION_SOURCE_IP).stream().map(NotifyPayload::data).toList(),
                Notifies.all(message, NotifyType.NAT_DETECTION_DESTINATION_IP).stream().map(NotifyPayload::data)
                    .toList());
        }

        /** @return true when the message carried both kinds: the peer asks for, or answers, NAT detection. */
        boolean present()
        {
            return !source.isEmpty() && !destination.isEmpty();
        }

        /** @return whether a NAT changed the peer's end on the way; what was known before when nothing tells. */
        boolean remoteTranslated(final IkeSaContext sa, final InetSocketAddress remote)
        {
            return present() ? NatDetection.translated(sa.initiatorSpi, sa.responderSpi, remote, source) :
                sa.remoteBehindNat;
        }

        /** @return whether a NAT changed our end (or we force encapsulation); as before when nothing tells. */
        boolean localTranslated(final IkeSaContext sa, final InetSocketAddress local)
        {
            if (sa.profile.forceEncapsulation())
            {
                return true;
            }
            return present() ? NatDetection.translated(sa.initiatorSpi, sa.responderSpi, local, destination) :
                sa.localBehindNat;
        }
    }

    /**
     * Makes the new endpoints and NAT state the IKE SA's and moves every Child SA there.
     *
     * @param sa the IKE SA.
     * @param local our new end.
     * @param remote the peer's new end.
     * @param localBehindNat whether a NAT changes our end.
     * @param remoteBehindNat whether a NAT changes the peer's.
     */
    static void apply(final IkeSaContext sa, final InetSocketAddress local, final InetSocketAddress remote,
        final boolean localBehindNat, final boolean remoteBehindNat)
    {
        sa.local = local;
        sa.remote = remote;
        sa.localBehindNat = localBehindNat;
        sa.remoteBehindNat = remoteBehindNat;
        sa.events.add("IKE_SA " + sa.profile.name() + " moved to " + text(local) + " - " + text(remote) +
            (sa.natDetected() ? ", ESP in UDP (NAT " + (localBehindNat ? "here" : "there") + ")" : ", plain ESP"));
        for (final ChildSa child : sa.children)
        {
            final String problem = sa.installer.move(child, local, remote, sa.natDetected());
            if (problem != null)
            {
                sa.events.add("CHILD_SA " + child.name() + " with SPIs " + ChildSaFactory.hex(child.inboundSpi()) +
                    "_i " + ChildSaFactory.hex(child.outboundSpi()) + "_o not moved: " + problem);
            }
        }
    }

    /** @return an end as charon prints it, {@code 192.0.2.1[4500]}. */
    static String text(final InetSocketAddress end)
    {
        return end.getAddress().getHostAddress() + "[" + end.getPort() + "]";
    }
}
