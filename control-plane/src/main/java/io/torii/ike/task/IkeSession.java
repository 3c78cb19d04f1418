package io.torii.ike.task;

import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.message.DecodeResult;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeHeaderFlyweight;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.IkeMessageDecoder;
import io.torii.ike.message.IkeMessageEncoder;
import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.SkCipher;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.sa.ChildProfile;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.IkeIdentity;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One IKE SA's task manager (strongSwan's {@code task_manager}, RFC 7296 §2.1 to §2.3): it runs the
 * initial exchanges, IKE_SA_INIT and IKE_AUTH with the first Child SA (§1.2), then the exchanges either
 * side starts on the established SA: CREATE_CHILD_SA for more Child SAs (§1.3.1) and INFORMATIONAL for
 * deletes and liveness checks (§1.4), as tasks. It owns what tasks leave alone: encryption, two message ID
 * counters (§2.2: one for the requests we send, one for those we receive), a window of one request each
 * way, our exchanges queued behind the one in flight, retransmission of our unanswered request on
 * strongSwan's schedule, the copy of our last response for the peer's retransmissions (§2.1), dead peer
 * detection after {@code dpd_delay} of silence, floating to the NAT-T port (§2.23), and IKE fragmentation
 * (RFC 7383): oversized encrypted messages go out as fragments, which are retransmitted and cached together,
 * and the peer's fragments are collected per direction and processed as one message. Parts of that state
 * live in small helpers of their own: our request in flight ({@link Retransmission}), the peer's next
 * message ID and our last response ({@link ResponseCache}), the peer's fragments and the fragment counts
 * ({@link FragmentIntake}), NAT keepalives ({@link NatKeepalives}), and the choice of the tasks that answer
 * the peer's requests ({@link Responders}).
 *
 * <p>A request of the peer that arrives while ours is in flight is answered at once, as any other; what
 * follows when the two concern the same Child SA or the IKE SA itself (§1.4.1, §2.8.1, §2.8.2, §2.25) is
 * decided in one place, {@link Collisions}, whose table lists every collision and its outcome.
 * Child SAs are rekeyed make-before-break (§2.8) on request, by time from their child's lifetimes, and on
 * the dataplane's byte and packet events; a task's follow-up exchange (the Delete of the old pair) goes
 * ahead of what is queued.
 *
 * <p>Rekeying the IKE SA (§2.8, §2.18) makes a successor session, with the new SPIs and keys, message
 * IDs from 0 and this SA's Child SAs, which stay installed as they are; {@link #takeSuccessor()} hands it
 * to the daemon, together with our exchanges for Child SAs not yet started here, made again for it
 * ({@link CarryOver}). This SA is then superseded: the rekey's initiator deletes it, the responder waits for
 * that Delete, which removes nothing from the dataplane.
 *
 * <p>Single-threaded: the IKE handler that owns the SA drives it. Malformed or unexpected messages are
 * dropped and counted by reason; they never change the SA.
 */
public final class IkeSession
{
    /** Where the SA stands. */
    public enum State
    {
        /** The initial exchanges are under way. */
        CONNECTING,
        /** IKE_AUTH completed: the IKE SA is up (its first Child SA may still have failed). */
        ESTABLISHED,
        /** The IKE SA was deleted, by either side (or locally after we asked and got no answer). */
        CLOSED,
        /** The SA failed, or the peer stopped answering; see {@link #failure()}. */
        FAILED
    }

    private static final int IKE_SA_INIT_ID = 0;
    private static final int IKE_AUTH_ID = 1;

    private final IkeSaContext sa;
    private final Map<MalformedReason, Long> dropped = new EnumMap<>(MalformedReason.class);
    private final ArrayDeque<Exchange> queued = new ArrayDeque<>();
    private State state = State.CONNECTING;
    private long unexpected;
    private ChildCreateTask childTask;
    private long lastHeard;
    private final NatKeepalives keepalives = new NatKeepalives();

    private int nextRequestId;
    private Exchange outstanding;
    /** Our request in flight, one datagram or its fragments, and its retransmission. */
    private final Retransmission request;

    /** The peer's next request ID, and our last response for its retransmissions. */
    private final ResponseCache responses = new ResponseCache();

    /** Answers to CREATE_CHILD_SA and Deletes after a rekey wait here until the dataplane has the new pair. */
    private final DataplaneGate gate = new DataplaneGate();
    private final FragmentIntake fragments = new FragmentIntake();

    private final IkeRekeying rekeying;
    private final Responders responders;

    /** What became of fragments, ours and the peer's, for {@link #fragmentCounts()}. */
    public enum FragmentEvent
    {
        /** A fragment of ours sent, retransmissions included. */
        SENT,
        /** A fragment of the peer's kept for reassembly. */
        RECEIVED,
        /** A fragment whose number was already in. */
        DUPLICATE,
        /** A fragment of an older message, or one the SA does not expect now. */
        STALE,
        /** A message refused for too many fragments or bytes. */
        TOO_LARGE,
        /** A message reassembled. */
        REASSEMBLED
    }

