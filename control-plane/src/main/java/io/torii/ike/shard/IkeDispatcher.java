package io.torii.ike.shard;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.torii.ike.control.IkeCommands;
import io.torii.ike.control.IkeControl;
import io.torii.ike.daemon.Connection;
import io.torii.ike.daemon.ConnectionPresence;
import io.torii.ike.daemon.DropCounts;
import io.torii.ike.daemon.IkeSaManager;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.dos.HalfOpenTracker;
import io.torii.ike.net.IkeDatagram;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;

/**
 * The IKE handlers and the Disruptor ring that feeds them. The receive side {@link #publish}es each
 * datagram into a pre-allocated slot together with its shard ({@link SpiShards#shardOf}); each handler,
 * on a thread of its own, sees every slot and processes those of its shard with the SA manager it alone
 * owns. Handlers that find the ring quiet wake every few milliseconds for their timers; a command wakes
 * them at once, through an empty slot that every handler sees ({@link #execute}).
 *
 * <p>Each handler has its own random source, SA manager and cookie secret (a retried IKE_SA_INIT meets the
 * handler that demanded its cookie); the half-open count is the daemon's, shared, so that strongSwan's
 * thresholds mean what they mean there. Child SAs go to one installer shared under a lock, and
 * messages leave through the thread-safe sender the caller gives (an {@link OutboundDatagrams} that the
 * I/O side drains).
 */
public final class IkeDispatcher implements AutoCloseable
{
    private static final long WAKE_MILLIS = 5;
    /** The shard of a slot that carries no datagram, only a wake-up: no handler owns it. */
    static final int WAKE_ONLY = -1;
    private static final long STOP_MILLIS = 5_000;

    private final SpiShards shards;
    private final RingBuffer<IkeDatagramEvent> ring;
    private final List<IkeShardHandler> handlers;
    private final List<BatchEventProcessor<IkeDatagramEvent>> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ShardedIkeControl commands;
    private final PrintStream log;
    private volatile long ringFull;
    private boolean closed;

    private IkeDispatcher(final SpiShards shards, final RingBuffer<IkeDatagramEvent> ring,
        final List<IkeShardHandler> handlers, final PrintStream log)
    {
        this.log = log;
        this.shards = shards;
        this.ring = ring;
        this.handlers = List.copyOf(handlers);
        this.commands = new ShardedIkeControl(shards, handlers.stream().map(IkeShardHandler::control).toList());
    }

    /**
     * Makes the handlers, each with an SA manager of its shard, and starts their threads.
     *
     * @param settings how many handlers and how large a ring.
     * @param connections the loaded connections, shared by every handler (profiles are read only).
     * @param installer where Child SAs go; calls to it are serialised here.
     * @param sender sends a datagram; called from every handler's thread.
     * @param log where state changes are written; a print stream writes each line whole.
     * @param limits half-open limits, for the daemon as a whole.
     * @param clock the time.
     * @param errors told of what a handler throws; the handler goes on with the next message.
     * @return the running dispatcher.
     */
    public static IkeDispatcher start(final IkeHandlerSettings settings, final List<Connection> connections,
        final ChildSaInstaller installer, final Consumer<IkeDatagram> sender, final PrintStream log,
        final HalfOpenLimits limits, final NanoClock clock, final ErrorHandler errors)
    {
        return start(settings, connections, installer, sender, log, limits, clock, errors, WAKE_MILLIS);
    }

    /**
     * As {@link #start(IkeHandlerSettings, List, ChildSaInstaller, Consumer, PrintStream, HalfOpenLimits,
     * NanoClock, ErrorHandler)}, with how long a handler waits on a quiet ring before its timers run.
     */
    static IkeDispatcher start(final IkeHandlerSettings settings, final List<Connection> connections,
        final ChildSaInstaller installer, final Consumer<IkeDatagram> sender, final PrintStream log,
        final HalfOpenLimits limits, final NanoClock clock, final ErrorHandler errors, final long wakeMillis)
    {
        final int count = settings.handlers();
        final SpiShards shards = new SpiShards(count, new SecureRandom().nextLong());
        final ChildSaInstaller shared = new SynchronizedChildSaInstaller(installer);
        final List<IkeShardHandler> handlers = new ArrayList<>();
        final AtomicLong ids = new AtomicLong(1);
        final AtomicLong childIds = new AtomicLong(1);
        final ConnectionPresence presence = new ConnectionPresence();
        final HalfOpenTracker halfOpen = new HalfOpenTracker(limits);
        for (int shard = 0; shard < count; shard++)
        {
            final IkeSaManager manager = new IkeSaManager(connections, new SecureRandom(), shared, sender, log,
                halfOpen, shards.stampFor(shard), presence);
            final int owner = shard;
            manager.ownsConnections(name -> shards.shardOfName(name) == owner);
            handlers.add(new IkeShardHandler(shard, shards, manager, new IkeControl(manager, ids, childIds),
                clock, log));
        }
        // Several producers: the receive side's datagrams, and the wake-ups of commands from any thread.
        final RingBuffer<IkeDatagramEvent> ring = RingBuffer.createMultiProducer(IkeDatagramEvent::new,
            settings.ringSize(), new LiteTimeoutBlockingWaitStrategy(wakeMillis, TimeUnit.MILLISECONDS));
        final IkeDispatcher dispatcher = new IkeDispatcher(shards, ring, handlers, log);
        // Duplicates of an IKE SA (uniqueness, INITIAL_CONTACT) may sit on any handler.
        handlers.forEach(handler -> handler.manager().everyManager(dispatcher::executeOnEvery));
        dispatcher.startHandlers(Objects.requireNonNull(errors, "errors"));
        return dispatcher;
    }

