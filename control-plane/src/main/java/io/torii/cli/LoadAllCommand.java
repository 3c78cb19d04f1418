package io.torii.cli;

import io.torii.ike.control.ControlRequest;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code torii load-all}: the running daemon reads the swanctl.conf it was started with again and puts
 * its connections in place of the loaded ones; established SAs stay, as with {@code swanctl --load-all}.
 */
final class LoadAllCommand implements Subcommand
{
    private static final String USAGE = "usage: torii [--run-dir DIR] load-all";

    @Override
    public String name()
    {
        return "load-all";
    }

    @Override
    public String summary()
    {
        return "re-read the daemon's swanctl.conf, replacing its connections (SAs stay)";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        return ControlCall.runSimple(name(), USAGE, args, ControlRequest.loadAll(), "load-all failed: ",
            (answer, runDir) -> out.println("successfully " + answer.last().text()), out, err);
    }
}
