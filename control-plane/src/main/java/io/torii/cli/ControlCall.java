package io.torii.cli;

import io.torii.ike.control.ControlClient;
import io.torii.ike.control.ControlProtocol;
import io.torii.ike.control.ControlRecord;
import io.torii.ike.control.ControlRequest;
import io.torii.ike.control.ReplyLine;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the commands that talk to a running daemon share: their options ({@code --run-dir DIR},
 * {@code --ike NAME}, {@code --child NAME}, {@code --timeout SECONDS}) and one request over the
 * control socket, with every failure as one line on stderr.
 */
final class ControlCall
{
    /** How long {@code initiate} waits when {@code --timeout} is not given. */
    static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    /**
     * The options given.
     *
     * @param runDir the run directory.
     * @param scope IKE or CHILD when a name was given, NONE otherwise.
     * @param name the name, or empty.
     * @param timeoutMillis {@code --timeout}, or the default.
     * @param help true for {@code -h} or {@code --help}.
     */
    record Options(Path runDir, ControlRequest.Scope scope, String name, long timeoutMillis, boolean help)
    {
    }

    /**
     * What came back: the final line and the records before it.
     *
     * @param last {@code OK} or {@code ERROR}.
     * @param records the {@code DATA} records, in order.
     */
    record Answer(ReplyLine last, List<ControlRecord> records)
    {
        /** @return true for {@code OK}. */
        boolean ok()
        {
            return last.kind().equals(ControlProtocol.OK);
        }
    }

    private ControlCall()
    {
    }

    /**
     * @param args the arguments after the command's name.
     * @param named true when the command takes {@code --ike} or {@code --child}.
     * @param timed true when it takes {@code --timeout}.
     * @return the options.
     * @throws IllegalArgumentException for anything else, or a missing value.
     */
    static Options parse(final List<String> args, final boolean named, final boolean timed)
    {
        Path runDir = RunDirectory.path();
        ControlRequest.Scope scope = ControlRequest.Scope.NONE;
        String name = "";
        long timeout = DEFAULT_TIMEOUT_MILLIS;
        boolean help = false;
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help"))
            {
                help = true;
            }
            else if (arg.equals("--run-dir"))
            {
                runDir = Path.of(value(args, ++i, arg));
            }
            else if (named && (arg.equals("--ike") || arg.equals("--child")))
            {
                if (scope != ControlRequest.Scope.NONE)
                {
                    throw new IllegalArgumentException("give one of --ike NAME and --child NAME");
                }
                scope = arg.equals("--ike") ? ControlRequest.Scope.IKE : ControlRequest.Scope.CHILD;
                name = value(args, ++i, arg);
                final String problem = ControlRequest.nameProblem(name);
                if (problem != null)
                {
                    throw new IllegalArgumentException(arg + " '" + name + "': " + problem);
                }
            }
            else if (timed && arg.equals("--timeout"))
            {
                timeout = timeoutMillis(value(args, ++i, arg));
            }
            else
            {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (named && !help && scope == ControlRequest.Scope.NONE)
        {
            throw new IllegalArgumentException("give --ike NAME or --child NAME");
        }
        return new Options(runDir, scope, name, timeout, help);
    }

    private static String value(final List<String> args, final int index, final String option)
    {
        if (index >= args.size() || args.get(index).isEmpty())
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static long timeoutMillis(final String seconds)
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
        throw new IllegalArgumentException("--timeout '" + seconds + "': expected seconds, such as 30 or 0.5");
    }

    /**
     * Sends the request and prints each {@code LOG} line to {@code out} as it comes.
     *
     * @param command the command's name, for messages.
     * @param runDir the daemon's run directory.
     * @param request the request.
     * @param out where log lines go.
     * @param err where a failure to reach the daemon goes.
     * @return the answer, or null when the daemon could not be asked (the reason is printed).
     */
    static Answer send(final String command, final Path runDir, final ControlRequest request, final PrintStream out,
        final PrintStream err)
    {
        final List<ControlRecord> records = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();
        try
        {
            final ReplyLine last = ControlClient.call(runDir, request, line ->
            {
                if (line.kind().equals(ControlProtocol.LOG))
                {
                    out.println(line.text());
                    out.flush();
                }
                else if (line.kind().equals(ControlProtocol.DATA))
                {
                    final ControlRecord.Parsed parsed = ControlRecord.parse(line.text());
                    if (parsed.isOk())
                    {
                        records.add(parsed.record());
                    }
                    else
                    {
                        malformed.add(parsed.reason());
                    }
                }
            });
            if (!malformed.isEmpty())
            {
                err.println("torii " + command + ": the daemon sent " + malformed.size() + " unreadable record(s): " +
                    malformed.getFirst());
            }
            return new Answer(last, records);
        }
        catch (final IOException ex)
        {
            err.println("torii " + command + ": " + ex.getMessage());
            return null;
        }
    }

    /**
     * Runs a command that takes only {@code --run-dir} and {@code -h}: one request, then its answer printed.
     *
     * @param command the command's name.
     * @param usage its usage line.
     * @param args its arguments.
     * @param request what it asks the daemon.
     * @param failed the prefix of the line that reports an {@code ERROR} answer.
     * @param success prints an {@code OK} answer, given the run directory.
     * @param out standard output.
     * @param err standard error.
     * @return the exit status: 0, 1 when the daemon refused or is not there, 2 for bad arguments.
     */
    static int runSimple(final String command, final String usage, final List<String> args,
        final ControlRequest request, final String failed, final BiConsumer<Answer, Path> success,
        final PrintStream out, final PrintStream err)
    {
        final Options options;
        try
        {
            options = parse(args, false, false);
        }
        catch (final IllegalArgumentException ex)
        {
            return usageError(command, usage, ex.getMessage(), err);
        }
        if (options.help())
        {
            out.println(usage);
            return 0;
        }
        final Answer answer = send(command, options.runDir(), request, out, err);
        if (answer == null)
        {
            return 1;
        }
        if (!answer.ok())
        {
            err.println(failed + answer.last().text());
            return 1;
        }
        success.accept(answer, options.runDir());
        return 0;
    }

    /**
     * @param command the command's name.
     * @param usage its usage line.
     * @param problem what was wrong with its arguments.
     * @param err where it goes.
     * @return 2, the status for a usage error.
     */
    static int usageError(final String command, final String usage, final String problem, final PrintStream err)
    {
        err.println("torii " + command + ": " + problem);
        err.println(usage);
        return 2;
    }
}
