package io.torii.cli;

import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.prometheus.PrometheusText;
import io.torii.dataplane.status.shm.CountersFile;
import io.torii.dataplane.status.shm.CountersSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * {@code torii stats}: the running daemon's counters, read from {@code RUN_DIR/counters.dat}
 * while it runs. A table per worker (the dispositions it counted, and the packets its ports
 * dropped themselves) and one row per SA, or the Prometheus text with {@code --prometheus};
 * {@code --watch} repeats it.
 */
final class StatsCommand implements Subcommand
{
    /** The system property the launcher sets from its global {@code --run-dir}. */
    static final String RUN_DIR_PROPERTY = "torii.run.dir";
    /** The run directory when neither the option nor the property names one. */
    static final String DEFAULT_RUN_DIR = "/run/torii";

    private static final String USAGE =
        "usage: torii stats [--run-dir DIR] [-a|--all] [--prometheus] [--watch SECONDS [--count N]]";
    private static final Disposition[] DISPOSITIONS = Disposition.values();
    /** A row of a worker's table: what was counted, and how many. */
    private static final String WORKER_ROW = "  %-26s %15d%n";

    /** Waits between rounds of {@code --watch}; tests pass one that does not wait. */
    interface Sleeper
    {
        /**
         * @param millis how long to wait.
         * @throws InterruptedException when interrupted: the watch ends.
         */
        void sleep(long millis) throws InterruptedException;
    }

    private record Options(Path runDir, boolean all, boolean prometheus, long watchMillis, int count)
    {
    }

    private final Sleeper sleeper;

    StatsCommand()
    {
        this(Thread::sleep);
    }

    StatsCommand(final Sleeper sleeper)
    {
        this.sleeper = sleeper;
    }

    @Override
    public String name()
    {
        return "stats";
    }

