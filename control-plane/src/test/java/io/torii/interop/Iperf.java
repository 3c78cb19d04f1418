package io.torii.interop;

import io.torii.dataplane.testing.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short iperf3 TCP run between two namespaces: a one-shot server in one, a client in the other, and the
 * receiver's rate read from the client's summary.
 */
final class Iperf
{
    private static final int PORT = 5201;
    private static final Duration SERVER_START = Duration.ofSeconds(5);
    /** The client's summary line for the receiving side, such as {@code 1.23 Gbits/sec  receiver}. */
    private static final Pattern RECEIVER = Pattern.compile("([0-9.]+) ([KMG]?)bits/sec\\s+receiver");

    private Iperf()
    {
    }

    /**
     * @param client where the client runs.
     * @param server where the one-shot server runs.
     * @param serverAddress the server's address as the client reaches it.
     * @param seconds how long the client sends.
     * @return the client's exit status and output.
     */
    static Commands.Result run(final String client, final String server, final String serverAddress,
        final int seconds)
    {
        return run(client, server, serverAddress, seconds, "");
    }

    /**
     * @param client where the client runs.
     * @param server where the one-shot server runs.
     * @param serverAddress the server's address as the client reaches it.
     * @param seconds how long the client sends.
     * @param bitrate iperf3's {@code -b}, such as {@code 20M}, for load that leaves room for other traffic;
     *     empty for as fast as TCP goes.
     * @return the client's exit status and output.
     */
    static Commands.Result run(final String client, final String server, final String serverAddress,
        final int seconds, final String bitrate)
    {
        final Process listener;
        try
        {
            listener = new ProcessBuilder("ip", "netns", "exec", server, "iperf3", "-s", "-1", "-p",
                Integer.toString(PORT)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start iperf3 -s in " + server, ex);
        }
        ProcessGuard.watch(listener);
        try
        {
            final boolean notListening = Polling.until(() -> Commands.run(List.of("ip", "netns", "exec", server, "ss",
                "-Hltn", "sport = :" + PORT)).output(), out -> !out.isBlank(), SERVER_START).isBlank();
            if (notListening)
            {
                return new Commands.Result(-1, "iperf3 server in " + server + " did not listen");
            }
            final List<String> command = new java.util.ArrayList<>(List.of("ip", "netns", "exec", client, "iperf3",
                "-c", serverAddress, "-p", Integer.toString(PORT), "-t", Integer.toString(seconds), "-f", "g",
                "--connect-timeout", "3000"));
            if (!bitrate.isEmpty())
            {
                command.addAll(List.of("-b", bitrate));
            }
            return Commands.run(command);
        }
        finally
        {
            ProcessGuard.stop(listener, Duration.ofSeconds(2));
        }
    }

    /**
     * @param clientOutput what the client printed.
     * @return the receiver's rate in Gbit/s, when the summary has one.
     */
    static OptionalDouble gigabitsPerSecond(final String clientOutput)
    {
        final Matcher matcher = RECEIVER.matcher(clientOutput);
        if (!matcher.find())
        {
            return OptionalDouble.empty();
        }
        final double value = Double.parseDouble(matcher.group(1));
        return OptionalDouble.of(switch (matcher.group(2))
        {
            case "K" -> value / 1e6;
            case "M" -> value / 1e3;
            case "G" -> value;
            default -> value / 1e9;
        });
    }
}
