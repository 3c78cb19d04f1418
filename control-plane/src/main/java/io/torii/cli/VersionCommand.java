package io.torii.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code torii version}: Torii's version and the JVM it runs on.
 */
final class VersionCommand implements Subcommand
{
    @Override
    public String name()
    {
        return "version";
    }

    @Override
    public String summary()
    {
        return "print Torii's version and the JVM it runs on";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final String version = VersionCommand.class.getPackage().getImplementationVersion();
        out.println("torii " + (version == null ? "(development build)" : version));
        out.println("java  " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        return 0;
    }
}
