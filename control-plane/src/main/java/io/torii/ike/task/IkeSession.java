package io.torii.ike.task;

import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.message.DecodeResult;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.IkeMessageDecoder;
import io.torii.ike.message.IkeMessageEncoder;
import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.SkCipher;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.sa.RetransmitSchedule;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One IKE SA's task manager (strongSwan's {@code task_manager}): it runs the initial exchanges,
 * IKE_SA_INIT and IKE_AUTH with the first Child SA (RFC 7296 §1.2), as tasks, and owns what tasks leave
 * alone: message IDs (§2.2), encryption and decryption of messages, retransmission of unanswered requests
 * on strongSwan's schedule, the responder's copy of its last response for retransmitted requests (§2.1),
 * and floating to the NAT-T port when a NAT was found (§2.23).
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
        /** The SA failed; see {@link #failure()}. */
        FAILED
    }

    private static final int IKE_SA_INIT_ID = 0;
    private static final int IKE_AUTH_ID = 1;

    private final IkeSaContext sa;
    private final RetransmitSchedule retransmit;
    private final Map<MalformedReason, Long> dropped = new EnumMap<>(MalformedReason.class);
    private State state = State.CONNECTING;
    private long unexpected;

    private List<IkeTask> tasks = List.of();
    private int exchange;
    private int messageId;
    private byte[] request;
    private int sent;
    private long deadline;
    private ChildCreateTask childTask;

    private byte[] lastResponse;
    private int lastResponseId = -1;
    private InetSocketAddress lastResponseTo;

    private IkeSession(final IkeSaContext sa, final RetransmitSchedule retransmit)
    {
        this.sa = sa;
        this.retransmit = retransmit;
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
        if (!sa.originalInitiator || exchange != 0)
        {
            throw new IllegalStateException("start() is for a new SA we initiate");
        }
        return beginExchange(ExchangeType.IKE_SA_INIT, IKE_SA_INIT_ID, List.of(new IkeInitTask(sa, true),
            new CertificateHintsTask(sa, true)), now);
    }

    /**
     * @param datagram a message for this SA.
     * @param now the time.
     * @return what to send in return: a response, the next request, or nothing.
     */
    public List<IkeDatagram> receive(final IkeDatagram datagram, final long now)
    {
        if (state == State.FAILED)
        {
            return List.of();
        }
        final byte[] raw = datagram.message();
        final boolean initPhase = sa.ciphers == null;
        final SkCipher cipher = initPhase ? null : sa.ciphers.inbound(sa.originalInitiator);
        final DecodeResult decoded = IkeMessageDecoder.decode(raw, 0, raw.length, cipher);
        if (!decoded.isOk())
        {
            dropped.merge(decoded.reason(), 1L, Long::sum);
            return List.of();
        }
        final IkeMessage message = decoded.message();
        if (message.initiatorSpi() != sa.initiatorSpi || message.initiator() == sa.originalInitiator)
        {
            unexpected++;
            return List.of();
        }
        return message.response() ? onResponse(message, raw, now) : onRequest(message, raw, datagram, now);
    }

    /**
     * @param now the time.
     * @return a retransmitted request when one is due; the SA fails when the schedule gives up.
     */
    public List<IkeDatagram> onTimer(final long now)
    {
        if (request == null || state == State.FAILED || now - deadline < 0)
        {
            return List.of();
        }
        if (!retransmit.retransmitsAfter(sent))
        {
            sa.fail("no answer from " + sa.remote + " after " + sent + " transmissions of " +
                ExchangeType.name(exchange));
            fail();
            return List.of();
        }
        sent++;
        deadline = now + retransmit.delayNanos(sent, sa.random);
        return List.of(new IkeDatagram(sa.local, sa.remote, request));
    }

    private List<IkeDatagram> onResponse(final IkeMessage message, final byte[] raw, final long now)
    {
        if (request == null || message.messageId() != messageId || message.exchangeType() != exchange)
        {
            unexpected++;
            return List.of();
        }
        if (exchange == ExchangeType.IKE_SA_INIT)
        {
            sa.initResponse = raw;
        }
        request = null;
        boolean retry = false;
        for (final IkeTask task : tasks)
        {
            final TaskStatus status = task.process(message);
            if (status == TaskStatus.FAILED)
            {
                fail();
                return List.of();
            }
            retry |= status == TaskStatus.NEED_MORE;
        }
        if (exchange == ExchangeType.IKE_SA_INIT)
        {
            if (retry)
            {
                return beginExchange(ExchangeType.IKE_SA_INIT, IKE_SA_INIT_ID, tasks, now);
            }
            floatToNatTPort();
            childTask = new ChildCreateTask(sa, true);
            return beginExchange(ExchangeType.IKE_AUTH, IKE_AUTH_ID, List.of(new IkeAuthTask(sa, true), childTask),
                now);
        }
        state = State.ESTABLISHED;
        return List.of();
    }

    private List<IkeDatagram> onRequest(final IkeMessage message, final byte[] raw, final IkeDatagram datagram,
        final long now)
    {
        if (message.messageId() == lastResponseId && lastResponse != null)
        {
            // A retransmission: the same response again, never a second processing (§2.1).
            return List.of(new IkeDatagram(datagram.local(), lastResponseTo, lastResponse));
        }
        final int expected = lastResponseId + 1;
        if (message.messageId() != expected || state != State.CONNECTING)
        {
            unexpected++;
            return List.of();
        }
        final List<IkeTask> responders;
        if (message.exchangeType() == ExchangeType.IKE_SA_INIT && expected == IKE_SA_INIT_ID)
        {
            sa.initRequest = raw;
            responders = List.of(new IkeInitTask(sa, false), new CertificateHintsTask(sa, false));
        }
        else if (message.exchangeType() == ExchangeType.IKE_AUTH && expected == IKE_AUTH_ID)
        {
            childTask = new ChildCreateTask(sa, false);
            responders = List.of(new IkeAuthTask(sa, false), childTask);
        }
        else
        {
            unexpected++;
            return List.of();
        }
        // Answer where the request came from: after a NAT, or on the NAT-T port, that is the peer.
        sa.local = datagram.local();
        sa.remote = datagram.remote();
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
        final byte[] response = encode(draft, true, message.messageId());
        if (message.exchangeType() == ExchangeType.IKE_SA_INIT)
        {
            sa.initResponse = response;
        }
        lastResponse = response;
        lastResponseId = message.messageId();
        lastResponseTo = datagram.remote();
        if (failed)
        {
            fail();
        }
        else if (message.exchangeType() == ExchangeType.IKE_AUTH)
        {
            state = State.ESTABLISHED;
        }
        return List.of(new IkeDatagram(datagram.local(), datagram.remote(), response));
    }

    private List<IkeDatagram> beginExchange(final int exchangeType, final int id, final List<IkeTask> exchangeTasks,
        final long now)
    {
        exchange = exchangeType;
        messageId = id;
        tasks = exchangeTasks;
        final MessageDraft draft = new MessageDraft(exchangeType, exchangeType != ExchangeType.IKE_SA_INIT);
        for (final IkeTask task : tasks)
        {
            if (task.build(draft) == TaskStatus.FAILED)
            {
                fail();
                return List.of();
            }
        }
        request = encode(draft, false, id);
        if (exchangeType == ExchangeType.IKE_SA_INIT)
        {
            sa.initRequest = request;
        }
        sent = 1;
        deadline = now + retransmit.delayNanos(sent, sa.random);
        return List.of(new IkeDatagram(sa.local, sa.remote, request));
    }

    private byte[] encode(final MessageDraft draft, final boolean response, final int id)
    {
        final IkeMessage message = draft.encrypted() ?
            IkeMessage.protectedBySk(sa.initiatorSpi, sa.responderSpi, draft.exchangeType(), sa.originalInitiator,
                response, id, draft.payloads()) :
            IkeMessage.plain(sa.initiatorSpi, sa.responderSpi, draft.exchangeType(), sa.originalInitiator, response,
                id, draft.payloads());
        return IkeMessageEncoder.encode(message, draft.encrypted() ? sa.ciphers.outbound(sa.originalInitiator) :
            null);
    }

    /** §2.23: with a NAT in the way the initiator moves IKE to port 4500 from IKE_AUTH on. */
    private void floatToNatTPort()
    {
        if (sa.natDetected() && sa.local.getPort() == IkeDatagram.IKE_PORT)
        {
            sa.local = new InetSocketAddress(sa.local.getAddress(), IkeDatagram.NAT_T_PORT);
            sa.remote = new InetSocketAddress(sa.remote.getAddress(), IkeDatagram.NAT_T_PORT);
        }
    }

    private void fail()
    {
        state = State.FAILED;
        request = null;
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

    /** @return messages dropped as malformed, by reason. */
    public Map<MalformedReason, Long> dropped()
    {
        return Map.copyOf(dropped);
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