    /** An exchange we start: its type and the tasks that build the request and read the response. */
    private record Exchange(int type, List<IkeTask> tasks)
    {
    }

    private IkeSession(final IkeSaContext sa, final RetransmitSchedule retransmit)
    {
        this.sa = sa;
        this.request = new Retransmission(retransmit);
        this.rekeying = new IkeRekeying(sa);
        this.responders = new Responders(sa);
    }

    /**
     * The session of an IKE SA a rekey made (§2.18): established, message IDs from 0.
     *
     * @param sa the new SA's state, with its Child SAs.
     * @param now the time.
     * @return the session.
     */
    static IkeSession rekeyed(final IkeSaContext sa, final long now)
    {
        final IkeSession session = new IkeSession(sa, sa.profile.retransmit());
        session.state = State.ESTABLISHED;
        session.lastHeard = now;
        return session;
    }

    /**
     * An SA we start.
     *
     * @param profile the connection.
     * @param local our address and port (500 unless configured otherwise).
     * @param remote the peer's.
     * @param random nonces, key exchanges and IVs come from it.
     * @param installer where the Child SA goes.
     * @param initiatorSpi our SPI, not 0.
     * @return the session; {@link #start} sends its first message.
     */
    public static IkeSession initiate(final PeerProfile profile, final InetSocketAddress local,
        final InetSocketAddress remote, final SecureRandom random, final ChildSaInstaller installer,
        final long initiatorSpi)
    {
        final IkeSaContext sa = new IkeSaContext(true, random, installer, List.of(profile));
        sa.profile = profile;
        sa.initiatorSpi = initiatorSpi;
        sa.local = local;
        sa.remote = remote;
        return new IkeSession(sa, profile.retransmit());
    }

    /**
     * An SA a peer starts: made for an IKE_SA_INIT request, which goes to {@link #receive} next.
     *
     * @param candidates the connections that may answer it, in order of preference.
     * @param random nonces, key exchanges and IVs come from it.
     * @param installer where the Child SA goes.
     * @param initiatorSpi SPIi from the request.
     * @param responderSpi our SPI, not 0.
     * @param request the request's datagram, for its ends.
     * @return the session.
     */
    public static IkeSession respond(final List<PeerProfile> candidates, final SecureRandom random,
        final ChildSaInstaller installer, final long initiatorSpi, final long responderSpi,
        final IkeDatagram request)
    {
        if (candidates.isEmpty())
        {
            throw new IllegalArgumentException("a responder needs at least one connection");
        }
        final IkeSaContext sa = new IkeSaContext(false, random, installer, candidates);
        sa.profile = candidates.getFirst();
        sa.initiatorSpi = initiatorSpi;
        sa.responderSpi = responderSpi;
        sa.local = request.local();
        sa.remote = request.remote();
        return new IkeSession(sa, candidates.getFirst().retransmit());
    }

    /**
     * @param now the time, on the clock {@link #onTimer} uses.
     * @return the IKE_SA_INIT request to send.
     * @throws IllegalStateException when this is not a fresh SA we initiate.
     */
    public List<IkeDatagram> start(final long now)
    {
        if (!sa.originalInitiator || outstanding != null || nextRequestId != 0 || state != State.CONNECTING)
        {
            throw new IllegalStateException("start() is for a new SA we initiate");
        }
        return send(new Exchange(ExchangeType.IKE_SA_INIT, List.of(new IkeInitTask(sa, true),
            new CertificateHintsTask(sa, true), new FragmentationTask(sa, true))), now);
    }

    /**
     * Queues a CREATE_CHILD_SA exchange for another Child SA (§1.3.1).
     *
     * @param child one of the connection's children.
     * @param now the time.
     * @return the request, when no other exchange of ours is in flight; it is sent later otherwise.
     */
    public List<IkeDatagram> createChild(final ChildProfile child, final long now)
    {
        return enqueue(new Exchange(ExchangeType.CREATE_CHILD_SA, List.of(new CreateChildSaTask(sa, child))), now);
    }

    /**
     * Queues the rekey of a Child SA pair (§1.3.3, §2.8): a new pair replaces it make-before-break and the
     * old one is deleted; nothing happens when the pair is being rekeyed or deleted already.
     *
     * @param child one of {@link #children()}.
     * @param now the time.
     * @return the request, when no other exchange of ours is in flight.
     */
    public List<IkeDatagram> rekeyChild(final ChildSa child, final long now)
    {
        if (isOver() || !sa.childStates.beginRekey(child, sa.children, sa.deleting))
        {
            return List.of();
        }
        return enqueue(new Exchange(ExchangeType.CREATE_CHILD_SA, List.of(new ChildRekeyTask(sa, child))), now);
    }

    /**
     * The dataplane reports that an SA of a pair crossed its byte or packet limit: the soft one rekeys the
     * pair (once), the hard one deletes it.
     *
     * @param spi either SPI of the pair.
     * @param hard true for the hard limit.
     * @param now the time.
     * @return the request, when no other exchange of ours is in flight; nothing for an SPI of no pair.
     */
    public List<IkeDatagram> childLifetimeReached(final int spi, final boolean hard, final long now)
    {
        final ChildSa child = sa.childStates.bySpi(spi);
        if (child == null)
        {
            return List.of();
        }
        return hard ? expireChild(child, now) : rekeyChild(child, now);
    }

