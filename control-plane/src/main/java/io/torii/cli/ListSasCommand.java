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
        return ControlCall.runSimple(name(), USAGE, args, ControlRequest.listSas(), "torii " + name() + ": ",
            (answer, runDir) -> out.print(SasListing.format(IkeSaInfo.fromRecords(answer.records()),
                SaCounters.read(runDir))), out, err);
    }
}
