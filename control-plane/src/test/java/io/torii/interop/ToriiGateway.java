package io.torii.interop;

import io.torii.cli.ToriiCommandLine;
import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.dataplane.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code torii daemon} in a network namespace, seen from outside as an operator sees it: started with a
 * {@code swanctl.conf} and, where a test needs them, {@code charon { }} settings (such as a short
 * retransmission schedule); asked with {@code torii list-sas} over its control socket; its JVM's live heap
 * read with {@code jcmd}. The dataplane settings are the defaults {@code torii daemon --swanctl} would use
 * (UDP port 4500 on the WAN address, TUN {@code torii0} with MTU 1400), written out so that a charon
 * section can sit beside them.
 */
final class ToriiGateway implements AutoCloseable
{
    /**
     * A {@code GC.heap_info} line for the heap or one of its generations, such as JDK 25's G1
     * {@code garbage-first heap   total reserved 6172672K, committed 393216K, used 10855K [...]}; the
     * Metaspace lines ({@code used 1234K, committed ...}) have no {@code total} before {@code used}.
     */
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\s*\\S.*\\btotal\\b.*?\\bused (\\d+)K");
    /** A {@code GC.class_histogram} row: rank, instances, bytes, class name. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    private final ChildProcess daemon;
    private final Path runDirectory;

    private ToriiGateway(final ChildProcess daemon, final Path runDirectory)
    {
        this.daemon = daemon;
        this.runDirectory = runDirectory;
    }

    /**
     * Starts the daemon and waits until IKE runs.
     *
     * @param namespace the gateway's namespace.
     * @param runDirectory its run directory; the configuration files go there too.
     * @param wanAddress the local address of its WAN link (IKE and ESP in UDP).
     * @param swanctl the swanctl.conf text.
     * @param charonSettings {@code charon { }} settings, one per line, such as {@code retransmit_tries = 2};
     *     empty for strongSwan's defaults.
     * @return the running daemon.
     * @throws IOException when the files cannot be written or the JVM not started.
     * @throws InterruptedException when interrupted while waiting for it.
     */
    static ToriiGateway start(final String namespace, final Path runDirectory, final String wanAddress,
        final String swanctl, final String charonSettings) throws IOException, InterruptedException
    {
        final String charon = charonSettings.lines().map(line -> "  " + line.strip() + "\n")
            .collect(java.util.stream.Collectors.joining());
        final String config = """
            dataplane {
              wan {
                port = udp
                address = %s
              }
              lan {
                port = tun
                interface = %s
                mtu = 1400
              }
            }
            charon {
            %s}
            """.formatted(wanAddress, DemoGateways.TUN, charon);
        return new ToriiGateway(DemoGateways.startIkeDaemon(namespace, runDirectory, swanctl, config), runDirectory);
    }

    /** @return everything the daemon printed so far, for failure messages. */
    String output()
    {
        return daemon.output();
    }

    /** @return whether the daemon still runs. */
    boolean isRunning()
    {
        return daemon.process().isAlive();
    }

    /** @return the IKE and Child SAs, from {@code torii list-sas}; empty when the command fails. */
    ToriiSaListing listSas()
    {
        final ToriiCommandLine.Result listed = ToriiCommandLine.run("list-sas", "--run-dir", runDirectory.toString());
        return ToriiSaListing.parse(listed.status() == 0 ? listed.out() : "");
    }

    /**
     * @param child a child name.
     * @param timeout how long to wait.
     * @return the last listing read: check {@link ToriiSaListing#isChildInstalled} on it.
     */
    ToriiSaListing awaitChildInstalled(final String child, final Duration timeout)
    {
        return Polling.until(this::listSas, listing -> listing.isChildInstalled(child), timeout);
    }

    /**
     * Runs a full collection in the daemon's JVM and reads what stays in use; the daemon's JVM is a
     * separate process, so this is what a leak of SAs, tasks or buffers across rekeys would make grow.
     *
     * @return the heap in use after a full GC, in KiB; empty when jcmd cannot attach.
     */
    OptionalLong liveHeapKilobytes()
    {
        final Commands.Result collected = jcmd("GC.run");
        if (collected.exitCode() != 0)
        {
            return OptionalLong.empty();
        }
        // G1 prints one line for the whole heap; the other collectors one per generation: add them up.
        final Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info").output());
        long kilobytes = 0;
        boolean found = false;
        while (used.find())
        {
            kilobytes += Long.parseLong(used.group(1));
            found = true;
        }
        return found ? OptionalLong.of(kilobytes) : OptionalLong.empty();
    }

    /**
     * @param packagePrefix such as {@code io.torii.ike.}.
     * @return the live instances (after the full GC the histogram makes) of each class whose name starts so;
     *     empty when jcmd cannot attach.
     */
    Map<String, Long> liveInstances(final String packagePrefix)
    {
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Commands.Result histogram = jcmd("GC.class_histogram");
        if (histogram.exitCode() != 0)
        {
            return counts;
        }
        for (final String line : histogram.output().split("\n"))
        {
            final Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find() && row.group(3).startsWith(packagePrefix))
            {
                counts.merge(row.group(3), Long.parseLong(row.group(1)), Long::sum);
            }
        }
        return counts;
    }

    /**
     * Stops the daemon with SIGTERM.
     *
     * @return its exit status: 0 or 143 when it stopped cleanly.
     * @throws InterruptedException when interrupted while waiting.
     */
    int terminate() throws InterruptedException
    {
        return daemon.terminate(10);
    }

    /** Kills the daemon if it still runs. */
    @Override
    public void close()
    {
        daemon.close();
    }

    private Commands.Result jcmd(final String command)
    {
        if (!Files.isExecutable(JCMD))
        {
            return new Commands.Result(-1, JCMD + " is missing");
        }
        return Commands.run(List.of(JCMD.toString(), Long.toString(daemon.process().pid()), command));
    }
}