    private List<IkeDatagram> expireChild(final ChildSa child, final long now)
    {
        sa.events.add("CHILD_SA " + child.name() + " with SPIs " + ChildSaFactory.hex(child.inboundSpi()) + "_i " +
            ChildSaFactory.hex(child.outboundSpi()) + "_o expired, deleting it");
        return deleteChild(child, now);
    }

    /** Rekeys and expiries by time, replacements the responder sends with, drained pairs removed. */
    private List<IkeDatagram> childTimers(final long now)
    {
        if (state != State.ESTABLISHED)
        {
            return List.of();
        }
        final ChildSaStates.Due due = sa.childStates.due(now, sa.deleting);
        due.drained().forEach(child -> ChildSaFactory.drained(sa, child));
        due.switchTo().forEach(child -> ChildSaFactory.switchTo(sa, child));
        final List<IkeDatagram> out = new ArrayList<>();
        due.expire().forEach(child -> out.addAll(expireChild(child, now)));
        due.rekey().forEach(child -> out.addAll(rekeyChild(child, now)));
        return out;
    }

    /**
     * Queues the Delete of a Child SA pair (§1.4.1).
     *
     * @param child one of {@link #children()}.
     * @param now the time.
     * @return the request, when no other exchange of ours is in flight.
     */
    public List<IkeDatagram> deleteChild(final ChildSa child, final long now)
    {
        return enqueue(new Exchange(ExchangeType.INFORMATIONAL, List.of(new DeleteChildTask(sa, child))), now);
    }

    /**
     * Deletes the IKE SA and with it every Child SA (§1.4.1): what is queued is dropped, and the Delete goes
     * out once the exchange in flight, if any, ends.
     *
     * @param now the time.
     * @return the request, when no other exchange of ours is in flight.
     */
    public List<IkeDatagram> deleteIke(final long now)
    {
        queued.clear();
        return enqueue(new Exchange(ExchangeType.INFORMATIONAL, List.of(new DeleteIkeTask(sa))), now);
    }

    /**
     * Ends the SA here without a word to the peer (strongSwan's forced delete): its Child SAs leave the
     * dataplane and its keys are zeroed. For an SA the peer no longer holds, as its INITIAL_CONTACT says.
     *
     * @param why the log line.
     */
    public void abandon(final String why)
    {
        if (!isOver())
        {
            close(why);
        }
    }

    /**
     * @param send whether our IKE_AUTH request carries INITIAL_CONTACT (RFC 7296 §3.10.1); set before
     *        {@link #start}.
     */
    public void sendInitialContact(final boolean send)
    {
        sa.sendInitialContact = send;
    }

    /** @return true when the peer's IKE_AUTH request carried INITIAL_CONTACT. */
    public boolean peerInitialContact()
    {
        return sa.peerInitialContact;
    }

    /** @return the peer's identity as IKE_AUTH authenticated it; null before. */
    public IkeIdentity peerIdentity()
    {
        return sa.peerIdentity;
    }

    /**
     * Queues a liveness check: an empty INFORMATIONAL request (§1.4).
     *
     * @param now the time.
     * @return the request, when no other exchange of ours is in flight.
     */
    public List<IkeDatagram> checkLiveness(final long now)
    {
        return enqueue(new Exchange(ExchangeType.INFORMATIONAL, List.of(new LivenessTask())), now);
    }

    /**
     * MOBIKE (RFC 4555 §3.5): our address changed, so tell the peer with UPDATE_SA_ADDRESSES from the new
     * one; once it answers, the Child SAs move there in the dataplane, without a rekey.
     *
     * @param newLocal our new address and port.
     * @param now the time.
     * @return the request, when no other exchange of ours is in flight; nothing when MOBIKE was not
     *         negotiated (the SA then cannot move: reauthenticate instead).
     */
    public List<IkeDatagram> updateAddresses(final InetSocketAddress newLocal, final long now)
    {
        if (!sa.mobike)
        {
            return List.of();
        }
        return enqueue(new Exchange(ExchangeType.INFORMATIONAL, List.of(new MobikeUpdateTask(sa, newLocal))), now);
    }

    /**
     * Queues the rekeying of the IKE SA (§1.3.2): CREATE_CHILD_SA with IKE proposals, our new SPI, a nonce
     * and a key exchange. Once answered, the new SA is the successor ({@link #takeSuccessor()}) and this one
     * is deleted. Nothing happens when the SA is not established, was replaced, or a rekey is already on.
     *
     * @param now the time.
     * @return the request, when no other exchange of ours is in flight.
     */
    public List<IkeDatagram> rekeyIke(final long now)
    {
        final boolean already = ourRekeyInFlight() != null ||
            queued.stream().anyMatch(exchange -> exchange.tasks().getFirst() instanceof IkeRekeyTask);
        if (state != State.ESTABLISHED || superseded() || already)
        {
            return List.of();
        }
        return enqueue(new Exchange(ExchangeType.CREATE_CHILD_SA,
            List.of(new IkeRekeyTask(sa, true, rekeying.spiSource()))), now);
    }

