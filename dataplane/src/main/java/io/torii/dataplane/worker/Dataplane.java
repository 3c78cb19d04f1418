package io.torii.dataplane.worker;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.CryptoEngineProvider;
import io.torii.dataplane.handoff.ControlAdapter;
import io.torii.dataplane.handoff.ControlRings;
import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.IkeDatagramAdapter;
import io.torii.dataplane.handoff.IkeDatagramProxy;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.shm.WorkerCounters;
import io.torii.dataplane.threading.ThreadingConfig;
import io.torii.dataplane.threading.WorkerThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.status.CountersManager;

/**
 * A running dataplane: its workers, each with its own ports, SA table, crypto engine and counters,
 * sharing only the shard map and the handoff queues, on threads as the configuration's
 * {@link ThreadingConfig} says (a thread each, perhaps pinned, or one for all).
 */
public final class Dataplane implements AutoCloseable
{
    private static final int HANDOFF_BYTES = 1 << 22;
    private static final int RING_BYTES = 1 << 20;
    private static final int CONTROL_PER_CYCLE = 16;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<GatewayWorker> workers = new ArrayList<>();
    private final List<SaTable> tables = new ArrayList<>();
    private final List<WorkerCounters> counters = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private final int tunnels;
    private final ControlRings rings;
    private final ControlAdapter controlAdapter;
    private final Path runDirectory;
    private final ShardMap shards;
    private final ThreadingConfig threading;
    private WorkerThreads workerThreads;

    /**
     * Opens the ports and installs the static SAs; nothing runs until {@link #start}.
     *
     * @param config the daemon's configuration.
     * @param engines makes one crypto engine per worker.
     * @param countersManager where the workers' shared counters go, or null for none.
     * @param runDirectory where the control and event rings go, for the control plane; null for none.
     */
    public Dataplane(final DaemonConfig config, final CryptoEngineProvider engines,
        final CountersManager countersManager, final Path runDirectory)
    {
        final int count = config.workers();
        final int capacity = capacity(config);
        this.shards = new ShardMap(count);
        this.threading = config.threading();
        final PacketHandoff[] handoffs = new PacketHandoff[count];
        for (int i = 0; i < count; i++)
        {
            handoffs[i] = count == 1 ? null : new PacketHandoff(HANDOFF_BYTES);
        }
        this.runDirectory = runDirectory;
        ControlRings controlRings = null;
        try
        {
            controlRings = runDirectory == null ? null : ControlRings.create(runDirectory, RING_BYTES, RING_BYTES);
            if (controlRings != null)
            {
                resources.add(controlRings);
            }
            final PacketPort[] lans = Ports.open(config.lan(), count, config.tuning().ringSize());
            resources.addAll(List.of(lans));
            final PacketPort[] wans = Ports.open(config.wan(), count, config.tuning().ringSize());
            resources.addAll(List.of(wans));
            int tunnelCount = 0;
            for (int id = 0; id < count; id++)
            {
                final CryptoEngine engine = engines.create();
                resources.add(engine);
                final SaTable table = new SaTable(capacity);
                resources.add(table);
                tables.add(table);
                final PolicyTable policies = new PolicyTable();
                final TunnelTable tunnelTable = new TunnelTable(policies, capacity);
                StaticTunnels.install(config, table, tunnelTable, engine, shards, id);
                tunnelCount = tunnelTable.size();
                final WorkerCounters shared = countersManager == null ? null :
                    new WorkerCounters(countersManager, id, table.counters(), capacity);
                if (shared != null)
                {
                    resources.add(shared);
                    counters.add(shared);
                    shared.ports(lans[id], config.lan().kind(), wans[id], config.wan().kind());
                    for (int slot = 0; slot < capacity; slot++)
                    {
                        if (table.config(slot) != null)
                        {
                            shared.saInstalled(slot, table.config(slot), table.direction(slot));
                        }
                    }
                }
                // An events proxy per worker: a proxy's flyweights are not to be shared between threads.
                final EventsProxy workerEvents = controlRings == null ? null :
                    new EventsProxy(controlRings.eventsRing());
                final SaEventListener saEvents = workerEvents == null ? SaEventListener.NONE :
                    new SaEventsToRing(workerEvents);
                final GatewayWorker worker = new GatewayWorker(id, lans[id], wans[id], table, policies, tunnelTable,
                    saEvents, config.tuning().batchSize(), shared, shards, handoffs,
                    config.lan().address().orElse(null));
                worker.engine(engine);
                worker.controlEvents(workerEvents, config.events());
                if (controlRings != null && config.wan().kind().equals("udp"))
                {
                    // The UDP port owns the NAT-T socket, so IKE on it travels the IKE rings; worker 0 sends.
                    worker.ike(new IkeDatagramProxy(controlRings.ikeInRing()),
                        id == 0 ? new IkeDatagramAdapter(controlRings.ikeOutRing()) : null);
                }
                workers.add(worker);
            }
            this.tunnels = tunnelCount;
            this.rings = controlRings;
            this.controlAdapter = controlRings == null ? null : new ControlAdapter(controlRings.controlRing(),
                new WorkerProgrammer(workers, shards, new EventsProxy(controlRings.eventsRing()),
                    config.wan().mtu() > 0 ? config.wan().mtu() : StaticTunnels.DEFAULT_PATH_MTU));
        }
        catch (final RuntimeException | IOException ex)
        {
            close();
            throw ex instanceof RuntimeException runtime ? runtime :
                new IllegalStateException("cannot create the control rings: " + ex.getMessage(), ex);
        }
    }

