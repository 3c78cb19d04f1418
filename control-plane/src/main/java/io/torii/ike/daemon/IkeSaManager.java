package io.torii.ike.daemon;

import io.torii.ike.config.UniquePolicy;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.dataplane.SelectorText;
import io.torii.ike.dos.CookieSecrets;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.dos.HalfOpenTracker;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.message.DecodeResult;
import io.torii.ike.message.IkeHeaderFlyweight;
import io.torii.ike.message.IkeMessage;
import io.torii.ike.message.IkeMessageDecoder;
import io.torii.ike.message.IkeMessageEncoder;
import io.torii.ike.message.payload.NoncePayload;
import io.torii.ike.message.payload.NotifyPayload;
import io.torii.ike.message.payload.NotifyType;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.sa.PeerProfile;
import io.torii.ike.task.IkeSession;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Every IKE SA of the daemon, found by our SPI (RFC 7296 §2.6: the SPI of the side a message is for
 * names the SA), plus the responder SAs being set up, found by the initiator's SPI and address so that a
 * retransmitted IKE_SA_INIT reaches the SA it made. It makes responder SAs for new IKE_SA_INIT requests,
 * as many half-open as strongSwan's limits allow, starts connections, retransmits, and forgets failed
 * SAs. Each state change is one log line, as charon writes them.
 *
 * <p>Single-threaded: the IKE agent drives it.
 */