    /**
     * @return the session of the IKE SA that a rekey made, each once, oldest first: the successor that now
     *         holds this SA's Child SAs, or a redundant SA of a rekey collision that lives only until it is
     *         deleted ({@link #superseded()}); null when there is none (left).
     */
    public IkeSession takeSuccessor()
    {
        return rekeying.takeSuccessor();
    }

    /**
     * @param source where a rekey draws our SPI of the new IKE SA; the daemon's keeps SPIs unique and in
     *        the handler's shard. The default draws a random non-zero value.
     */
    public void spiSource(final LongSupplier source)
    {
        rekeying.spiSource(source);
    }

    /**
     * @return true when this SA no longer carries the tunnel: a rekey replaced it, or a rekey collision
     *         made it redundant; it waits only to be deleted, and takes no Child SAs with it.
     */
    public boolean superseded()
    {
        return rekeying.superseded();
    }

    /**
     * @return true when nothing of this SA waits on a short timer: established, no request of ours in flight or
     *         queued, no answer held for the dataplane, not superseded. What its {@link #onTimer} can still find
     *         due (dead peer detection, rekeying, lifetimes, keepalives, delayed deletes) is set in seconds, so a
     *         caller may visit a quiet SA a few times a second instead of every tick.
     */
    public boolean quiet()
    {
        return state == State.ESTABLISHED && !request.inFlight() && queued.isEmpty() && !gate.holding() &&
            !superseded();
    }

    /** @return true when we are the SA's original initiator (for a rekeyed SA: we initiated the rekey). */
    public boolean originalInitiator()
    {
        return sa.originalInitiator;
    }

    /**
     * @param datagram a message for this SA.
     * @param now the time.
     * @return what to send in return: a response, the next request, or nothing.
     */
    public List<IkeDatagram> receive(final IkeDatagram datagram, final long now)
    {
        if (isOver())
        {
            return List.of();
        }
        sa.now = now;
        final byte[] raw = datagram.message();
        final SkCipher cipher = sa.ciphers == null ? null : sa.ciphers.inbound(sa.originalInitiator);
        final DecodeResult decoded = IkeMessageDecoder.decode(raw, 0, raw.length, cipher);
        if (!decoded.isOk())
        {
            dropped.merge(decoded.reason(), 1L, Long::sum);
            return decoded.reason() == MalformedReason.UNSUPPORTED_CRITICAL_PAYLOAD ?
                refuseUnsupportedCritical(raw, datagram, decoded.verdict().payloadType()) : List.of();
        }
        final IkeMessage message = decoded.message();
        if (message.initiatorSpi() != sa.initiatorSpi || message.initiator() == sa.originalInitiator)
        {
            unexpected++;
            return List.of();
        }
        if (message.fragment() != null)
        {
            return onFragment(message, raw, datagram, now);
        }
        return message.response() ? onResponse(message, raw, now) : onRequest(message, raw, datagram, now);
    }

    /**
     * RFC 7383 §2.6: a fragment of the response we wait for or of the request we expect is collected; once
     * all are in, the message is processed as if it had come whole. A fragment of the request we answered
     * last brings our response again only when it is fragment 1 (§2.6.1), so that a retransmitted request
     * in many fragments does not bring as many responses.
     */
    private List<IkeDatagram> onFragment(final IkeMessage message, final byte[] raw, final IkeDatagram datagram,
        final long now)
    {
        if (message.response())
        {
            if (outstanding == null || message.messageId() != nextRequestId ||
                message.exchangeType() != outstanding.type())
            {
                return countFragment(FragmentEvent.STALE);
            }
        }
        else
        {
            if (responses.answeredLast(message.messageId()))
            {
                countFragment(FragmentEvent.DUPLICATE);
                return message.fragment().number() == 1 ? resendResponse(datagram) : List.of();
            }
            if (message.messageId() != responses.expectedRequestId())
            {
                return countFragment(FragmentEvent.STALE);
            }
        }
        final DecodeResult whole = fragments.add(message);
        if (whole == null)
        {
            return List.of();
        }
        if (!whole.isOk())
        {
            dropped.merge(whole.reason(), 1L, Long::sum);
            return List.of();
        }
        return message.response() ? onResponse(whole.message(), raw, now) :
            onRequest(whole.message(), raw, datagram, now);
    }

    private List<IkeDatagram> countFragment(final FragmentEvent event)
    {
        fragments.count(event);
        return List.of();
    }

    /** Our last response again, all its fragments, to where the request came from. */
    private List<IkeDatagram> resendResponse(final IkeDatagram datagram)
    {
        return datagrams(datagram.local(), responses.lastResponseTo(), responses.lastResponse());
    }

