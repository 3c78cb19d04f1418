package io.torii.ike.control;

import io.torii.ike.daemon.Connection;
import io.torii.ike.daemon.IkeSaManager;
import io.torii.ike.dataplane.SelectorText;
import io.torii.ike.message.payload.TrafficSelector;
import io.torii.ike.sa.ChildSa;
import io.torii.ike.task.IkeSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * The agent-side half of the control socket: requests from the server's threads wait in a bounded
 * queue that the IKE agent drains in its duty cycle ({@link #doWork}), so that IKE SA state is only
 * ever touched by the agent's thread. Each request is answered through a {@link CompletableFuture};
 * an {@code initiate} is answered once its IKE SA is established or has failed.
 *
 * <p>It also numbers the SAs for listings (swanctl's {@code #n}) and notes when each was established.
 */
public final class IkeControl implements IkeCommands
{
    /** How many requests may wait for the agent; more are refused as busy. */
    public static final int QUEUE_CAPACITY = 64;
    private static final long SWEEP_PERIOD_NANOS = 250_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * What a request that changes something came to.
     *
     * @param ok true when it succeeded.
     * @param message one line for the user.
     */
    public record Outcome(boolean ok, String message)
    {
        /** Checks the message is given. */
        public Outcome
        {
            Objects.requireNonNull(message, "message");
        }
    }

    /** An initiation waiting for its SA's outcome. */
    private record Pending(IkeSession session, boolean needsChild, String childName,
        CompletableFuture<Outcome> result)
    {
    }

    private final IkeSaManager manager;
    private final ManyToOneConcurrentArrayQueue<Runnable> requests =
        new ManyToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    private final List<Pending> pending = new ArrayList<>();
    private final Map<IkeSession, Long> ids = new IdentityHashMap<>();
    private final Map<IkeSession, Long> establishedAt = new IdentityHashMap<>();
    private final Map<ChildSa, Long> childIds = new IdentityHashMap<>();
    private final AtomicLong nextId;
    private final AtomicLong nextChildId;
    private long now;
    private long lastSweep;

    /**
     * @param manager the IKE SAs; touched only from {@link #doWork}.
     */
    public IkeControl(final IkeSaManager manager)
    {
        this(manager, new AtomicLong(1), new AtomicLong(1));
    }

    /**
     * One of several controls whose SAs are listed together, numbering their SAs from shared counters so
     * that the numbers stay distinct and consecutive, as with one control.
     *
     * @param manager the IKE SAs; touched only from {@link #doWork}.
     * @param nextId the next IKE SA's number, shared by the controls.
     * @param nextChildId the next Child SA's number, shared by the controls.
     */
    public IkeControl(final IkeSaManager manager, final AtomicLong nextId, final AtomicLong nextChildId)
    {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.nextId = Objects.requireNonNull(nextId, "nextId");
        this.nextChildId = Objects.requireNonNull(nextChildId, "nextChildId");
    }

    /** @return the connections; from any thread. */
    @Override
    public CompletableFuture<List<ConnectionInfo>> listConnections()
    {
        return submit(() -> manager.connections().stream().map(ConnectionInfo::of).toList());
    }

    /** @return the IKE SAs with their Child SAs; from any thread. */
    @Override
    public CompletableFuture<List<IkeSaInfo>> listSas()
    {
        return submit(this::describeSas);
    }

    /**
     * Starts a connection; from any thread.
     *
     * @param child true when {@code name} is a child's name, false for a connection's.
     * @param name the name.
     * @return the outcome, once the SA is established or failed; the caller stops waiting when it likes.
     */
    @Override
    public CompletableFuture<Outcome> initiate(final boolean child, final String name)
    {
        final CompletableFuture<Outcome> result = new CompletableFuture<>();
        enqueue(() ->
        {
            final Outcome refused = startInitiation(child, name, result);
            if (refused != null)
            {
                result.complete(refused);
            }
        }, result);
        return result;
    }

    /**
     * Removes a connection's IKE SAs, or refuses a Child SA; from any thread.
     *
     * @param child true when {@code name} is a child's name.
     * @param name the name.
     * @return the outcome.
     */
    @Override
    public CompletableFuture<Outcome> terminate(final boolean child, final String name)
    {
        return submit(() -> child ? terminateChild(name) : terminateIke(name));
    }

    /**
     * Rekeys a connection's IKE SAs, or the Child SAs of a name; from any thread.
     *
     * @param child true when {@code name} is a child's name.
     * @param name the name.
     * @return the outcome.
     */
    @Override
    public CompletableFuture<Outcome> rekey(final boolean child, final String name)
    {
        return submit(() ->
        {
            final String problem = child ? manager.rekeyChild(name, now) : manager.rekeyIke(name, now);
            sweep();
            return problem == null ?
                new Outcome(true, "rekeying " + (child ? "CHILD_SA '" : "the IKE_SA(s) of '") + name + "'") :
                new Outcome(false, problem);
        });
    }

    /**
     * Puts freshly loaded connections in place of the current ones; from any thread. SAs stay.
     *
     * @param loaded the connections now in effect.
     * @return the outcome.
     */
    @Override
    public CompletableFuture<Outcome> replaceConnections(final List<Connection> loaded)
    {
        return swapConnections(loaded).thenApply(swap ->
        {
            swap.destroyUnused(List.of(swap));
            return new Outcome(true, "loaded " + loaded.size() + " connection(s), replacing " +
                swap.replaced().size());
        });
    }

    /**
     * What replacing the connections left: the old ones, and the profiles this control's SAs still use.
     *
     * @param replaced the connections replaced.
     * @param inUse the profiles of the SAs that remain, compared by identity.
     */
    public record Swap(List<Connection> replaced, Set<Object> inUse)
    {
        /**
         * Zeroes the replaced profiles that no SA of any of the swaps uses any more.
         *
         * @param all the swaps of every control that shared the old connections.
         */
        public void destroyUnused(final List<Swap> all)
        {
            for (final Connection old : replaced)
            {
                if (all.stream().noneMatch(swap -> swap.inUse().contains(old.profile())))
                {
                    old.profile().destroy();
                }
            }
        }
    }

    /**
     * Puts freshly loaded connections in place of the current ones without zeroing the old profiles, which
     * other controls' SAs may still use; from any thread.
     *
     * @param loaded the connections now in effect.
     * @return the old connections and the profiles this control's SAs still use.
     */
    public CompletableFuture<Swap> swapConnections(final List<Connection> loaded)
    {
        return submit(() ->
        {
            final List<Connection> replaced = manager.replaceConnections(loaded);
            final Set<Object> inUse = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            manager.sessions().values().forEach(session -> inUse.add(session.profile()));
            return new Swap(replaced, inUse);
        });
    }

    /**
     * Runs the waiting requests and answers finished initiations; on the agent's thread only.
     *
     * @param now the agent's time.
     * @return work done.
     */
    public int doWork(final long now)
    {
        this.now = now;
        int work = requests.drain(Runnable::run);
        if (now - lastSweep >= SWEEP_PERIOD_NANOS)
        {
            lastSweep = now;
            sweep();
        }
        if (!pending.isEmpty())
        {
            work += answerPending();
        }
        return work;
    }

    private <T> CompletableFuture<T> submit(final Supplier<T> request)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        enqueue(() -> result.complete(request.get()), result);
        return result;
    }

    private void enqueue(final Runnable task, final CompletableFuture<?> result)
    {
        final Runnable guarded = () ->
        {
            try
            {
                task.run();
            }
            catch (final RuntimeException ex)
            {
                result.completeExceptionally(ex);
            }
        };
        if (!requests.offer(guarded))
        {
            result.completeExceptionally(new IllegalStateException("the IKE agent has " + QUEUE_CAPACITY +
                " requests waiting; try again"));
        }
    }

    private Outcome startInitiation(final boolean child, final String name, final CompletableFuture<Outcome> result)
    {
        final Optional<Connection> connection = child ?
            manager.connections().stream().filter(c -> c.profile().child().name().equals(name)).findFirst() :
            manager.connections().stream().filter(c -> c.name().equals(name)).findFirst();
        if (connection.isEmpty() && child)
        {
            // Not a first child: CREATE_CHILD_SA on the connection's IKE SA (made first when there is none).
            final Optional<Connection> owner = manager.connections().stream()
                .filter(c -> c.config().children().containsKey(name)).findFirst();
            if (owner.isPresent())
            {
                final String problem = manager.createChild(owner.get().name(), name, now);
                return problem == null ? new Outcome(true, "creating CHILD_SA '" + name + "' of '" +
                    owner.get().name() + "'") : new Outcome(false, "CHILD_SA '" + name + "': " + problem);
            }
        }
        if (connection.isEmpty())
        {
            return new Outcome(false, notFound(child, name));
        }
        final String connectionName = connection.get().name();
        for (final Map.Entry<Long, IkeSession> sa : manager.sessions().entrySet())
        {
            final IkeSession session = sa.getValue();
            if (session.profile().name().equals(connectionName) && session.state() == IkeSession.State.ESTABLISHED)
            {
                return new Outcome(false, "IKE_SA '" + connectionName + "' #" + idOf(session) +
                    " is already established; terminate it first");
            }
        }
        final Set<Long> before = new HashSet<>(manager.sessions().keySet());
        final String problem = manager.initiate(connectionName, now);
        if (problem != null)
        {
            return new Outcome(false, problem);
        }
        for (final Map.Entry<Long, IkeSession> sa : manager.sessions().entrySet())
        {
            if (!before.contains(sa.getKey()))
            {
                idOf(sa.getValue());
                pending.add(new Pending(sa.getValue(), child, connection.get().profile().child().name(), result));
                return null;
            }
        }
        return new Outcome(false, "the IKE_SA of '" + connectionName + "' was gone at once");
    }

    private String notFound(final boolean child, final String name)
    {
        if (!child)
        {
            return "no connection named '" + name + "'";
        }

        return "no CHILD_SA config named '" + name + "'";
    }

    private int answerPending()
    {
        int answered = 0;
        for (int i = pending.size() - 1; i >= 0; i--)
        {
            final Pending waiting = pending.get(i);
            final Outcome outcome = outcomeOf(waiting);
            if (outcome != null || waiting.result().isDone())
            {
                pending.remove(i);
                if (outcome != null)
                {
                    waiting.result().complete(outcome);
                }
                answered++;
            }
        }
        return answered;
    }

    private Outcome outcomeOf(final Pending waiting)
    {
        final IkeSession session = waiting.session();
        final String name = session.profile().name();
        return switch (session.state())
        {
            case FAILED -> new Outcome(false, "establishing IKE_SA '" + name + "' failed: " + session.failure());
            case CLOSED -> new Outcome(false, "IKE_SA '" + name + "' was deleted before it was up");
            case ESTABLISHED ->
            {
                if (!manager.dataplaneSettled())
                {
                    // As swanctl returns once the kernel has the SAs: wait until the dataplane applied them.
                    yield null;
                }
                if (session.childFailure() != null && waiting.needsChild())
                {
                    yield new Outcome(false, "establishing CHILD_SA '" + waiting.childName() + "' failed: " +
                        session.childFailure());
                }
                yield new Outcome(true, "IKE_SA '" + name + "' #" + idOf(session) + " established" +
                    (session.children().isEmpty() ? "" : ", CHILD_SA '" + session.children().getFirst().name() +
                    "' installed"));
            }
            case CONNECTING -> ids.containsKey(session) ? null :
                new Outcome(false, "IKE_SA '" + name + "' was removed while connecting");
        };
    }

    /** Sends an INFORMATIONAL DELETE for each IKE SA of the connection; the peer's answer ends them. */
    private Outcome terminateIke(final String name)
    {
        final boolean known = manager.connections().stream().anyMatch(c -> c.name().equals(name));
        if (!known)
        {
            return new Outcome(false, "no connection named '" + name + "'");
        }
        final String problem = manager.terminateIke(name, now);
        sweep();
        return problem == null ? new Outcome(true, "deleting the IKE_SA(s) of '" + name + "' and their CHILD_SAs") :
            new Outcome(false, "connection '" + name + "' has no IKE_SA to terminate");
    }

    /** Sends an INFORMATIONAL DELETE for each CHILD_SA of that name. */
    private Outcome terminateChild(final String name)
    {
        final String problem = manager.terminateChild(name, now);
        return problem == null ? new Outcome(true, "deleting CHILD_SA '" + name + "'") : new Outcome(false, problem);
    }

    /** Numbers new SAs, notes establishments, and forgets SAs the manager no longer has. */
    private void sweep()
    {
        final Map<Long, IkeSession> sessions = manager.sessions();
        final Set<IkeSession> live = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<ChildSa> liveChildren = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (final IkeSession session : sessions.values())
        {
            live.add(session);
            idOf(session);
            if (session.state() == IkeSession.State.ESTABLISHED)
            {
                establishedAt.putIfAbsent(session, now);
            }
            for (final ChildSa child : session.children())
            {
                liveChildren.add(child);
                childIdOf(child);
            }
        }
        ids.keySet().retainAll(live);
        establishedAt.keySet().retainAll(live);
        childIds.keySet().retainAll(liveChildren);
    }

    private long idOf(final IkeSession session)
    {
        return ids.computeIfAbsent(session, s -> nextId.getAndIncrement());
    }

    private long childIdOf(final ChildSa child)
    {
        return childIds.computeIfAbsent(child, c -> nextChildId.getAndIncrement());
    }

    private List<IkeSaInfo> describeSas()
    {
        sweep();
        final List<IkeSaInfo> sas = new ArrayList<>();
        for (final Map.Entry<Long, IkeSession> sa : manager.sessions().entrySet())
        {
            final IkeSession session = sa.getValue();
            final List<ChildSaInfo> children = new ArrayList<>();
            for (final ChildSa child : session.children())
            {
                children.add(new ChildSaInfo(child.name(), childIdOf(child), "INSTALLED",
                    child.transport() ? "TRANSPORT" : "TUNNEL", "ESP", Integer.toUnsignedLong(child.inboundSpi()),
                    Integer.toUnsignedLong(child.outboundSpi()), SuiteNames.esp(child), child.udpEncapsulation(),
                    blocks(child.localTs()), blocks(child.remoteTs())));
            }
            final Long established = establishedAt.get(session);
            sas.add(new IkeSaInfo(session.profile().name(), idOf(session), session.state().name(),
                session.local().getAddress().getHostAddress(), session.local().getPort(),
                session.profile().localId().toString(), session.remote().getAddress().getHostAddress(),
                session.remote().getPort(), session.profile().remoteId().toString(),
                String.format("%016x", session.initiatorSpi()), String.format("%016x", session.responderSpi()),
                sa.getKey() == session.initiatorSpi(), SuiteNames.ike(session.ikeProposal()),
                established == null ? -1 : (now - established) / NANOS_PER_SECOND, session.natDetected(), children));
        }
        return sas;
    }

    private static List<String> blocks(final List<TrafficSelector> selectors)
    {
        final List<String> blocks = new ArrayList<>();
        for (final TrafficSelector selector : selectors)
        {
            blocks.addAll(SelectorText.cidrs(selector));
        }
        return blocks;
    }
}
