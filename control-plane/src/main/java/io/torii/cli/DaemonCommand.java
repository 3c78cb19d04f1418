package io.torii.cli;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.crypto.CryptoEngineSelector;
import io.torii.dataplane.crypto.CryptoEngines;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.prometheus.PrometheusEndpoint;
import io.torii.dataplane.status.shm.CountersFile;
import io.torii.dataplane.status.shm.WorkerCounters;
import io.torii.dataplane.threading.CpuAffinity;
import io.torii.dataplane.worker.Dataplane;
import io.torii.ike.daemon.IkeDaemon;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
    static final String USAGE = "usage: torii [--run-dir DIR] daemon [--swanctl FILE] [--config FILE] " +
        "(at least one)";
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
        return "run IKE and the dataplane in the foreground: daemon [--swanctl FILE] [--config FILE]";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final Map<String, String> options = options(args);
        if (options == null)
        {
            err.println(USAGE);
            return 2;
        }
        final Path swanctl = options.containsKey("--swanctl") ? Path.of(options.get("--swanctl")) : null;
        final DaemonConfig config;
        try
        {
            config = options.containsKey("--config") ? DaemonConfigReader.read(Path.of(options.get("--config"))) :
                DefaultDaemonConfig.forSwanctl(swanctl);
        }
        catch (final SettingsException ex)
        {
            err.println("torii daemon: " + ex.getMessage());
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
            return runWorker(config, swanctl, barrier, out, err);
        }
        finally
        {
            RunDirectory.release(pidFile);
            barrier.close();
        }
    }

    /**
     * Pins this thread to {@code control_cpu}, after the workers started (so that unpinned workers keep
     * the whole mask) and before IKE starts, whose threads inherit the pin from this one.
     */
    private static void pinControlPlane(final DaemonConfig config, final PrintStream out)
    {
        if (config.tuning().controlCpu().isPresent())
        {
            final int cpu = config.tuning().controlCpu().getAsInt();
            CpuAffinity.pinCurrentThread(cpu);
            out.println("torii daemon: control plane pinned to CPU " + cpu);
        }
    }

    /** @return the options by name, or null when they are not {@code --swanctl} and {@code --config}, once each. */
    private static Map<String, String> options(final List<String> args)
    {
        final Map<String, String> options = new HashMap<>();
        if (args.isEmpty() || args.size() % 2 != 0)
        {
            return null;
        }
        for (int i = 0; i < args.size(); i += 2)
        {
            final String name = args.get(i);
            if (!(name.equals("--swanctl") || name.equals("--config")) || options.put(name, args.get(i + 1)) != null)
            {
                return null;
            }
        }
        return options;
    }

    private static int runWorker(final DaemonConfig config, final Path swanctl, final ShutdownSignalBarrier barrier,
        final PrintStream out, final PrintStream err)
    {
        final CryptoEngineSelector.Selection selection;
        try
        {
            // The system property, when set, overrides the configuration's crypto_engine.
            final String property = System.getProperty(CryptoEngineSelector.ENGINE_PROPERTY);
            selection = property != null ? CryptoEngines.selector().select(property) :
                CryptoEngines.selector().select(config.tuning().cryptoEngine(), "crypto_engine in the configuration");
        }
        catch (final IllegalArgumentException ex)
        {
            config.sas().forEach(SaConfig::destroyKeys);
            err.println("torii daemon: " + ex.getMessage());
            return 1;
        }
        final AtomicLong errors = new AtomicLong();
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
            config.workers() * WorkerCounters.countersNeeded(Dataplane.capacity(config))))
        {
            final Dataplane dataplane = new Dataplane(config, selection.provider(), countersFile.manager(),
                RunDirectory.path());
            final PrometheusEndpoint endpoint = metrics.map(address -> new PrometheusEndpoint(address, countersFile))
                .orElse(null);
            IkeDaemon ike = null;
            try
            {
                if (endpoint != null)
                {
                    endpoint.start();
                }
                dataplane.start(throwable ->
                {
                    errors.incrementAndGet();
                    err.println("torii daemon: worker error: " + throwable);
                });
                out.println("torii daemon: running (pid " + ProcessHandle.current().pid() + "): " +
                    dataplane.workers() + " worker(s) (" + config.threading().describe() + "), wan " +
                    describe(config.wan()) + ", lan " +
                    describe(config.lan()) + ", " + dataplane.tunnels() + " tunnel(s), " + selection.provider().name() +
                    " engine (" + selection.provider().describe() + "), counters in " +
                    CountersFile.path(RunDirectory.path()) + (endpoint == null ? "" : ", metrics on http://" +
                    endpoint.boundAddress().getHostString() + ":" + endpoint.boundAddress().getPort() + "/metrics"));
                pinControlPlane(config, out);
                if (swanctl != null)
                {
                    ike = IkeDaemon.start(swanctl, config, dataplane.rings(), out, throwable ->
                    {
                        errors.incrementAndGet();
                        err.println("torii daemon: IKE error: " + throwable);
                    }, RunDirectory.path());
                    out.println("torii daemon: IKE running: " + ike.connections() + " connection(s) from " + swanctl);
                }
                out.flush();
                barrier.await();
            }
            finally
            {
                if (ike != null)
                {
                    ike.close();
                }
                if (endpoint != null)
                {
                    endpoint.stop();
                }
                dataplane.close();
            }
            out.println("torii daemon: stopped");
            printCounters(dataplane, out);
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

    private static String describe(final PortConfig port)
    {
        return port.kind() + " " + port.interfaceName().orElseGet(() -> port.address().orElseThrow().getHostAddress() +
            (port.kind().equals("udp") ? ":" + port.udpPort() : ""));
    }

    private static void printCounters(final Dataplane dataplane, final PrintStream out)
    {
        for (final Disposition disposition : Disposition.values())
        {
            final long count = dataplane.total(disposition);
            if (count > 0)
            {
                out.printf("  %-24s %d%n", disposition.label(), count);
            }
        }
    }
}
