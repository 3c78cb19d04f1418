package io.torii.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point for the subcommands the {@code ./torii} launcher hands to Java.
 */
public final class ToriiMain
{
    private final Map<String, Subcommand> commands = new LinkedHashMap<>();

    ToriiMain()
    {
        register(new DaemonCommand());
        register(new DemoCommand());
        register(new HwCommand());
        register(new InitiateCommand());
        register(new ListConnsCommand());
        register(new ListSasCommand());
        register(new LoadAllCommand());
        register(new PcapCommand());
        register(new StatsCommand());
        register(ScopedSaCommand.terminate());
        register(ScopedSaCommand.rekey());
        register(new VersionCommand());
    }

    private void register(final Subcommand command)
    {
        commands.put(command.name(), command);
    }

    /**
     * @return the subcommands Java implements, in the order {@code help} lists them.
     */
    List<Subcommand> commands()
    {
        return List.copyOf(commands.values());
    }

    int run(final String[] arguments, final PrintStream out, final PrintStream err)
    {
        String[] args = arguments;
        if (args.length >= 2 && args[0].equals("--run-dir"))
        {
            System.setProperty(RunDirectory.PROPERTY, args[1]);
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help"))
        {
            for (final Subcommand command : commands.values())
            {
                out.printf("  %-10s %s%n", command.name(), command.summary());
            }
            return args.length == 0 ? 2 : 0;
        }
        final Subcommand command = commands.get(args[0]);
        if (command == null)
        {
            err.println("torii: unknown command '" + args[0] + "'; ./torii --help lists them");
            return 2;
        }
        return command.run(Arrays.asList(args).subList(1, args.length), out, err);
    }

    /**
     * @param args the subcommand and its arguments.
     */
    public static void main(final String[] args)
    {
        final int status = new ToriiMain().run(args, System.out, System.err);
        if (status != DaemonCommand.STOPPED_BY_SIGNAL)
        {
            System.exit(status);
        }
    }
}