    @Override
    public String summary()
    {
        return "show the running daemon's counters per worker and SA: stats [--run-dir DIR] [-a] [--prometheus] " +
            "[--watch SECONDS]";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        if (args.contains("-h") || args.contains("--help"))
        {
            out.println(USAGE);
            return 0;
        }
        final Options options;
        try
        {
            options = parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("torii stats: " + ex.getMessage());
            err.println(USAGE);
            return 2;
        }
        for (int round = 1; ; round++)
        {
            if (round > 1)
            {
                out.println();
            }
            final int status = showOnce(options, out, err);
            if (status != 0 || options.watchMillis() == 0 || (options.count() > 0 && round >= options.count()))
            {
                return status;
            }
            try
            {
                sleeper.sleep(options.watchMillis());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    private static Options parse(final List<String> args)
    {
        Path runDir = Path.of(System.getProperty(RUN_DIR_PROPERTY, DEFAULT_RUN_DIR));
        boolean all = false;
        boolean prometheus = false;
        long watchMillis = 0;
        int count = 0;
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            switch (arg)
            {
                case "-a", "--all" -> all = true;
                case "--prometheus" -> prometheus = true;
                case "--run-dir" -> runDir = Path.of(value(args, ++i, arg));
                case "--watch" -> watchMillis = watchMillis(value(args, ++i, arg));
                case "--count" -> count = count(value(args, ++i, arg));
                default ->
                {
                    if (arg.startsWith("--run-dir="))
                    {
                        runDir = Path.of(arg.substring("--run-dir=".length()));
                    }
                    else
                    {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                }
            }
        }
        if (count > 0 && watchMillis == 0)
        {
            throw new IllegalArgumentException("--count needs --watch");
        }
        return new Options(runDir, all, prometheus, watchMillis, count);
    }

    private static String value(final List<String> args, final int index, final String option)
    {
        if (index >= args.size() || args.get(index).isEmpty())
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static long watchMillis(final String seconds)
    {
        try
        {
            final long millis = new BigDecimal(seconds).movePointRight(3).longValueExact();
            if (millis >= 1)
            {
                return millis;
            }
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException("--watch '" + seconds + "': expected seconds, such as 1 or 0.5, " +
            "at least 0.001");
    }

    private static int count(final String value)
    {
        try
        {
            final int count = Integer.parseInt(value);
            if (count >= 1)
            {
                return count;
            }
        }
        catch (final NumberFormatException ex)
        {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException("--count '" + value + "': expected a number of rounds, 1 or more");
    }

    private static int showOnce(final Options options, final PrintStream out, final PrintStream err)
    {
        try (CountersFile file = CountersFile.openReadOnly(options.runDir()))
        {
            final boolean alive = file.isWriterAlive();
            if (!alive)
            {
                err.println("torii stats: the daemon that wrote " + file.path() + " (pid " + file.writerPid() +
                    ") is not running; these are its last counts");
            }
            final CountersSnapshot snapshot = CountersSnapshot.read(file);
            if (options.prometheus())
            {
                out.print(PrometheusText.render(snapshot));
            }
            else
            {
                printTables(snapshot, alive, options.all(), out);
            }
            return 0;
        }
        catch (final NoSuchFileException ex)
        {
            err.println("torii stats: no daemon runs with run directory " + options.runDir() + " (no " +
                CountersFile.path(options.runDir()) + ")");
            return 1;
        }
        catch (final IllegalStateException ex)
        {
            err.println("torii stats: " + ex.getMessage());
            return 1;
        }
        catch (final IOException ex)
        {
            err.println("torii stats: cannot read " + CountersFile.path(options.runDir()) + ": " + ex);
            return 1;
        }
    }

    private static void printTables(
        final CountersSnapshot snapshot, final boolean alive, final boolean all, final PrintStream out)
    {
        final Instant started = Instant.ofEpochMilli(snapshot.startTimeMs()).truncatedTo(ChronoUnit.SECONDS);
        out.print("torii daemon pid " + snapshot.writerPid() + ", started " + started);
        if (alive)
        {
            out.print(" (up " + uptime(Duration.ofMillis(System.currentTimeMillis() - snapshot.startTimeMs())) + ")");
        }
        out.println();
        if (snapshot.workers().isEmpty())
        {
            out.println("no workers yet");
        }
        for (final CountersSnapshot.Worker worker : snapshot.workers())
        {
            out.println("worker " + worker.id());
            boolean any = false;
            for (final Disposition disposition : DISPOSITIONS)
            {
                final long count = worker.count(disposition);
                if (all || count != 0)
                {
                    out.printf(Locale.ROOT, WORKER_ROW, disposition.label(), count);
                    any = true;
                }
            }
            any |= printPorts(snapshot.ports(), worker.id(), all, out);
            if (!any)
            {
                out.println("  no packets yet");
            }
            if (worker.sasWithoutCounters() != 0)
            {
                out.printf(Locale.ROOT, WORKER_ROW, "SAs without counters", worker.sasWithoutCounters());
            }
        }
        printSas(snapshot.sas(), out);
    }

    /**
     * Prints the drops of a worker's ports as rows of its table, such as {@code wan udp transmit dropped}.
     *
     * @return whether it printed any.
     */
    private static boolean printPorts(
        final List<CountersSnapshot.Port> ports, final int workerId, final boolean all, final PrintStream out)
    {
        boolean any = false;
        for (final CountersSnapshot.Port port : ports)
        {
            if (port.worker() != workerId)
            {
                continue;
            }
            final String name = port.side().metricName() + " " + printable(port.kind());
            if (all || port.transmitDropped() != 0)
            {
                out.printf(Locale.ROOT, WORKER_ROW, name + " transmit dropped", port.transmitDropped());
                any = true;
            }
            if (all || port.receiveDropped() != 0)
            {
                out.printf(Locale.ROOT, WORKER_ROW, name + " receive dropped", port.receiveDropped());
                any = true;
            }
        }
        return any;
    }

    private static void printSas(final List<CountersSnapshot.Sa> sas, final PrintStream out)
    {
        if (sas.isEmpty())
        {
            out.println("no SAs");
            return;
        }
        int nameWidth = 2;
        for (final CountersSnapshot.Sa sa : sas)
        {
            nameWidth = Math.max(nameWidth, printable(sa.name()).length());
        }
        final String row = "%-" + nameWidth + "s  %-10s  %-9s  %-8s  %6s  %12s  %15s  %12s%n";
        out.printf(Locale.ROOT, row, "SA", "SPI", "direction", "protocol", "worker", "packets", "bytes", "dropped");
        for (final CountersSnapshot.Sa sa : sas)
        {
            out.printf(Locale.ROOT, row, printable(sa.name()), PrometheusText.spi(sa.spi()),
                sa.direction() == null ? "?" : sa.direction().name().toLowerCase(Locale.ROOT),
                sa.protocol() == null ? "?" : sa.protocol().name().toLowerCase(Locale.ROOT),
                sa.worker(), sa.packets(), sa.bytes(), sa.dropped());
        }
    }

    /** Keeps a table row on one line whatever the configuration named the SA. */
    private static String printable(final String name)
    {
        final StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    private static String uptime(final Duration up)
    {
        final long seconds = Math.max(0, up.toSeconds());
        if (seconds < 3600)
        {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh%02dm", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60);
    }
}
