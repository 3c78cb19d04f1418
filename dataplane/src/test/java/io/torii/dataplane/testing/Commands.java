package io.torii.dataplane.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs system commands for test fixtures and reports failures with the command and its output.
 */
public final class Commands
{
    private static final long TIMEOUT_SECONDS = 60;

    private Commands()
    {
    }

    /**
     * The outcome of one command.
     *
     * @param exitCode its exit status.
     * @param output its standard output and error, interleaved.
     */
    public record Result(int exitCode, String output)
    {
    }

    /**
     * @param command the program and its arguments.
     * @return its exit status and output; never throws for a non-zero exit.
     */
    public static Result run(final List<String> command)
    {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try
        {
            final Process process = builder.start();
            final byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run " + command + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, ex);
        }
    }

    /**
     * @param command the program and its arguments.
     * @return its output.
     * @throws IllegalStateException when it exits non-zero, with the command and its output.
     */
    public static String check(final String... command)
    {
        final Result result = run(List.of(command));
        if (result.exitCode() != 0)
        {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() +
                ": " + result.output().strip());
        }
        return result.output();
    }

    /**
     * @return true when this JVM runs as root, which system tests need.
     */
    public static boolean isRoot()
    {
        final Result id = run(List.of("id", "-u"));
        return id.exitCode() == 0 && id.output().strip().equals("0");
    }
}