    /** @return the datagrams from one end to the other, counting the fragments among them. */
    private List<IkeDatagram> datagrams(final InetSocketAddress from, final InetSocketAddress to,
        final List<byte[]> messages)
    {
        if (messages.size() > 1)
        {
            fragments.sent(messages.size());
        }
        return messages.stream().map(message -> new IkeDatagram(from, to, message)).toList();
    }

    /**
     * @param now the time.
     * @return a retransmitted request or a liveness check when one is due; the SA fails when the
     *         retransmission schedule gives up, and an established one then takes its Child SAs with it.
     */
    public List<IkeDatagram> onTimer(final long now)
    {
        if (isOver())
        {
            return List.of();
        }
        sa.now = now;
        if (superseded() && !request.inFlight())
        {
            if (rekeying.closeDue(now))
            {
                close("superseded IKE_SA not deleted by the peer in time, deleted locally");
            }
            return List.of();
        }
        final List<IkeDatagram> released = gate.release(sa.installer, now);
        if (!released.isEmpty())
        {
            return released;
        }
        final List<IkeDatagram> lifetime = rekeyOrExpire(now);
        if (!lifetime.isEmpty())
        {
            return lifetime;
        }
        final List<IkeDatagram> children = childTimers(now);
        if (!children.isEmpty())
        {
            return children;
        }
        final List<IkeDatagram> keepalive = keepalives.due(sa, state == State.ESTABLISHED, now);
        if (!request.inFlight())
        {
            // Dead peer detection: the connection chosen (by IKE_AUTH, for a responder) says how long to wait.
            final long dpdDelay = sa.profile.dpdDelay().toNanos();
            final boolean silent = state == State.ESTABLISHED && dpdDelay > 0 && queued.isEmpty() &&
                now - lastHeard >= dpdDelay;
            return silent ? checkLiveness(now) : keepalive;
        }
        if (!request.due(now))
        {
            return List.of();
        }
        if (request.givesUp())
        {
            final String reason = "no answer from " + sa.remote + " after " + request.transmissions() +
                " transmissions of " +
                ExchangeType.name(outstanding.type());
            if (outstanding.tasks().getFirst() instanceof DeleteIkeTask)
            {
                // §1.4.1: a peer that does not answer a Delete is deleted from locally all the same.
                close(reason);
                return List.of();
            }
            sa.fail(state == State.ESTABLISHED ? reason + ": the peer is dead" : reason);
            fail();
            return List.of();
        }
        return datagrams(sa.local, sa.remote, request.again(now, sa.random));
    }

    /** @return NAT keepalives sent. */
    public long keepalives()
    {
        return keepalives.sent();
    }

    private List<IkeDatagram> enqueue(final Exchange exchange, final long now)
    {
        if (isOver() || rekeying.replaced())
        {
            return List.of();
        }
        sa.now = now;
        queued.add(exchange);
        return next(now);
    }

    /** Starts the next queued exchange of ours when the SA is up and none is in flight (a window of one). */
    private List<IkeDatagram> next(final long now)
    {
        // Follow-ups of a task (the Delete after a rekey) go first, in the order the task asked for them.
        for (FollowUp followUp = sa.followUps.pollLast(); followUp != null; followUp = sa.followUps.pollLast())
        {
            queued.addFirst(new Exchange(followUp.exchangeType(), List.of(followUp.task())));
        }
        return state == State.ESTABLISHED && outstanding == null && !queued.isEmpty() ?
            send(queued.poll(), now) : List.of();
    }

    private List<IkeDatagram> onResponse(final IkeMessage message, final byte[] raw, final long now)
    {
        if (outstanding == null || message.messageId() != nextRequestId || message.exchangeType() != outstanding.type())
        {
            unexpected++;
            return List.of();
        }
        lastHeard = now;
        if (outstanding.type() == ExchangeType.IKE_SA_INIT)
        {
            sa.initResponse = raw;
        }
        fragments.clearResponse();
        final Exchange done = outstanding;
        outstanding = null;
        request.stop();
        boolean retry = false;
        boolean failed = false;
        for (final IkeTask task : done.tasks())
        {
            final TaskStatus status = task.process(message);
            failed = status == TaskStatus.FAILED;
            retry |= status == TaskStatus.NEED_MORE;
            if (failed)
            {
                break;
            }
        }
        if (state == State.CONNECTING)
        {
            return afterInitialResponse(done, failed, retry, now);
        }
        nextRequestId++;
        if (sa.failure != null)
        {
            fail();
            return List.of();
        }
        if (sa.deleted)
        {
            close("IKE_SA deleted");
            return List.of();
        }
        if (done.tasks().getFirst() instanceof IkeRekeyTask rekey && !retry)
        {
            return handOver(rekeying.afterOwnRekey(rekey, now, () -> next(now),
                () -> send(new Exchange(ExchangeType.INFORMATIONAL, List.of(new DeleteIkeTask(sa))), now)), now);
        }
        if (retry && !failed)
        {
            return send(done, now);
        }
        // The Delete that follows a rekey lets the peer send with the new pair: it waits for the dataplane.
        return sa.followUps.isEmpty() ? next(now) : gate.pass(next(now), sa.installer, now);
    }