    /** @return SA slots per worker: every static SA and {@code max_sas} more for the control plane. */
    public static int capacity(final DaemonConfig config)
    {
        return config.sas().size() + config.maxSas();
    }

    /**
     * Starts the workers on threads as the configuration's threading says, and returns once each
     * thread has started (and pinned itself, when CPUs are configured).
     *
     * @param errors told of anything a worker throws; the worker carries on.
     * @throws IllegalStateException when a worker thread cannot be pinned to its CPU; nothing runs then.
     */
    public void start(final ErrorHandler errors)
    {
        shards.seal();
        workerThreads = WorkerThreads.start(workers, threading, errors);
        if (controlAdapter != null)
        {
            final AgentRunner control = new AgentRunner(new BackoffIdleStrategy(10, 10,
                TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(10)), errors, null, new Agent()
                {
                    @Override
                    public int doWork()
                    {
                        return controlAdapter.poll(CONTROL_PER_CYCLE);
                    }

                    @Override
                    public String roleName()
                    {
                        return "torii-control";
                    }
                });
            runners.add(control);
            AgentRunner.startOnThread(control);
        }
    }

    /** @return the control and event rings the control plane talks through, or null. */
    public ControlRings rings()
    {
        return rings;
    }

    /** @return the worker threads while running (after {@link #start}), for diagnostics and tests; else null. */
    public WorkerThreads workerThreads()
    {
        return workerThreads;
    }

    /** @return how many workers run. */
    public int workers()
    {
        return workers.size();
    }

    /** @return how many tunnels the configuration holds. */
    public int tunnels()
    {
        return tunnels;
    }

    /**
     * @param disposition a disposition.
     * @return packets with it, over all workers; read after {@link #close()} for exact figures.
     */
    public long total(final Disposition disposition)
    {
        long total = 0;
        for (final SaTable table : tables)
        {
            total += table.counters().total(disposition);
        }
        return total;
    }

    /** Stops the workers, publishes their last counts, and closes ports, SAs (zeroing keys) and engines. */
    @Override
    public void close()
    {
        if (workerThreads != null)
        {
            workerThreads.close();
            workerThreads = null;
        }
        runners.forEach(AgentRunner::close);
        runners.clear();
        counters.forEach(WorkerCounters::publishAll);
        for (final AutoCloseable resource : resources.reversed())
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                // Closing the rest matters more; each resource releases what it can.
            }
        }
        resources.clear();
        if (rings != null && runDirectory != null)
        {
            try
            {
                Files.deleteIfExists(runDirectory.resolve(ControlRings.FILE_NAME));
            }
            catch (final IOException ignored)
            {
                // A stale ring file is replaced at the next start.
            }
        }
    }
}
