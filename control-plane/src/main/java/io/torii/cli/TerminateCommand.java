package io.torii.cli;

import io.torii.ike.control.ControlRequest;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code torii terminate --ike NAME | --child NAME}: removes SAs from the running daemon, as
 * {@code swanctl --terminate} does.
 */
final class TerminateCommand implements Subcommand
{
    private static final String USAGE = "usage: torii [--run-dir DIR] terminate --ike NAME | --child NAME";

    @Override
    public String name()
    {
        return "terminate";
    }

    @Override
    public String summary()
    {
        return "remove a connection's SAs: terminate --ike NAME | --child NAME";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final ControlCall.Options options;
        try
        {
            options = ControlCall.parse(args, true, false);
        }
        catch (final IllegalArgumentException ex)
        {
            return ControlCall.usageError(name(), USAGE, ex.getMessage(), err);
        }
        if (options.help())
        {
            out.println(USAGE);
            return 0;
        }
        final ControlCall.Answer answer = ControlCall.send(name(), options.runDir(),
            ControlRequest.terminate(options.scope(), options.name()), out, err);
        if (answer == null)
        {
            return 1;
        }
        if (!answer.ok())
        {
            err.println("terminate failed: " + answer.last().text());
            return 1;
        }
        out.println(answer.last().text());
        out.println("terminate completed successfully");
        return 0;
    }
}
