package io.torii.ike.daemon;

import io.torii.ike.task.IkeSession;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One IKE SA as the manager holds it: the session, and what the manager and the tunnel lifecycle know
 * of it beyond the session itself. Owned by the manager's thread.
 */
final class SaEntry
{
    final IkeSession session;
    final boolean responder;
    final long createdAt;
    final InetSocketAddress peer;
    IkeSession.State reported = IkeSession.State.CONNECTING;
    boolean answered;
    /** Whether it ever reached ESTABLISHED: only then do DPD and close actions apply when it ends. */
    boolean established;
    /** We asked for its end (a command, uniqueness): the peer did not close it, so no close_action. */
    boolean endedHere;
    /**
     * The children to bring up again should this SA, made by a DPD or close action, fail for lack of an
     * answer: a restart keeps trying on the retransmission schedule until the peer is back. Empty for none.
     */
    final Set<String> restartChildren = new LinkedHashSet<>();
    /** The names of its Child SAs when last seen: what a DPD or close action brings back. */
    final Set<String> children = new LinkedHashSet<>();
    /** Children we are deleting (command, hard lifetime): gone by our hand, so no close_action. */
    final Set<String> closing = new HashSet<>();
    /** The manager's timer passes it over until then while its session stays quiet ({@link IkeSession#quiet()}). */
    long nextQuietVisit;
    /** When to reauthenticate it, on the manager's clock; {@code Long.MIN_VALUE} for never. */
    long reauthAt;
    /** When it is deleted if its reauthentication has not completed: reauth time plus over time. */
    long expiresAt;
    /** Our SPI of the SA reauthenticating this one; 0 while none is under way. */
    long reauthBy;
    /** Our SPI of the SA this one reauthenticates, until that one is deleted; 0 for none. */
    long reauthOf;
    /** The connection it counts for in the daemon's {@link ConnectionPresence}; null while not counted. */
    String presentAs;
    /** Lifetime events already passed on, by inbound SPI and hardness, so that both directions' count once. */
    final Set<Long> lifetimeSignalled = new HashSet<>();

    SaEntry(final IkeSession session, final boolean responder, final long createdAt, final InetSocketAddress peer)
    {
        this.session = session;
        this.responder = responder;
        this.createdAt = createdAt;
        this.nextQuietVisit = createdAt;
        this.peer = peer;
    }

    /** @return our SPI of the SA, by which the manager finds it. */
    long spi()
    {
        return responder ? session.responderSpi() : session.initiatorSpi();
    }

    /** @return true while it is established or being set up, and no rekey replaced it. */
    boolean isLive()
    {
        final IkeSession.State state = session.state();
        return (state == IkeSession.State.ESTABLISHED || state == IkeSession.State.CONNECTING) &&
            !session.superseded();
    }
}
