package io.torii.cli;

import io.torii.ike.control.ControlRequest;
import io.torii.ike.control.IkeSaInfo;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code torii list-sas}: the running daemon's IKE SAs and their Child SAs, as {@code swanctl --list-sas}
 * shows them, with each Child SA's bytes and packets from the dataplane's counters file.
 */
final class ListSasCommand implements Subcommand
{
    private static final String USAGE = "usage: torii [--run-dir DIR] list-sas";

    @Override
    public String name()
    {
        return "list-sas";
    }

    @Override
    public String summary()
    {
        return "list the running daemon's IKE and CHILD SAs with their traffic, as swanctl --list-sas";
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
        final ControlCall.Answer answer = ControlCall.send(name(), options.runDir(), ControlRequest.listSas(), out,
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
        out.print(SasListing.format(IkeSaInfo.fromRecords(answer.records()), SaCounters.read(options.runDir())));
        return 0;
    }
}