    private List<IkeDatagram> afterInitialResponse(final Exchange done, final boolean failed, final boolean retry,
        final long now)
    {
        if (failed)
        {
            fail();
            return List.of();
        }
        if (done.type() == ExchangeType.IKE_SA_INIT)
        {
            if (retry)
            {
                // A COOKIE or INVALID_KE_PAYLOAD retry starts IKE_SA_INIT over, with message ID 0 again.
                return send(done, now);
            }
            nextRequestId = IKE_AUTH_ID;
            floatToNatTPort();
            childTask = new ChildCreateTask(sa, true);
            return send(new Exchange(ExchangeType.IKE_AUTH, List.of(new IkeAuthTask(sa, true),
                new MobikeSupportTask(sa, true), childTask)), now);
        }
        nextRequestId = IKE_AUTH_ID + 1;
        state = State.ESTABLISHED;
        rekeying.established(now);
        return next(now);
    }

    private List<IkeDatagram> onRequest(final IkeMessage message, final byte[] raw, final IkeDatagram datagram,
        final long now)
    {
        if (responses.answeredLast(message.messageId()))
        {
            // A retransmission: the same response again, never a second processing (§2.1).
            return resendResponse(datagram);
        }
        final List<IkeTask> responders = respondersFor(message, raw, datagram);
        if (responders.isEmpty())
        {
            unexpected++;
            return List.of();
        }
        lastHeard = now;
        fragments.clearRequest();
        if (state == State.CONNECTING)
        {
            // Answer where the request came from: after a NAT, or on the NAT-T port, that is the peer.
            sa.local = datagram.local();
            sa.remote = datagram.remote();
        }
        for (final IkeTask task : responders)
        {
            if (task.process(message) == TaskStatus.FAILED || sa.failure != null)
            {
                break;
            }
        }
        final MessageDraft draft = new MessageDraft(message.exchangeType(), sa.ciphers != null &&
            message.exchangeType() != ExchangeType.IKE_SA_INIT);
        boolean failed = false;
        for (final IkeTask task : responders)
        {
            if (task.build(draft) == TaskStatus.FAILED)
            {
                failed = true;
                break;
            }
        }
        final List<byte[]> response = encode(draft, true, message.messageId());
        if (message.exchangeType() == ExchangeType.IKE_SA_INIT)
        {
            sa.initResponse = response.getFirst();
        }
        responses.answered(message.messageId(), response, datagram.remote());
        final List<IkeDatagram> out = datagrams(datagram.local(), datagram.remote(), response);
        if (failed && state == State.CONNECTING)
        {
            fail();
        }
        else if (message.exchangeType() == ExchangeType.IKE_AUTH)
        {
            state = State.ESTABLISHED;
            rekeying.established(now);
        }
        else if (sa.deleted)
        {
            rekeying.peerDeleted(now);
            final List<IkeDatagram> carried = handOver(out, now);
            close("IKE_SA deleted by the peer");
            return carried;
        }
        else if (responders.getFirst() instanceof IkeRekeyTask rekey)
        {
            rekeying.afterPeerRekey(rekey, ourRekeyInFlight() != null, now);
            return handOver(out, now);
        }
        else if (message.exchangeType() == ExchangeType.CREATE_CHILD_SA)
        {
            // The initiator sends with the new pair as soon as it has the answer: that waits for the dataplane.
            return gate.pass(out, sa.installer, now);
        }
        return out;
    }

    /**
     * RFC 7296 §2.5: a request with a critical payload of a type we do not know is refused whole with an
     * UNSUPPORTED_CRITICAL_PAYLOAD notify naming the type, as the response to its message ID. An encrypted
     * request got here only after its ICV verified; a response is never answered.
     */
    private List<IkeDatagram> refuseUnsupportedCritical(final byte[] raw, final IkeDatagram datagram,
        final int payloadType)
    {
        final IkeHeaderFlyweight header = new IkeHeaderFlyweight().wrap(new UnsafeBuffer(raw), 0);
        if (header.isResponse() || header.isInitiator() == sa.originalInitiator ||
            header.initiatorSpi() != sa.initiatorSpi || header.messageId() != responses.expectedRequestId())
        {
            return List.of();
        }
        final int exchange = header.exchangeType();
        final MessageDraft draft = new MessageDraft(exchange, sa.ciphers != null &&
            exchange != ExchangeType.IKE_SA_INIT);
        draft.refuse(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, new byte[] {(byte)payloadType});
        final List<byte[]> response = encode(draft, true, header.messageId());
        responses.answered(header.messageId(), response, datagram.remote());
        if (state == State.CONNECTING)
        {
            sa.fail("the peer's " + ExchangeType.name(exchange) + " carried a critical payload of unknown type " +
                payloadType);
            fail();
        }
        return datagrams(datagram.local(), datagram.remote(), response);
    }

