package io.torii.cli;

import io.torii.ike.control.ControlRequest;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A command on the SAs of a name in the running daemon, as swanctl's: {@code torii terminate --ike NAME |
 * --child NAME} removes them ({@code swanctl --terminate}), {@code torii rekey --ike NAME | --child NAME}
 * rekeys them make-before-break ({@code swanctl --rekey}).
 */
final class ScopedSaCommand implements Subcommand
{
    private final String name;
    private final String summary;
    private final BiFunction<ControlRequest.Scope, String, ControlRequest> request;

    private ScopedSaCommand(final String name, final String summary,
        final BiFunction<ControlRequest.Scope, String, ControlRequest> request)
    {
        this.name = name;
        this.summary = summary;
        this.request = Objects.requireNonNull(request, "request");
    }

    /** @return {@code torii terminate}. */
    static ScopedSaCommand terminate()
    {
        return new ScopedSaCommand("terminate", "remove a connection's SAs: terminate --ike NAME | --child NAME",
            ControlRequest::terminate);
    }

    /** @return {@code torii rekey}. */
    static ScopedSaCommand rekey()
    {
        return new ScopedSaCommand("rekey", "rekey SAs make-before-break: rekey --ike NAME | --child NAME",
            ControlRequest::rekey);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String summary()
    {
        return summary;
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final String usage = "usage: torii [--run-dir DIR] " + name + " --ike NAME | --child NAME";
        final ControlCall.Options options;
        try
        {
            options = ControlCall.parse(args, true, false);
        }
        catch (final IllegalArgumentException ex)
        {
            return ControlCall.usageError(name, usage, ex.getMessage(), err);
        }
        if (options.help())
        {
            out.println(usage);
            return 0;
        }
        final ControlCall.Answer answer = ControlCall.send(name, options.runDir(),
            request.apply(options.scope(), options.name()), out, err);
        if (answer == null)
        {
            return 1;
        }
        if (!answer.ok())
        {
            err.println(name + " failed: " + answer.last().text());
            return 1;
        }
        out.println(answer.last().text());
        out.println(name + " completed successfully");
        return 0;
    }
}
