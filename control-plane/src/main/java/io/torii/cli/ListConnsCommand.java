package io.torii.cli;

import io.torii.ike.control.ControlRequest;
import io.torii.ike.control.ConnectionInfo;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code torii list-conns}: the connections the running daemon loaded from its swanctl.conf, as
 * {@code swanctl --list-conns} shows them.
 */
final class ListConnsCommand implements Subcommand
{
    private static final String USAGE = "usage: torii [--run-dir DIR] list-conns";

    @Override
    public String name()
    {
        return "list-conns";
    }

    @Override
    public String summary()
    {
        return "list the running daemon's connections, as swanctl --list-conns";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final ControlCall.Options options;
        try
        {
            options = ControlCall.parse(args, false, false);
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
        final ControlCall.Answer answer = ControlCall.send(name(), options.runDir(), ControlRequest.listConns(), out,
            err);
        if (answer == null)
        {
            return 1;
        }
        if (!answer.ok())
        {
            err.println("torii " + name() + ": " + answer.last().text());
            return 1;
        }
        out.print(ConnectionsListing.format(ConnectionInfo.fromRecords(answer.records())));
        return 0;
    }
}
