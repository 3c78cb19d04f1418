package io.torii.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs one {@code torii} command in this JVM, as the launcher would, for tests in other packages (the
 * interop tests ask a running daemon {@code torii list-sas} without starting a JVM for each question).
 */
public final class ToriiCommandLine
{
    /**
     * What a command did.
     *
     * @param status its exit status.
     * @param out what it printed on standard output.
     * @param err what it printed on standard error.
     */
    public record Result(int status, String out, String err)
    {
    }

    private ToriiCommandLine()
    {
    }

    /**
     * @param arguments the command and its arguments, such as {@code list-sas --run-dir DIR}.
     * @return its status and output.
     */
    public static Result run(final String... arguments)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = new ToriiMain().run(arguments.clone(), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