public final class IkeSaManager
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** How long one secret makes cookies; a cookie also verifies during the next period. */
    private static final long COOKIE_SECRET_LIFETIME_NANOS = 60 * NANOS_PER_SECOND;
    /** How often the timer visits a quiet SA: what comes due on it then is at most this late. */
    static final long QUIET_VISIT_NANOS = 200_000_000L;

    private List<Connection> connections;
    private final SecureRandom random;
    private final ChildSaInstaller installer;
    private final Consumer<IkeDatagram> sender;
    private final PrintStream log;
    private final HalfOpenTracker halfOpen;
    private final CookieSecrets cookies;
    private final LongUnaryOperator spiStamp;
    private boolean cookieDemanded;
    private final Map<Long, SaEntry> bySpi = new HashMap<>();
    private final Map<String, SaEntry> initiating = new HashMap<>();
    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(new byte[0]);
    private final IkeHeaderFlyweight header = new IkeHeaderFlyweight();
    private final DropCounts drops = new DropCounts();
    private final TunnelLifecycle lifecycle;
    private final Uniqueness uniqueness;
    private final ConnectionPresence presence;
    private Consumer<Consumer<IkeSaManager>> everyManager = command -> command.accept(this);
    private Predicate<String> ownsConnection = name -> true;
    private long lastHalfOpenSweep;
    private long timerVisits;

    /**
     * @param connections the loaded connections, in preference order for responding.
     * @param random SPIs, nonces and keys come from it.
     * @param installer where Child SAs go.
     * @param sender sends a datagram.
     * @param log where state changes are written.
     * @param limits half-open limits (strongSwan's defaults unless configured).
     */
    public IkeSaManager(final List<Connection> connections, final SecureRandom random,
        final ChildSaInstaller installer, final Consumer<IkeDatagram> sender, final PrintStream log,
        final HalfOpenLimits limits)
    {
        this(connections, random, installer, sender, log, limits, LongUnaryOperator.identity());
    }

    /**
     * A manager that owns one shard of the daemon's IKE SAs: every SPI it allocates carries the shard, so
     * that the receive side can hand each message to the handler that owns its SA.
     *
     * @param connections the loaded connections, in preference order for responding.
     * @param random SPIs, nonces and keys come from it.
     * @param installer where Child SAs go.
     * @param sender sends a datagram.
     * @param log where state changes are written.
     * @param limits half-open limits (strongSwan's defaults unless configured).
     * @param spiStamp turns a random 64-bit value into an SPI of this manager's shard.
     */
    public IkeSaManager(final List<Connection> connections, final SecureRandom random,
        final ChildSaInstaller installer, final Consumer<IkeDatagram> sender, final PrintStream log,
        final HalfOpenLimits limits, final LongUnaryOperator spiStamp)
    {
        this(connections, random, installer, sender, log, new HalfOpenTracker(limits), spiStamp,
            new ConnectionPresence());
    }

    /**
     * A manager of one shard among several that share what the daemon as a whole must know.
     *
     * @param connections the loaded connections, in preference order for responding.
     * @param random SPIs, nonces and keys come from it.
     * @param installer where Child SAs go.
     * @param sender sends a datagram.
     * @param log where state changes are written.
     * @param halfOpen the daemon's half-open IKE SAs, shared by every shard's manager.
     * @param spiStamp turns a random 64-bit value into an SPI of this manager's shard.
     * @param presence which connections have IKE SAs, shared by every shard's manager.
     */
    public IkeSaManager(final List<Connection> connections, final SecureRandom random,
        final ChildSaInstaller installer, final Consumer<IkeDatagram> sender, final PrintStream log,
        final HalfOpenTracker halfOpen, final LongUnaryOperator spiStamp, final ConnectionPresence presence)
    {
        this.presence = Objects.requireNonNull(presence, "presence");
        this.spiStamp = Objects.requireNonNull(spiStamp, "spiStamp");
        this.connections = List.copyOf(connections);
        this.random = Objects.requireNonNull(random, "random");
        this.installer = Objects.requireNonNull(installer, "installer");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.log = Objects.requireNonNull(log, "log");
        this.halfOpen = Objects.requireNonNull(halfOpen, "halfOpen");
        this.cookies = new CookieSecrets(random, COOKIE_SECRET_LIFETIME_NANOS, System.nanoTime());
        this.lifecycle = new TunnelLifecycle(this, new TrapPolicies(installer), random, log);
        this.uniqueness = new Uniqueness(this, log);
    }

    /**
     * Starts an IKE SA for a connection.
     *
     * @param name the connection's name.
     * @param now the time.
     * @return null when started, otherwise why not.
     */
    public String initiate(final String name, final long now)
    {
        final Optional<Connection> connection = connection(name);
        if (connection.isEmpty())
        {
            return "no connection named " + name;
        }
        if (connection.get().remoteEndpoint().isEmpty())
        {
            return name + ": remote_addrs names no single address to initiate to";
        }
        start(connection.get(), now);
        return null;
    }

    /**
     * Starts an IKE SA for a connection, with INITIAL_CONTACT (RFC 7296 §2.4) when it is the only one of the
     * connection and {@code unique} is not never: the peer may then drop what it kept from before we
     * restarted.
     *
     * @param connection the connection.
     * @param now the time.
     * @return the new SA, or null when the connection names no single peer address.
     */
    SaEntry start(final Connection connection, final long now)
    {
        final Optional<InetSocketAddress> remote = connection.remoteEndpoint();
        if (remote.isEmpty())
        {
            log.printf("[IKE] %s: remote_addrs names no single address to initiate to%n", connection.name());
            return null;
        }
        final long spi = newSpi();
        final IkeSession session = IkeSession.initiate(connection.profile(), connection.localEndpoint(),
            remote.get(), random, installer, spi);
        session.spiSource(this::newSpi);
        final boolean onlyOne = !presence.any(connection.name());
        session.sendInitialContact(onlyOne && connection.profile().unique() != UniquePolicy.NEVER);
        final SaEntry entry = new SaEntry(session, false, now, remote.get());
        bySpi.put(spi, entry);
        counted(entry, connection.name());
        log.printf("[IKE] initiating IKE_SA %s to %s%n", connection.name(), remote.get().getAddress().getHostAddress());
        session.start(now).forEach(sender);
        return entry;
    }

    /**
     * Applies every connection's {@code start_action}: traps installed, children started.
     *
     * @param now the time.
     */
    public void initiateOnLoad(final long now)
    {
        connections.forEach(connection -> startConnection(connection, now));
    }

    /**
     * Applies one connection's {@code start_action}: installs the traps of its children that say trap, and
     * brings up those that say start.
     *
     * @param connection one of the loaded connections.
     * @param now the time.
     */
    public void startConnection(final Connection connection, final long now)
    {
        lifecycle.load(connection, now);
    }

    /**
     * The dataplane's acquire: traffic met a trap policy.
     *
     * @param policyId the policy.
     * @param now the time.
     * @return true when the policy is a trap of this manager (which then negotiates its child, once).
     */
    public boolean onAcquire(final int policyId, final long now)
    {
        return lifecycle.onAcquire(policyId, now);
    }

    /**
     * The dataplane says an ESP SA reached a lifetime limit; its pair is rekeyed (soft) or deleted (hard).
     *
     * @param spi the SA's SPI, inbound or outbound.
     * @param hard true for a hard limit; a sequence number running out counts as soft.
     * @param now the time.
     * @return true when an SA of this manager owns the pair.
     */
    public boolean onChildLifetime(final int spi, final boolean hard, final long now)
    {
        return lifecycle.onChildLifetime(spi, hard, now);
    }

    /**
     * The dataplane refused part of a Child SA pair (an SA or policy): the SA that owns the pair deletes it, so
     * that the peer stops sending with it.
     *
     * @param inboundSpi the pair's inbound SPI.
     * @param reason what the dataplane said.
     * @param now the time.
     * @return true when one of this manager's SAs owns the pair.
     */
    public boolean onChildRefused(final int inboundSpi, final String reason, final long now)
    {
        return lifecycle.onChildRefused(inboundSpi, reason, now);
    }

    /**
     * @param datagram a received IKE message.
     * @param now the time.
     */
    public void onDatagram(final IkeDatagram datagram, final long now)
    {
        final byte[] message = datagram.message();
        if (message.length < IkeHeaderFlyweight.LENGTH)
        {
            drops.count(DropCounts.TOO_SHORT);
            return;
        }
        headerBuffer.wrap(message);
        header.wrap(headerBuffer, 0);
        final boolean fromOriginalInitiator = header.isInitiator();
        final long ourSpi = fromOriginalInitiator ? header.responderSpi() : header.initiatorSpi();
        SaEntry entry = bySpi.get(ourSpi);
        final boolean newInit = entry == null && fromOriginalInitiator && ourSpi == 0 && !header.isResponse() &&
            header.exchangeType() == ExchangeType.IKE_SA_INIT && header.messageId() == 0;
        cookieDemanded = false;
        if (newInit)
        {
            entry = responderFor(header.initiatorSpi(), datagram, now);
        }
        if (entry == null && cookieDemanded)
        {
            // Answered statelessly with a COOKIE notify (RFC 7296 §2.6): neither an SA nor a drop.
            return;
        }
        if (entry == null)
        {
            drops.count(newInit ? DropCounts.REFUSED_INIT : DropCounts.UNKNOWN_SPI);
            return;
        }
        final List<IkeDatagram> out = entry.session.receive(datagram, now);
        out.forEach(sender);
        if (out.isEmpty() && entry.responder && !entry.answered)
        {
            // A responder always answers a request it accepted, even with an error notify: no answer to the
            // first request means it was dropped, and the SA holds nothing worth a half-open slot.
            forgetUnanswered(entry);
            return;
        }
        entry.answered |= entry.responder && !out.isEmpty();
        report(entry, now);
        for (final IkeSession next : adoptSuccessors(entry.session))
        {
            register(entry, next, now);
        }
        if (entry.session.state() == IkeSession.State.CLOSED && bySpi.remove(entry.spi()) != null)
        {
            uncounted(entry);
            entry.session.destroy();
            lifecycle.ended(entry, now);
        }
    }

    private void forgetUnanswered(final SaEntry entry)
    {
        bySpi.remove(entry.session.responderSpi());
        initiating.values().remove(entry);
        halfOpen.closed(entry.peer.getAddress());
        drops.addSession(entry.session.dropped(), entry.session.unexpected());
        entry.session.destroy();
    }

    private SaEntry responderFor(final long initiatorSpi, final IkeDatagram datagram, final long now)
    {
        final String key = Long.toHexString(initiatorSpi) + "@" + datagram.remote();
        final SaEntry known = initiating.get(key);
        if (known != null && known.session.state() == IkeSession.State.CONNECTING)
        {
            return known;
        }
        final HalfOpenTracker.Verdict verdict = halfOpen.verdict(datagram.remote().getAddress());
        if (verdict == HalfOpenTracker.Verdict.DROP ||
            verdict == HalfOpenTracker.Verdict.REQUIRE_COOKIE && !hasValidCookie(initiatorSpi, datagram, now))
        {
            return null;
        }
        final List<PeerProfile> candidates = connections.stream().map(Connection::profile).toList();
        if (candidates.isEmpty())
        {
            return null;
        }
        final long spi = newSpi();
        final IkeSession session = IkeSession.respond(candidates, random, installer, initiatorSpi, spi, datagram);
        session.spiSource(this::newSpi);
        final SaEntry entry = new SaEntry(session, true, now, datagram.remote());
        bySpi.put(spi, entry);
        initiating.put(key, entry);
        halfOpen.opened(datagram.remote().getAddress());
        log.printf("[IKE] %s is initiating an IKE_SA%n", datagram.remote().getAddress().getHostAddress());
        return entry;
    }

    /**
     * RFC 7296 §2.6: above the half-open thresholds a responder keeps no state for a request without a
     * valid cookie; it answers statelessly with a COOKIE notify, which the initiator sends back first.
     *
     * @return true when the request carries a cookie this responder made for its Ni, address and SPIi.
     */
    private boolean hasValidCookie(final long initiatorSpi, final IkeDatagram datagram, final long now)
    {
        final byte[] raw = datagram.message();
        final DecodeResult decoded = IkeMessageDecoder.decode(raw, 0, raw.length, null);
        final Optional<NoncePayload> nonce = decoded.isOk() ?
            decoded.message().payloadsOf(NoncePayload.class).stream().findFirst() : Optional.empty();
        if (nonce.isEmpty())
        {
            return false;
        }
        final InetAddress initiator = datagram.remote().getAddress();
        final Optional<NotifyPayload> cookie = decoded.message().payloadsOf(NotifyPayload.class).stream()
            .filter(notify -> notify.notifyType() == NotifyType.COOKIE).findFirst();
        if (cookie.isPresent() && cookies.verify(cookie.get().data(), nonce.get().nonce(), initiator, initiatorSpi,
            now))
        {
            return true;
        }
        final byte[] answer = IkeMessageEncoder.encode(IkeMessage.plain(initiatorSpi, 0, ExchangeType.IKE_SA_INIT,
            false, true, 0, List.of(NotifyPayload.of(NotifyType.COOKIE,
                cookies.cookie(nonce.get().nonce(), initiator, initiatorSpi, now)))), null);
        sender.accept(new IkeDatagram(datagram.local(), datagram.remote(), answer));
        cookieDemanded = true;
        return false;
    }

    /** @return how many times {@link #onTimer} has run an SA's timers: what passing quiet SAs over saves. */
    long timerVisits()
    {
        return timerVisits;
    }

    /**
     * Retransmits what is due, times out half-open SAs and forgets failed ones.
     *
     * @param now the time.
     * @return work done: messages sent and SAs forgotten.
     */
    public int onTimer(final long now)
    {
        int work = 0;
        final List<Long> forget = new ArrayList<>();
        final Map<SaEntry, List<IkeSession>> born = new LinkedHashMap<>();
        for (final Map.Entry<Long, SaEntry> item : List.copyOf(bySpi.entrySet()))
        {
            final SaEntry entry = item.getValue();
            final boolean quiet = entry.session.quiet();
            if (quiet && now - entry.nextQuietVisit < 0)
            {
                // Thousands of established, idle SAs: their timers are in seconds, visiting each every tick is waste.
                continue;
            }
            entry.nextQuietVisit = now + QUIET_VISIT_NANOS;
            timerVisits++;
            final List<IkeDatagram> out = entry.session.onTimer(now);
            out.forEach(sender);
            work += out.size();
            final boolean halfOpenTooLong = entry.responder && entry.session.state() == IkeSession.State.CONNECTING &&
                now - entry.createdAt > halfOpen.limits().halfOpenTimeoutNanos();
            report(entry, now);
            final List<IkeSession> successors = adoptSuccessors(entry.session);
            if (!successors.isEmpty())
            {
                born.put(entry, successors);
            }
            if (halfOpenTooLong)
            {
                log.printf("[IKE] IKE_SA with %s timed out half-open%n", entry.peer.getAddress().getHostAddress());
                halfOpen.closed(entry.peer.getAddress());
                forget.add(item.getKey());
            }
            if (entry.session.state() == IkeSession.State.FAILED || entry.session.state() == IkeSession.State.CLOSED)
            {
                forget.add(item.getKey());
            }
        }
        born.forEach((predecessor, sessions) -> sessions.forEach(next -> register(predecessor, next, now)));
        for (final Long spi : forget)
        {
            final SaEntry entry = bySpi.remove(spi);
            if (entry != null)
            {
                uncounted(entry);
                drops.addSession(entry.session.dropped(), entry.session.unexpected());
                entry.session.destroy();
                lifecycle.ended(entry, now);
                work++;
            }
        }
        work += lifecycle.onTimer(now);
        if (now - lastHalfOpenSweep > NANOS_PER_SECOND)
        {
            lastHalfOpenSweep = now;
            initiating.values().removeIf(entry -> entry.session.state() != IkeSession.State.CONNECTING);
        }
        return work;
    }

    /**
     * Sends what an SA produced outside an exchange the manager drove, and reports its changes.
     *
     * @param entry the SA.
     * @param out its messages.
     * @param now the time.
     */
    void sendFor(final SaEntry entry, final List<IkeDatagram> out, final long now)
    {
        out.forEach(sender);
        report(entry, now);
    }

    /**
     * Writes one line for each state change, keeps the half-open count in step, and lets the lifecycle see
     * an established SA: uniqueness when it comes up, close actions for children the peer deleted.
     */
    private void report(final SaEntry entry, final long now)
    {
        final IkeSession session = entry.session;
        final IkeSession.State state = session.state();
        final boolean wasEstablished = entry.reported == IkeSession.State.ESTABLISHED;
        if (state != IkeSession.State.ESTABLISHED && !wasEstablished)
        {
            session.takeEvents();
        }
        else
        {
            // Exchanges after IKE_AUTH: Child SAs created, refused and deleted, the SA deleted.
            session.takeEvents().forEach(event -> log.println("[IKE] " + event));
        }
        if (state == entry.reported)
        {
            if (state == IkeSession.State.ESTABLISHED)
            {
                lifecycle.seen(entry, now);
            }
            return;
        }
        final boolean wasResponderHalfOpen = entry.reported == IkeSession.State.CONNECTING && entry.responder;
        entry.reported = state;
        if (wasResponderHalfOpen)
        {
            halfOpen.closed(entry.peer.getAddress());
        }
        final String name = session.profile().name();
        if (state == IkeSession.State.ESTABLISHED)
        {
            log.printf("[IKE] IKE_SA %s established between %s[%s]...%s[%s]%s%n", name,
                session.local().getAddress().getHostAddress(), session.profile().localId(),
                session.remote().getAddress().getHostAddress(), session.profile().remoteId(),
                session.natDetected() ? " (NAT detected, UDP encapsulation)" : "");
            for (final ChildSa child : session.children())
            {
                log.printf("[IKE] CHILD_SA %s established with SPIs %08x_i %08x_o and TS %s === %s%n", child.name(),
                    child.inboundSpi(), child.outboundSpi(), SelectorText.cidrs(child.localTs()),
                    SelectorText.cidrs(child.remoteTs()));
            }
            if (session.childFailure() != null)
            {
                log.printf("[IKE] CHILD_SA of %s not established: %s%n", name, session.childFailure());
            }
            entry.established = true;
            counted(entry, name);
            lifecycle.established(entry, now);
            uniqueness.enforce(entry, now);
            lifecycle.seen(entry, now);
        }
        else if (state == IkeSession.State.CLOSED && !session.superseded())
        {
            log.printf("[IKE] IKE_SA %s with %s deleted%n", name, entry.peer.getAddress().getHostAddress());
        }
        else if (state == IkeSession.State.FAILED)
        {
            log.printf("[IKE] IKE_SA %s with %s failed: %s%n", name, entry.peer.getAddress().getHostAddress(),
                session.failure());
        }
    }

    /**
     * The IKE SAs a rekey of this one made (RFC 7296 §2.18): the successor, which holds the Child SAs now, and
     * any redundant SA of a rekey collision, which lives until it is deleted. Their SPIs came from
     * {@link #newSpi()}, so they are in this manager's shard.
     *
     * @return the new sessions, each with its SPI source set, not yet registered.
     */
    private List<IkeSession> adoptSuccessors(final IkeSession session)
    {
        final List<IkeSession> born = new ArrayList<>();
        for (IkeSession next = session.takeSuccessor(); next != null; next = session.takeSuccessor())
        {
            next.spiSource(this::newSpi);
            born.add(next);
            if (!next.superseded())
            {
                log.printf("[IKE] IKE_SA %s rekeyed between %s[%s]...%s[%s]%n", next.profile().name(),
                    next.local().getAddress().getHostAddress(), next.profile().localId(),
                    next.remote().getAddress().getHostAddress(), next.profile().remoteId());
            }
        }
        return born;
    }

    /**
     * Files a rekeyed SA under our SPI of it, as established: no "established" line, no half-open slot. The
     * successor carries on the tunnel of its predecessor: it counts for the connection (before the old one
     * stops counting, so no close_action or INITIAL_CONTACT decision sees a gap), knows its children, and
     * has its own reauthentication scheduled; a redundant SA of a collision only waits for its Delete.
     */
    private void register(final SaEntry predecessor, final IkeSession session, final long now)
    {
        final SaEntry entry = new SaEntry(session, !session.originalInitiator(), now, session.remote());
        entry.reported = IkeSession.State.ESTABLISHED;
        entry.answered = true;
        bySpi.put(entry.spi(), entry);
        if (!session.superseded())
        {
            entry.established = true;
            entry.children.addAll(predecessor.children);
            entry.closing.addAll(predecessor.closing);
            counted(entry, session.profile().name());
            lifecycle.established(entry, now);
        }
    }

    private long newSpi()
    {
        long spi;
        do
        {
            spi = spiStamp.applyAsLong(random.nextLong());
        }
        while (spi == 0 || bySpi.containsKey(spi));
        return spi;
    }

    // ---- Commands on established SAs (swanctl's --initiate --child, --terminate --child / --ike) ----

    /**
     * Sets up a Child SA of a connection on an IKE SA of it: with CREATE_CHILD_SA on the first established
     * (or connecting) one, or by initiating the connection when it has none (its first child comes up in
     * IKE_AUTH, any other after it).
     *
     * @param connectionName the connection's name.
     * @param childName one of its children.
     * @param now the time.
     * @return null when under way, otherwise why not.
     */
    public String createChild(final String connectionName, final String childName, final long now)
    {
        final Optional<Long> spi = bySpi.entrySet().stream()
            .filter(e -> e.getValue().isLive() && e.getValue().session.profile().name().equals(connectionName))
            .map(Map.Entry::getKey).findFirst();
        if (spi.isPresent())
        {
            return createChild(spi.get(), childName, now);
        }
        final String problem = initiate(connectionName, now);
        if (problem != null)
        {
            return problem;
        }
        final IkeSession started = bySpi.values().stream().filter(e -> !e.responder && e.isLive() &&
            e.session.profile().name().equals(connectionName)).map(e -> e.session).reduce((a, b) -> b).orElseThrow();
        return started.profile().child().name().equals(childName) ? null : createChild(started.initiatorSpi(),
            childName, now);
    }

    /**
     * @param ikeSpi our SPI of an IKE SA.
     * @param childName one of its connection's children.
     * @param now the time.
     * @return null when the CREATE_CHILD_SA exchange is under way or queued, otherwise why not.
     */
    public String createChild(final long ikeSpi, final String childName, final long now)
    {
        final SaEntry entry = bySpi.get(ikeSpi);
        if (entry == null || !entry.isLive())
        {
            return "no IKE_SA with SPI " + Long.toHexString(ikeSpi);
        }
        final Optional<io.torii.ike.sa.ChildProfile> child = entry.session.profile().child(childName);
        if (child.isEmpty())
        {
            return entry.session.profile().name() + " has no child named " + childName;
        }
        log.printf("[IKE] establishing CHILD_SA %s%n", childName);
        entry.session.createChild(child.get(), now).forEach(sender);
        report(entry, now);
        return null;
    }

    /**
     * Deletes every Child SA of that name, on whichever IKE SA it is.
     *
     * @param childName a child's name.
     * @param now the time.
     * @return null when the deletes are under way, otherwise why not.
     */
    public String terminateChild(final String childName, final long now)
    {
        int found = 0;
        for (final SaEntry entry : List.copyOf(bySpi.values()))
        {
            for (final ChildSa child : entry.session.children())
            {
                if (child.name().equals(childName) && entry.session.state() == IkeSession.State.ESTABLISHED)
                {
                    log.printf("[IKE] closing CHILD_SA %s with SPIs %08x_i %08x_o%n", childName, child.inboundSpi(),
                        child.outboundSpi());
                    entry.closing.add(childName);
                    entry.session.deleteChild(child, now).forEach(sender);
                    found++;
                }
            }
            report(entry, now);
        }
        return found == 0 ? "no CHILD_SA named " + childName : null;
    }

    /**
     * Rekeys every Child SA of that name on an established IKE SA (swanctl's {@code --rekey --child}),
     * make-before-break.
     *
     * @param childName the child's name.
     * @param now the time.
     * @return null when rekeys are under way, otherwise why not.
     */
    public String rekeyChild(final String childName, final long now)
    {
        int found = 0;
        for (final SaEntry entry : List.copyOf(bySpi.values()))
        {
            if (!entry.isLive() || entry.session.state() != IkeSession.State.ESTABLISHED)
            {
                continue;
            }
            for (final ChildSa child : entry.session.children())
            {
                if (child.name().equals(childName))
                {
                    entry.session.rekeyChild(child, now).forEach(sender);
                    found++;
                }
            }
            report(entry, now);
        }
        return found == 0 ? "no CHILD_SA named " + childName : null;
    }

    /**
     * Rekeys every established IKE SA of a connection (swanctl's {@code --rekey --ike}).
     *
     * @param connectionName the connection's name.
     * @param now the time.
     * @return null when rekeys are under way, otherwise why not.
     */
    public String rekeyIke(final String connectionName, final long now)
    {
        final List<Long> spis = bySpi.entrySet().stream().filter(e -> e.getValue().isLive() &&
            e.getValue().session.state() == IkeSession.State.ESTABLISHED &&
            e.getValue().session.profile().name().equals(connectionName)).map(Map.Entry::getKey).toList();
        for (final long spi : spis)
        {
            rekeyIke(spi, now);
        }
        return spis.isEmpty() ? "connection '" + connectionName + "' has no established IKE_SA to rekey" : null;
    }

    /**
     * Deletes every IKE SA of a connection, and with them their Child SAs.
     *
     * @param connectionName the connection's name.
     * @param now the time.
     * @return null when the deletes are under way, otherwise why not.
     */
    public String terminateIke(final String connectionName, final long now)
    {
        final List<Long> spis = bySpi.entrySet().stream().filter(e -> e.getValue().isLive() &&
            e.getValue().session.profile().name().equals(connectionName)).map(Map.Entry::getKey).toList();
        spis.forEach(spi -> terminateIke(spi, now));
        return spis.isEmpty() ? "no IKE_SA of " + connectionName : null;
    }

    /**
     * @param ikeSpi our SPI of an IKE SA.
     * @param now the time.
     * @return null when the delete is under way, otherwise why not.
     */
    public String terminateIke(final long ikeSpi, final long now)
    {
        final SaEntry entry = bySpi.get(ikeSpi);
        if (entry == null || !entry.isLive())
        {
            return "no IKE_SA with SPI " + Long.toHexString(ikeSpi);
        }
        if (entry.session.state() == IkeSession.State.CONNECTING)
        {
            // Not up yet: there is nothing to tell the peer under keys, so it just goes, as strongSwan does.
            bySpi.remove(ikeSpi);
            uncounted(entry);
            initiating.values().remove(entry);
            if (entry.responder)
            {
                halfOpen.closed(entry.peer.getAddress());
            }
            entry.session.destroy();
            log.printf("[IKE] IKE_SA %s with %s deleted while connecting%n", entry.session.profile().name(),
                entry.peer.getAddress().getHostAddress());
            return null;
        }
        entry.endedHere = true;
        log.printf("[IKE] deleting IKE_SA %s between %s...%s%n", entry.session.profile().name(),
            entry.session.local().getAddress().getHostAddress(), entry.peer.getAddress().getHostAddress());
        entry.session.deleteIke(now).forEach(sender);
        report(entry, now);
        return null;
    }

    /**
     * Rekeys an IKE SA (swanctl's --rekey --ike): the new SA takes over its Child SAs once the exchange
     * completes, and is then found under its new SPI.
     *
     * @param ikeSpi our SPI of an established IKE SA.
     * @param now the time.
     * @return null when the rekey is under way or queued, otherwise why not.
     */
    public String rekeyIke(final long ikeSpi, final long now)
    {
        final SaEntry entry = bySpi.get(ikeSpi);
        if (entry == null || !entry.isLive() || entry.session.state() != IkeSession.State.ESTABLISHED)
        {
            return "no established IKE_SA with SPI " + Long.toHexString(ikeSpi);
        }
        entry.session.rekeyIke(now).forEach(sender);
        report(entry, now);
        return null;
    }

    // ---- End of commands on established SAs ----

    private void counted(final SaEntry entry, final String connection)
    {
        if (entry.presentAs == null)
        {
            entry.presentAs = connection;
            presence.added(connection);
        }
    }

    private void uncounted(final SaEntry entry)
    {
        if (entry.presentAs != null)
        {
            presence.removed(entry.presentAs);
            entry.presentAs = null;
        }
    }

    /**
     * Says how to reach every SA manager of the daemon, each on its own thread; by default this one alone.
     *
     * @param runner runs a command with every manager, this one included.
     */
    public void everyManager(final Consumer<Consumer<IkeSaManager>> runner)
    {
        this.everyManager = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Says which connections' traps this manager installs when connections are reloaded: with several IKE
     * handlers, each connection's belong to one of them. By default, every connection's.
     *
     * @param owns true for the names of the connections this manager looks after.
     */
    public void ownsConnections(final Predicate<String> owns)
    {
        this.ownsConnection = Objects.requireNonNull(owns, "owns");
    }

    void onEveryManager(final Consumer<IkeSaManager> command)
    {
        everyManager.accept(command);
    }

    /**
     * Removes this manager's duplicates of a new SA that another manager (or this one) established.
     *
     * @param claim the new SA's claim.
     * @param now the time.
     */
    void removeDuplicates(final Uniqueness.Claim claim, final long now)
    {
        uniqueness.removeDuplicates(claim, now);
    }

    /**
     * Reauthenticates an SA from another of our addresses: its own went, and MOBIKE cannot move it.
     *
     * @param entry the SA.
     * @param local our address to start from.
     * @param now the time.
     * @return true when the new SA is being set up.
     */
    boolean reauthenticateFrom(final SaEntry entry, final InetAddress local, final long now)
    {
        return lifecycle.reauthenticateFrom(entry, local, now);
    }

    /** @return the SAs held now, a copy: the lifecycle may start or end SAs while it walks them. */
    List<SaEntry> entries()
    {
        return List.copyOf(bySpi.values());
    }

    /**
     * @param spi our SPI of an SA.
     * @return that SA, or null.
     */
    SaEntry entry(final long spi)
    {
        return bySpi.get(spi);
    }

    /**
     * @param name a connection's name.
     * @return the loaded connection of that name.
     */
    Optional<Connection> connection(final String name)
    {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** @return true when the dataplane has applied every Child SA install and removal asked for so far. */
    public boolean dataplaneSettled()
    {
        return installer.settled();
    }

    /** @return the SAs, established or being set up, by name and state, for listings. */
    public Map<Long, IkeSession> sessions()
    {
        final Map<Long, IkeSession> sessions = new LinkedHashMap<>();
        bySpi.forEach((spi, entry) -> sessions.put(spi, entry.session));
        return sessions;
    }

    /** @return the loaded connections, in preference order. */
    public List<Connection> connections()
    {
        return connections;
    }

    /**
     * Replaces the connections ({@code torii load-all}); SAs made from the old ones stay as they are. The old
     * connections' traps go, and those the new ones' {@code start_action} asks for are installed.
     *
     * @param loaded the connections now in effect.
     * @return the ones replaced; the caller zeroes the profiles no SA uses any more.
     */
    public List<Connection> replaceConnections(final List<Connection> loaded)
    {
        final List<Connection> replaced = connections;
        connections = List.copyOf(loaded);
        lifecycle.reloaded(replaced, connections.stream().filter(c -> ownsConnection.test(c.name())).toList());
        return replaced;
    }

    /** @return messages dropped before reaching an SA: too short, for no SA we know, or a refused IKE_SA_INIT. */
    public long dropped()
    {
        final Map<String, Long> counts = drops.counts();
        return counts.getOrDefault(DropCounts.TOO_SHORT, 0L) + counts.getOrDefault(DropCounts.UNKNOWN_SPI, 0L) +
            counts.getOrDefault(DropCounts.REFUSED_INIT, 0L);
    }

    /**
     * @return every message dropped so far by reason: the manager's own drops, those of SAs already forgotten,
     *     and those of the SAs it holds now.
     */
    public DropCounts dropCounts()
    {
        final DropCounts all = new DropCounts();
        drops.counts().forEach(all::add);
        bySpi.values().forEach(entry -> all.addSession(entry.session.dropped(), entry.session.unexpected()));
        return all;
    }

    /** Writes the drop counts as one line, and zeroes every SA's keys. */
    public void close()
    {
        log.println(closeSilently().summary());
    }

    /**
     * Zeroes every SA's keys without writing the drop summary, for a caller that merges several managers'.
     *
     * @return the drops counted, as {@link #dropCounts()} had them.
     */
    public DropCounts closeSilently()
    {
        final DropCounts counts = dropCounts();
        bySpi.values().forEach(entry ->
        {
            uncounted(entry);
            entry.session.destroy();
        });
        bySpi.clear();
        initiating.clear();
        return counts;
    }
}