    /** @return the tasks that answer the request, or none when it does not fit where the SA stands. */
    private List<IkeTask> respondersFor(final IkeMessage message, final byte[] raw, final IkeDatagram datagram)
    {
        final int expectedRequestId = responses.expectedRequestId();
        if (message.messageId() != expectedRequestId)
        {
            return List.of();
        }
        if (state != State.CONNECTING)
        {
            final IkeTask ours = outstanding == null ? null : outstanding.tasks().getFirst();
            return responders.whenEstablished(message, datagram, ours, superseded(), rekeying.spiSource());
        }
        final List<IkeTask> tasks = responders.whileConnecting(message, raw, expectedRequestId == IKE_SA_INIT_ID,
            expectedRequestId == IKE_AUTH_ID);
        if (!tasks.isEmpty() && tasks.getLast() instanceof ChildCreateTask child)
        {
            childTask = child;
        }
        return tasks;
    }

    /** Builds our request with the next message ID and sends it; a task with nothing to send skips it. */
    private List<IkeDatagram> send(final Exchange exchange, final long now)
    {
        final MessageDraft draft = new MessageDraft(exchange.type(), exchange.type() != ExchangeType.IKE_SA_INIT);
        for (final IkeTask task : exchange.tasks())
        {
            if (task.build(draft) == TaskStatus.FAILED)
            {
                if (state == State.CONNECTING)
                {
                    fail();
                    return List.of();
                }
                return next(now);
            }
        }
        outstanding = exchange;
        fragments.clearResponse();
        final List<byte[]> encoded = encode(draft, false, nextRequestId);
        if (exchange.type() == ExchangeType.IKE_SA_INIT)
        {
            sa.initRequest = encoded.getFirst();
        }
        return datagrams(sa.local, sa.remote, request.start(encoded, now, sa.random));
    }

    /**
     * @return the message's datagram, or its fragments when fragmentation is in use, the connection sends
     *         fragments and the message does not fit its fragment size (RFC 7383 §2.5).
     */
    private List<byte[]> encode(final MessageDraft draft, final boolean response, final int id)
    {
        final IkeMessage message = draft.encrypted() ?
            IkeMessage.protectedBySk(sa.initiatorSpi, sa.responderSpi, draft.exchangeType(), sa.originalInitiator,
                response, id, draft.payloads()) :
            IkeMessage.plain(sa.initiatorSpi, sa.responderSpi, draft.exchangeType(), sa.originalInitiator, response,
                id, draft.payloads());
        if (!draft.encrypted())
        {
            return List.of(IkeMessageEncoder.encode(message, null));
        }
        return MessageFragmenter.encode(message, sa.ciphers.outbound(sa.originalInitiator),
            sa.fragmentation && sa.profile.fragmentation().sendsFragments(), sa.profile.fragmentation(), sa.local);
    }

    /**
     * §2.23: with a NAT in the way the initiator moves IKE to port 4500 from IKE_AUTH on. With MOBIKE
     * configured it moves whenever the peer does NAT detection (RFC 4555 §3.3), since a later move may
     * put a NAT in the way and no exchange would be left to float in; strongSwan does the same.
     */
    private void floatToNatTPort()
    {
        final boolean mayMove = sa.profile.mobike() && sa.peerNatDetection;
        if ((sa.natDetected() || mayMove) && sa.local.getPort() == IkeDatagram.IKE_PORT)
        {
            sa.local = new InetSocketAddress(sa.local.getAddress(), IkeDatagram.NAT_T_PORT);
            sa.remote = new InetSocketAddress(sa.remote.getAddress(), IkeDatagram.NAT_T_PORT);
        }
    }

    // ---- IKE SA rekeying (§2.8, §2.18) and its collisions (§2.8.2, §2.25, decided in Collisions) ----

    /**
     * When a rekey just handed the Child SAs to a successor, our exchanges not yet started here go there,
     * made again for it ({@link CarryOver}); what it sends at once follows what this SA sends.
     */
    private List<IkeDatagram> handOver(final List<IkeDatagram> out, final long now)
    {
        final IkeSession heir = rekeying.takeHeir();
        if (heir == null)
        {
            return out;
        }
        final List<IkeTask> pending = new ArrayList<>();
        sa.followUps.forEach(followUp -> pending.add(followUp.task()));
        sa.followUps.clear();
        queued.forEach(exchange -> pending.add(exchange.tasks().getFirst()));
        queued.clear();
        final List<IkeDatagram> started = heir.carryIn(CarryOver.recreate(pending, heir.sa), now);
        if (started.isEmpty())
        {
            return out;
        }
        final List<IkeDatagram> both = new ArrayList<>(out);
        both.addAll(started);
        return both;
    }

    /**
     * @param exchanges the exchanges of the SA this one replaced, made again for this one.
     * @param now the time.
     * @return the first of them, when it goes out at once.
     */
    private List<IkeDatagram> carryIn(final List<FollowUp> exchanges, final long now)
    {
        sa.now = now;
        exchanges.forEach(exchange -> queued.add(new Exchange(exchange.exchangeType(), List.of(exchange.task()))));
        return next(now);
    }

