package io.torii.ike.task;

import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.net.IkeDatagram;
import java.util.List;

/**
 * Holds back a message that lets the peer send with a new Child SA pair until the dataplane has applied the
 * pair (make-before-break, RFC 7296 §2.8): the answer to a CREATE_CHILD_SA request, after which the
 * initiator sends with the pair, and the Delete of a rekeyed pair, after which the rekey's responder does.
 * The installer's requests travel to the dataplane on a ring and the messages on a socket, so without the
 * wait a message could overtake the install and the peer's first packets on the new pair be dropped; swanctl
 * likewise waits for the kernel. It holds at most {@link #HOLD_NANOS}, so that a dataplane that never
 * answers delays the exchange but does not stop it.
 */
final class DataplaneGate
{
    /** The longest a message waits for the dataplane. */
    static final long HOLD_NANOS = 1_000_000_000L;

    private List<IkeDatagram> held = List.of();
    private long since;

    /**
     * @param out what to send now.
     * @param installer whether the dataplane has applied everything asked of it.
     * @param now the time.
     * @return {@code out} when the dataplane is settled, nothing otherwise: it is held.
     */
    List<IkeDatagram> pass(final List<IkeDatagram> out, final ChildSaInstaller installer, final long now)
    {
        if (out.isEmpty() || installer.settled())
        {
            return out;
        }
        held = out;
        since = now;
        return List.of();
    }

    /**
     * @param installer whether the dataplane has applied everything asked of it.
     * @param now the time.
     * @return what was held, once the dataplane is settled or it waited long enough; nothing otherwise.
     */
    List<IkeDatagram> release(final ChildSaInstaller installer, final long now)
    {
        if (held.isEmpty() || !installer.settled() && now - since < HOLD_NANOS)
        {
            return List.of();
        }
        final List<IkeDatagram> out = held;
        held = List.of();
        return out;
    }

    /** @return true while a message waits for the dataplane. */
    boolean holding()
    {
        return !held.isEmpty();
    }

    /** Drops what is held: the SA is over. */
    void clear()
    {
        held = List.of();
    }
}
