package io.torii.cli;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.CryptoEngineSelector;
import io.torii.dataplane.crypto.CryptoEngines;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.port.raw.RawEspPort;
import io.torii.dataplane.port.raw.RawPortConfig;
import io.torii.dataplane.port.tun.TunConfig;
import io.torii.dataplane.port.tun.TunPort;
import io.torii.dataplane.port.udp.UdpEspPort;
import io.torii.dataplane.port.udp.UdpPortConfig;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.status.prometheus.PrometheusEndpoint;
import io.torii.dataplane.status.shm.CountersFile;
import io.torii.dataplane.status.shm.WorkerCounters;
import io.torii.dataplane.worker.GatewayWorker;
import io.torii.dataplane.worker.StaticTunnels;
import io.torii.dataplane.worker.TunnelTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;

/**
 * {@code torii daemon --config FILE}: runs the dataplane with the configuration's ports, static
 * SAs and tunnels, in the foreground, until SIGTERM or SIGINT.
 *
 * <p>The run directory ({@code torii --run-dir DIR}, default {@code /run/torii}) holds the pid
 * file, so that one daemon per network namespace can run on one machine and be told apart.
 */
final class DaemonCommand implements Subcommand
{
    static final String USAGE = "usage: torii [--run-dir DIR] daemon --config FILE";
    /**
     * What {@link #run} returns after a signal stopped the daemon: the JVM is already shutting down
     * and exits by itself, with 143 for SIGTERM or 130 for SIGINT, once the daemon has cleaned up.
     */
    static final int STOPPED_BY_SIGNAL = Integer.MIN_VALUE;
    private static final int BATCH = 32;

    @Override
    public String name()
    {
        return "daemon";
    }

    @Override
    public String summary()
    {
        return "run the dataplane in the foreground from a configuration: daemon --config FILE";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        if (args.size() != 2 || !args.get(0).equals("--config"))
        {
            err.println(USAGE);
            return 2;
        }
        final DaemonConfig config;
        try
        {
            config = DaemonConfigReader.read(Path.of(args.get(1)));
        }
        catch (final SettingsException ex)
        {
            err.println("torii daemon: " + ex.getMessage());
            return 1;
        }
        if (config.workers() != 1)
        {
            config.sas().forEach(SaConfig::destroyKeys);
            err.println("torii daemon: workers = " + config.workers() + ": this build runs one worker; " +
                "sharding SAs across workers is not built yet");
            return 1;
        }
        final Path runDir = RunDirectory.path();
        final Path pidFile = runDir.resolve("torii.pid");
        try
        {
            RunDirectory.claim(runDir, pidFile);
        }
        catch (final IOException | IllegalStateException ex)
        {
            config.sas().forEach(SaConfig::destroyKeys);
            err.println("torii daemon: " + ex.getMessage());
            return 1;
        }
        // Closing the barrier lets a signalled JVM finish exiting, so it comes after every cleanup.
        final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
        try
        {
            return runWorker(config, barrier, out, err);
        }
        finally
        {
            RunDirectory.release(pidFile);
            barrier.close();
        }
    }

