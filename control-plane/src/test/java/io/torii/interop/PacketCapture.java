package io.torii.interop;

import io.torii.dataplane.testing.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A dumpcap capture on one interface of a network namespace, read back with tshark.
 *
 * <p>dumpcap has no immediate mode: the kernel hands it packets in blocks, and packets of a block that is
 * not yet full when dumpcap stops are lost. So a test first waits with {@link #awaitPackets} until what it
 * needs is in the file, and only then {@link #stop() stops} the capture.
 */
public final class PacketCapture implements AutoCloseable
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Path file;
    private final Path output;
    private Process dumpcap;

    private PacketCapture(final Path file)
    {
        this.file = file;
        this.output = file.resolveSibling(file.getFileName() + ".dumpcap.txt");
    }

    /**
     * Starts dumpcap and returns once it writes to the file.
     *
     * @param namespace where the interface is.
     * @param device the interface.
     * @param filter a capture (BPF) filter, such as {@code udp port 500 or udp port 4500}.
     * @param file the pcapng file to write.
     * @return the running capture.
     */
    public static PacketCapture start(final String namespace, final String device, final String filter,
        final Path file)
    {
        final PacketCapture capture = new PacketCapture(file);
        final ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", namespace, "dumpcap", "-q",
            "-i", device, "-f", filter, "-w", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(capture.output.toFile());
        try
        {
            capture.dumpcap = builder.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start dumpcap in " + namespace, ex);
        }
        ProcessGuard.watch(capture.dumpcap);
        // dumpcap prints "File: NAME" once the capture is open and the file created.
        final boolean started = Polling.until(() -> capture.output().contains("File:") || !capture.dumpcap.isAlive(),
            done -> done, START_TIMEOUT) && capture.dumpcap.isAlive();
        if (!started)
        {
            final String said = capture.output();
            capture.stop();
            throw new IllegalStateException("dumpcap on " + device + " in " + namespace + " did not start: " + said);
        }
        return capture;
    }

    /**
     * @return the capture file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Waits until the file holds enough packets that match a display filter.
     *
     * @param displayFilter a tshark display filter, such as {@code isakmp.exchangetype == 35}.
     * @param count how many packets are needed.
     * @param timeout how long to wait.
     * @return whether they arrived in time.
     */
    public boolean awaitPackets(final String displayFilter, final int count, final Duration timeout)
    {
        final List<String> command = List.of("tshark", "-n", "-r", file.toString(), "-Y", displayFilter,
            "-T", "fields", "-e", "frame.number");
        // While dumpcap writes, the file may end in the middle of a packet and tshark exit non-zero: keep asking.
        return Polling.until(() -> tshark(command, false).lines().filter(line -> !line.isBlank()).count(),
            n -> n >= count, timeout) >= count;
    }

    /**
     * Reads a capture with tshark.
     *
     * @param pcap the capture file.
     * @param displayFilter which packets; empty for all.
     * @param options extra tshark arguments, such as {@code -o uat:ikev2_decryption_table:...}.
     * @param fields the fields to print, tab-separated, one packet a line.
     * @return one line a matching packet.
     * @throws IllegalStateException when tshark fails, for example on a display filter it does not know.
     */
    public static List<String> read(final Path pcap, final String displayFilter, final List<String> options,
        final String... fields)
    {
        final List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        command.addAll(options);
        if (!displayFilter.isEmpty())
        {
            command.addAll(List.of("-Y", displayFilter));
        }
        command.addAll(List.of("-T", "fields"));
        for (final String field : fields)
        {
            command.addAll(List.of("-e", field));
        }
        return tshark(command, true).lines().filter(line -> !line.isBlank()).toList();
    }

    /**
     * @param pcap the capture file.
     * @param displayFilter which packets; empty for all.
     * @param options extra tshark arguments.
     * @return tshark's full dissection ({@code -V}) of the matching packets.
     * @throws IllegalStateException when tshark fails.
     */
    public static String dissect(final Path pcap, final String displayFilter, final List<String> options)
    {
        final List<String> command = new ArrayList<>(List.of("tshark", "-n", "-V", "-r", pcap.toString()));
        command.addAll(options);
        if (!displayFilter.isEmpty())
        {
            command.addAll(List.of("-Y", displayFilter));
        }
        return tshark(command, true);
    }

    /**
     * Stops dumpcap (SIGTERM, SIGKILL after five seconds); the file stays. Safe to call twice.
     */
    public void stop()
    {
        if (dumpcap != null)
        {
            ProcessGuard.stop(dumpcap, STOP_GRACE);
            dumpcap = null;
        }
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close()
    {
        stop();
    }

    private String output()
    {
        try
        {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Decryption tables carry keys; a failure message shows that one was given, not what it held. */
    private static String withoutKeys(final List<String> texts)
    {
        return texts.stream().map(text -> text.replaceAll("uat:[a-z0-9_]*_table:[^\n]*", "uat:(keys left out)"))
            .collect(java.util.stream.Collectors.joining(" "));
    }

    private static String tshark(final List<String> command, final boolean strict)
    {
        try
        {
            // stderr goes to a file: it holds the warning about running as root and, on failure, the reason.
            final Path errors = Files.createTempFile("tshark", ".err");
            try
            {
                final Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                final int status = process.waitFor();
                if (strict && status != 0)
                {
                    throw new IllegalStateException(withoutKeys(command) + " exited " + status + ": " +
                        withoutKeys(List.of(Files.readString(errors, StandardCharsets.UTF_8).strip())));
                }
                return out;
            }
            finally
            {
                Files.deleteIfExists(errors);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + command, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, ex);
        }
    }
}
