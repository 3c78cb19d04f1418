package io.torii.cli;

import io.torii.ike.control.ControlRequest;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code torii initiate --child NAME | --ike NAME}: starts a connection in the running daemon, prints
 * the daemon's log lines about it as they come, as {@code swanctl --initiate} does, and waits until its
 * SAs are up or failed, or the timeout has passed (the daemon keeps trying after that).
 */
final class InitiateCommand implements Subcommand
{
    private static final String USAGE =
        "usage: torii [--run-dir DIR] initiate --child NAME | --ike NAME [--timeout SECONDS] (default 30)";

    @Override
    public String name()
    {
        return "initiate";
    }

    @Override
    public String summary()
    {
        return "start a connection and wait for it: initiate --child NAME | --ike NAME [--timeout SECONDS]";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final ControlCall.Options options;
        try
        {
            options = ControlCall.parse(args, true, true);
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
            ControlRequest.initiate(options.scope(), options.name(), options.timeoutMillis()), out, err);
        if (answer == null)
        {
            return 1;
        }
        if (!answer.ok())
        {
            err.println("initiate failed: " + answer.last().text());
            return 1;
        }
        out.println("initiate completed successfully");
        return 0;
    }
}
