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
        return ControlCall.runSimple(name(), USAGE, args, ControlRequest.listConns(), "torii " + name() + ": ",
            (answer, runDir) -> out.print(ConnectionsListing.format(ConnectionInfo.fromRecords(answer.records()))),
            out, err);
    }
}