    private static int runWorker(final DaemonConfig config, final ShutdownSignalBarrier barrier,
        final PrintStream out, final PrintStream err)
    {
        final CryptoEngineSelector.Selection selection;
        try
        {
            selection = CryptoEngines.selector().select(System.getProperty(CryptoEngineSelector.ENGINE_PROPERTY));
        }
        catch (final IllegalArgumentException ex)
        {
            config.sas().forEach(SaConfig::destroyKeys);
            err.println("torii daemon: " + ex.getMessage());
            return 1;
        }
        final AtomicLong errors = new AtomicLong();
        final int capacity = config.sas().size() + 16;
        final Optional<InetSocketAddress> metrics;
        try
        {
            metrics = PrometheusEndpoint.parseAddress(config.prometheus());
        }
        catch (final IllegalArgumentException ex)
        {
            config.sas().forEach(SaConfig::destroyKeys);
            err.println("torii daemon: prometheus = " + config.prometheus() + ": " + ex.getMessage());
            return 1;
        }
        try (CountersFile countersFile = CountersFile.create(RunDirectory.path(),
                WorkerCounters.countersNeeded(capacity));
            CryptoEngine engine = selection.provider().create();
            SaTable table = new SaTable(capacity);
            WorkerCounters shared = new WorkerCounters(countersFile.manager(), 0, table.counters(), capacity);
            PacketPort lan = open(config.lan());
            PacketPort wan = open(config.wan()))
        {
            final PolicyTable policies = new PolicyTable();
            final TunnelTable tunnels = new TunnelTable(policies, table.capacity());
            StaticTunnels.install(config, table, tunnels, engine);
            for (int slot = 0; slot < table.capacity(); slot++)
            {
                if (table.config(slot) != null)
                {
                    shared.saInstalled(slot, table.config(slot), table.direction(slot));
                }
            }
            final GatewayWorker worker = new GatewayWorker(0, lan, wan, table, policies, tunnels,
                SaEventListener.NONE, BATCH, shared);
            final PrometheusEndpoint endpoint = metrics.map(address -> new PrometheusEndpoint(address, countersFile))
                .orElse(null);
            if (endpoint != null)
            {
                endpoint.start();
            }
            final BackoffIdleStrategy idle = new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(1));
            try (AgentRunner runner = new AgentRunner(idle, throwable ->
            {
                errors.incrementAndGet();
                err.println("torii daemon: worker error: " + throwable);
            }, null, worker))
            {
                AgentRunner.startOnThread(runner);
                out.println("torii daemon: running (pid " + ProcessHandle.current().pid() + "): wan " +
                    describe(config.wan()) + ", lan " + describe(config.lan()) + ", " + tunnels.size() + " tunnel(s), " +
                    engine.name() + " engine (" + selection.provider().describe() + "), counters in " +
                    CountersFile.path(RunDirectory.path()) +
                    (endpoint == null ? "" : ", metrics on http://" + endpoint.boundAddress().getHostString() + ":" +
                    endpoint.boundAddress().getPort() + "/metrics"));
                out.flush();
                barrier.await();
            }
            if (endpoint != null)
            {
                endpoint.stop();
            }
            shared.publishAll();
            out.println("torii daemon: stopped");
            printCounters(table.counters(), out);
            out.flush();
            return STOPPED_BY_SIGNAL;
        }
        catch (final SettingsException | IllegalArgumentException | IllegalStateException | IOException ex)
        {
            config.sas().forEach(SaConfig::destroyKeys);
            err.println("torii daemon: " + ex.getMessage());
            return 1;
        }
    }

    private static PacketPort open(final PortConfig port)
    {
        return switch (port.kind())
        {
            case "udp" -> new UdpEspPort(UdpPortConfig.of(port.address().orElseThrow()).withPort(port.udpPort()));
            case "raw" -> new RawEspPort(RawPortConfig.of(port.address().orElseThrow(), IpProtocols.ESP));
            case "tun" -> new TunPort(TunConfig.of(port.interfaceName().orElseThrow()).withMtu(port.mtu())
                .withUp(true));
            default -> throw new SettingsException(port.location(), port.role() + ": port = " + port.kind() +
                " is not built yet; use udp or raw for wan and tun for lan");
        };
    }

    private static String describe(final PortConfig port)
    {
        return port.kind() + " " + port.interfaceName().orElseGet(() -> port.address().orElseThrow().getHostAddress() +
            (port.kind().equals("udp") ? ":" + port.udpPort() : ""));
    }

    private static void printCounters(final DispositionCounters counters, final PrintStream out)
    {
        for (final Disposition disposition : Disposition.values())
        {
            final long count = counters.total(disposition);
            if (count > 0)
            {
                out.printf("  %-24s %d%n", disposition.label(), count);
            }
        }
    }
}