    private void startHandlers(final ErrorHandler errors)
    {
        final ExceptionHandler<IkeDatagramEvent> reporting = new ReportingExceptionHandler(errors);
        for (final IkeShardHandler handler : handlers)
        {
            final BatchEventProcessor<IkeDatagramEvent> processor = new BatchEventProcessorBuilder()
                .build(ring, ring.newBarrier(), handler);
            processor.setExceptionHandler(reporting);
            ring.addGatingSequences(processor.getSequence());
            processors.add(processor);
        }
        for (int shard = 0; shard < processors.size(); shard++)
        {
            threads.add(Thread.ofPlatform().name("torii-ike-handler-" + shard).daemon()
                .start(processors.get(shard)));
        }
    }

    /**
     * Hands a received message to the handler that owns it; from the one receive thread only.
     *
     * @param datagram the message.
     * @return false when the ring was full and the message was dropped (counted; the peer retransmits).
     */
    public boolean publish(final IkeDatagram datagram)
    {
        final int shard = shards.shardOf(datagram.message(), datagram.remote());
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            ringFull++;
            return false;
        }
        ring.get(sequence).set(datagram, shard);
        ring.publish(sequence);
        return true;
    }

    /**
     * Runs a command with one shard's SA manager, on that handler's thread.
     *
     * @param shard the shard.
     * @param command what to do.
     * @return false when that handler has too many commands waiting.
     */
    public boolean execute(final int shard, final Consumer<IkeSaManager> command)
    {
        final boolean queued = handlers.get(shard).execute(command);
        wake();
        return queued;
    }

    /**
     * Runs a command with every shard's SA manager, each on its handler's thread: for events that name
     * no IKE SA, such as the dataplane's, which only the shard holding the child or trap acts on.
     *
     * @param command what to do.
     * @return false when some handler had too many commands waiting and skipped it.
     */
    public boolean executeOnEvery(final Consumer<IkeSaManager> command)
    {
        boolean all = true;
        for (final IkeShardHandler handler : handlers)
        {
            all &= handler.execute(command);
        }
        wake();
        return all;
    }

    /**
     * Publishes a slot with no datagram, so that handlers blocked on a quiet ring run their commands now rather
     * than at their next timeout (an initiation, a trap's acquire, a control request). A full ring needs none:
     * its handlers are busy and run their commands at the end of each batch.
     */
    private void wake()
    {
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return;
        }
        ring.get(sequence).set(null, WAKE_ONLY);
        ring.publish(sequence);
    }

    /** @return the control socket's requests, routed to the handlers and their answers merged. */
    public IkeCommands commands()
    {
        return commands;
    }

    /** @return how messages map to handlers. */
    public SpiShards shards()
    {
        return shards;
    }

    /** @return messages dropped because every slot of the ring was taken. */
    public long ringFull()
    {
        return ringFull;
    }

    /** Stops the handlers; each zeroes its SAs' keys and writes its drop counts before this returns. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        processors.forEach(BatchEventProcessor::halt);
        try
        {
            for (final IkeShardHandler handler : handlers)
            {
                handler.stopped().await(STOP_MILLIS, TimeUnit.MILLISECONDS);
            }
            for (final Thread thread : threads)
            {
                thread.join(STOP_MILLIS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        // One summary for the daemon, as with one handler: the shards' counts added up.
        final DropCounts all = new DropCounts();
        handlers.forEach(handler -> handler.finalDrops().counts().forEach(all::add));
        log.println(all.summary());
    }

    /** Reports what a handler throws and lets it go on: one bad message must not stop a shard. */
    private record ReportingExceptionHandler(ErrorHandler errors) implements ExceptionHandler<IkeDatagramEvent>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final IkeDatagramEvent event)
        {
            errors.onError(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            errors.onError(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            errors.onError(ex);
        }
    }
}
