package io.torii.ike.shard;

import com.lmax.disruptor.EventHandler;
import io.torii.ike.control.IkeControl;
import io.torii.ike.daemon.Connection;
import io.torii.ike.daemon.DropCounts;
import io.torii.ike.daemon.IkeSaManager;
import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

/**
 * One IKE handler: the sole owner of the IKE SAs of its shard. On its own thread it processes the ring's
 * messages of its shard, runs its SAs' timers (retransmission, half-open expiry) every few tens of
 * milliseconds, and runs the commands meant for its SAs: the control socket's, through its
 * {@link IkeControl}, and any other through {@link #execute}. Its SA manager needs no locks.
 */
final class IkeShardHandler implements EventHandler<IkeDatagramEvent>
{
    /** How many commands may wait for one handler; more are refused. */
    static final int COMMAND_CAPACITY = 1024;
    private static final long TIMER_PERIOD_NANOS = 20_000_000L;

    private final int shard;
    private final SpiShards shards;
    private final IkeSaManager manager;
    private volatile DropCounts finalDrops = new DropCounts();
    private final IkeControl control;
    private final NanoClock clock;
    private final PrintStream log;
    private final ManyToOneConcurrentArrayQueue<Consumer<IkeSaManager>> commands =
        new ManyToOneConcurrentArrayQueue<>(COMMAND_CAPACITY);
    private final Consumer<Consumer<IkeSaManager>> runCommand;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long lastTimer;

    /**
     * @param shard the shard this handler owns.
     * @param shards how messages map to shards.
     * @param manager the shard's SAs, made with {@link SpiShards#stampFor} of this shard.
     * @param control the control socket's half for these SAs.
     * @param clock the time.
     * @param log where connections that fail to start are written.
     */
    IkeShardHandler(final int shard, final SpiShards shards, final IkeSaManager manager, final IkeControl control,
        final NanoClock clock, final PrintStream log)
    {
        this.shard = shard;
        this.shards = Objects.requireNonNull(shards, "shards");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.control = Objects.requireNonNull(control, "control");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.runCommand = command -> command.accept(manager);
    }

    /**
     * Runs a command on this handler's thread, with its SAs.
     *
     * @param command what to do.
     * @return false when {@link #COMMAND_CAPACITY} commands already wait.
     */
    boolean execute(final Consumer<IkeSaManager> command)
    {
        return commands.offer(Objects.requireNonNull(command, "command"));
    }

    /** @return the shard's SA manager, to be used on this handler's thread only. */
    IkeSaManager manager()
    {
        return manager;
    }

    /** @return the control socket's half for this shard's SAs. */
    IkeControl control()
    {
        return control;
    }

    /** Applies the {@code start_action} of the connections that fall to this shard: traps, starts. */
    @Override
    public void onStart()
    {
        final long now = clock.nanoTime();
        lastTimer = now;
        for (final Connection connection : manager.connections())
        {
            if (shards.shardOfName(connection.name()) == shard)
            {
                manager.startConnection(connection, now);
            }
        }
    }

    @Override
    public void onEvent(final IkeDatagramEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.shard() == shard)
        {
            manager.onDatagram(event.datagram(), clock.nanoTime());
        }
        if (endOfBatch)
        {
            duties();
        }
    }

    /** The ring was quiet for a while: timers and commands still run. */
    @Override
    public void onTimeout(final long sequence)
    {
        duties();
    }

    /** Zeroes every SA's keys and keeps the shard's drop counts for the dispatcher's one summary. */
    @Override
    public void onShutdown()
    {
        try
        {
            finalDrops = manager.closeSilently();
        }
        finally
        {
            stopped.countDown();
        }
    }

    /** @return the drops counted until the handler closed; empty before. */
    DropCounts finalDrops()
    {
        return finalDrops;
    }

    /** @return counted down once the handler has closed its SAs. */
    CountDownLatch stopped()
    {
        return stopped;
    }

    private void duties()
    {
        final long now = clock.nanoTime();
        commands.drain(runCommand);
        control.doWork(now);
        if (now - lastTimer >= TIMER_PERIOD_NANOS)
        {
            lastTimer = now;
            manager.onTimer(now);
        }
    }
}