    /** Time-based rekeying: the rekey when due, and the Delete when the SA outlived it by over_time. */
    private List<IkeDatagram> rekeyOrExpire(final long now)
    {
        if (state != State.ESTABLISHED)
        {
            return List.of();
        }
        if (rekeying.expired(now))
        {
            sa.events.add("IKE_SA rekeying did not complete within over_time, deleting IKE_SA");
            final IkeRekeyTask rekey = ourRekeyInFlight();
            if (rekey != null)
            {
                // The rekey still waits for its answer: it is given up, and its message ID is not reused.
                rekey.discard();
                outstanding = null;
                request.stop();
                nextRequestId++;
            }
            return deleteIke(now);
        }
        return rekeying.rekeyDue(now) ? rekeyIke(now) : List.of();
    }

    /** @return our IKE rekey waiting for its answer, or null. */
    private IkeRekeyTask ourRekeyInFlight()
    {
        return outstanding != null && outstanding.tasks().getFirst() instanceof IkeRekeyTask rekey ? rekey : null;
    }

    /** @return the rekeying state, for the successor it makes. */
    IkeRekeying rekeying()
    {
        return rekeying;
    }

    /** @return the SA's state, for tests of this package. */
    IkeSaContext context()
    {
        return sa;
    }

    private boolean isOver()
    {
        return state == State.FAILED || state == State.CLOSED;
    }

    private void fail()
    {
        end(State.FAILED);
    }

    private void close(final String why)
    {
        end(State.CLOSED);
        if (!superseded())
        {
            sa.events.add(why);
        }
    }

    /** The SA is over: nothing more goes out, its Child SAs leave the dataplane and its keys are zeroed. */
    private void end(final State finalState)
    {
        state = finalState;
        rekeying.discard(ourRekeyInFlight());
        outstanding = null;
        request.stop();
        queued.clear();
        fragments.clearRequest();
        fragments.clearResponse();
        ChildSaFactory.removeAll(sa);
        sa.deleting.clear();
        sa.followUps.clear();
        gate.clear();
        sa.destroy();
    }

    /** @return where the SA stands. */
    public State state()
    {
        return state;
    }

    /** @return why the SA failed, or null. */
    public String failure()
    {
        return sa.failure;
    }

    /** @return why the first Child SA was not set up, or null when it was or is pending. */
    public String childFailure()
    {
        return childTask == null ? null : childTask.failure();
    }

    /**
     * @return what happened to Child SAs since the last call, one log line each, oldest first: pairs
     *         created, refused and deleted after IKE_AUTH, and the end of the SA.
     */
    public List<String> takeEvents()
    {
        final List<String> events = List.copyOf(sa.events);
        sa.events.clear();
        return events;
    }

    /** @return true while an answer of ours waits for the dataplane to apply what it agreed to. */
    public boolean holdingAnswer()
    {
        return gate.holding();
    }

    /** @return true when an exchange of ours is in flight or queued. */
    public boolean busy()
    {
        return outstanding != null || !queued.isEmpty();
    }

    /** @return the Child SAs set up. */
    public List<ChildSa> children()
    {
        return List.copyOf(sa.children);
    }

    /** @return the connection, as chosen so far. */
    public PeerProfile profile()
    {
        return sa.profile;
    }

    /** @return SPIi. */
    public long initiatorSpi()
    {
        return sa.initiatorSpi;
    }

    /** @return SPIr, 0 until the responder answered. */
    public long responderSpi()
    {
        return sa.responderSpi;
    }

    /** @return our end now (it moves to port 4500 after a NAT is found). */
    public InetSocketAddress local()
    {
        return sa.local;
    }

    /** @return the peer's end now. */
    public InetSocketAddress remote()
    {
        return sa.remote;
    }

    /** @return true when NAT detection found a NAT in the way. */
    public boolean natDetected()
    {
        return sa.natDetected();
    }

    /** @return the IKE proposal chosen in IKE_SA_INIT, or null before it completed; for listings. */
    public Proposal ikeProposal()
    {
        return sa.ikeProposal;
    }

    /** @return messages dropped as malformed, by reason. */
    public Map<MalformedReason, Long> dropped()
    {
        return Map.copyOf(dropped);
    }

    /** @return what became of IKE fragments, ours and the peer's, by event; events that never happened are absent. */
    public Map<FragmentEvent, Long> fragmentCounts()
    {
        return fragments.counts();
    }

    /** @return true when both sides announced MOBIKE in IKE_AUTH (RFC 4555 §3.3): the SA may move. */
    public boolean mobikeNegotiated()
    {
        return sa.mobike;
    }

    /** @return true when both sides announced IKE fragmentation in IKE_SA_INIT (RFC 7383 §2.3). */
    public boolean fragmentationNegotiated()
    {
        return sa.fragmentation;
    }

    /** @return well-formed messages dropped because they did not fit the exchange. */
    public long unexpected()
    {
        return unexpected;
    }

    /** Zeroes the SA's keys: it is deleted or the daemon stops. */
    public void destroy()
    {
        sa.destroy();
    }
}
