package io.torii.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code torii} subcommand.
 */
interface Subcommand
{
    /**
     * @return the word that selects it on the command line.
     */
    String name();

    /**
     * @return one line for {@code torii --help}.
     */
    String summary();

    /**
     * @param args the arguments after the subcommand's name.
     * @param out where results go.
     * @param err where errors go.
     * @return the process exit status: 0 success, 1 failure, 2 usage error.
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
