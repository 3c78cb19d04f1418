package io.torii.dataplane.port.afxdp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs iproute2's {@code ip} in a network namespace, for the kernel's routes, neighbours and link
 * addresses: only at start and on the resolver's refresh, never per packet.
 *
 * <p>A namespace made by {@code ip netns} is named with {@code ip -n NAME}; one given as a path
 * (such as {@code /proc/PID/ns/net}) is entered with {@code nsenter --net=PATH}.
 */
final class IpCommand
{
    private static final long TIMEOUT_SECONDS = 5;

    private IpCommand()
    {
    }

    /**
     * @param namespace the namespace, or null for this process's.
     * @param arguments what follows {@code ip}.
     * @return the command's standard output.
     * @throws IllegalStateException when it fails, times out or exits non-zero, with its output.
     */
    static String run(final String namespace, final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        if (namespace != null && namespace.startsWith("/"))
        {
            command.addAll(List.of("nsenter", "--net=" + namespace, "ip"));
        }
        else if (namespace != null && !namespace.isEmpty())
        {
            command.addAll(List.of("ip", "-n", namespace));
        }
        else
        {
            command.add("ip");
        }
        command.addAll(List.of(arguments));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            if (process.exitValue() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": " +
                    output.strip());
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), ex);
        }
    }
}
