package io.torii.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process whose output is read as it comes, so that a caller can wait for a line that
 * says it is ready and still have everything it printed after it stops.
 */
public final class ChildProcess implements AutoCloseable
{
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;
    private volatile String awaited = "";
    private volatile CompletableFuture<Boolean> seen = new CompletableFuture<>();

    private ChildProcess(final Process process)
    {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("output-" + process.pid()).start(this::read);
    }

    /**
     * @param command the program and its arguments; standard error is merged into standard output.
     * @return the started process.
     * @throws IOException when it cannot start.
     */
    public static ChildProcess start(final List<String> command) throws IOException
    {
        return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read()
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            for (String line = lines.readLine(); line != null; line = lines.readLine())
            {
                output.append(line).append('\n');
                if (!awaited.isEmpty() && line.startsWith(awaited))
                {
                    seen.complete(true);
                }
            }
        }
        catch (final IOException ex)
        {
            output.append("(output closed: ").append(ex.getMessage()).append(")\n");
        }
        seen.complete(false);
    }

    /**
     * Waits until the process prints a line starting with {@code prefix}.
     *
     * @param prefix the start of the line.
     * @param timeoutSeconds how long to wait.
     * @throws IllegalStateException with what the process printed when it ended or timed out first.
     */
    public void awaitLine(final String prefix, final long timeoutSeconds) throws InterruptedException
    {
        awaited = prefix;
        if (output.toString().lines().anyMatch(line -> line.startsWith(prefix)))
        {
            return;
        }
        try
        {
            if (seen.get(timeoutSeconds, TimeUnit.SECONDS))
            {
                return;
            }
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            // reported below with the output
        }
        throw new IllegalStateException("expected a line starting '" + prefix + "', the process said:\n" + output);
    }

    /**
     * Sends SIGTERM (without closing the output pipe, unlike {@link Process#destroy()}) and waits.
     *
     * @param timeoutSeconds how long to wait for it to end.
     * @return its exit status.
     * @throws IllegalStateException when it does not end in time.
     */
    public int terminate(final long timeoutSeconds) throws InterruptedException
    {
        process.toHandle().destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("pid " + process.pid() + " did not stop within " + timeoutSeconds + " s");
        }
        reader.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        return process.exitValue();
    }

    /** @return everything printed so far. */
    public String output()
    {
        return output.toString();
    }

    /** @return the process. */
    public Process process()
    {
        return process;
    }

    /** Kills the process if it still runs. */
    @Override
    public void close()
    {
        process.destroyForcibly();
    }
}
