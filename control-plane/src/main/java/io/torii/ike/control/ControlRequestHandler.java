package io.torii.ike.control;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Answers one parsed request on a control connection's thread: hands the work to the IKE agent through
 * {@link IkeControl}, waits for it, and writes the reply lines.
 */
final class ControlRequestHandler
{
    /** How long a listing or a change may take the agent before the request gives up. */
    static final long AGENT_ANSWER_MILLIS = 10_000;
    private static final long LOG_POLL_MILLIS = 50;
    private static final int LOG_BACKLOG = 1_000;

    private final IkeCommands control;
    private final LogTap log;
    private final ConnectionsLoader loader;

    ControlRequestHandler(final IkeCommands control, final LogTap log, final ConnectionsLoader loader)
    {
        this.control = control;
        this.log = log;
        this.loader = loader;
    }

    void handle(final ControlRequest request, final ReplyWriter reply) throws IOException, InterruptedException
    {
        try
        {
            switch (request.verb())
            {
                case LIST_CONNS -> sendRecords(await(control.listConnections()).stream()
                    .flatMap(connection -> connection.toRecords().stream()).toList(), reply);
                case LIST_SAS -> sendRecords(await(control.listSas()).stream()
                    .flatMap(sa -> sa.toRecords().stream()).toList(), reply);
                case INITIATE -> initiate(request, reply);
                case TERMINATE -> answer(await(control.terminate(request.scope() == ControlRequest.Scope.CHILD,
                    request.name())), reply);
                case LOAD_ALL -> loadAll(reply);
                case REKEY -> answer(await(control.rekey(request.scope() == ControlRequest.Scope.CHILD,
                    request.name())), reply);
            }
        }
        catch (final ExecutionException ex)
        {
            reply.send(new ReplyLine(ControlProtocol.ERROR, "the IKE agent failed: " + ex.getCause()));
        }
        catch (final TimeoutException ex)
        {
            reply.send(new ReplyLine(ControlProtocol.ERROR, "the IKE agent did not answer within " +
                AGENT_ANSWER_MILLIS / 1000 + "s"));
        }
    }

    private static <T> T await(final CompletableFuture<T> future)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        return future.get(AGENT_ANSWER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void sendRecords(final List<ControlRecord> records, final ReplyWriter reply) throws IOException
    {
        for (final ControlRecord record : records)
        {
            reply.send(new ReplyLine(ControlProtocol.DATA, record.toText()));
        }
        reply.send(new ReplyLine(ControlProtocol.OK, ""));
    }

    private static void answer(final IkeControl.Outcome outcome, final ReplyWriter reply) throws IOException
    {
        reply.send(new ReplyLine(outcome.ok() ? ControlProtocol.OK : ControlProtocol.ERROR, outcome.message()));
    }

    /** Streams the log lines that name the connection until the SA is up, failed, or the time is over. */
    private void initiate(final ControlRequest request, final ReplyWriter reply)
        throws IOException, InterruptedException, ExecutionException, TimeoutException
    {
        final boolean child = request.scope() == ControlRequest.Scope.CHILD;
        final Pattern names = namePattern(request.name(), child ? connectionOf(request.name()) : request.name());
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>(LOG_BACKLOG);
        final Consumer<String> listener = line ->
        {
            if (names.matcher(line).find())
            {
                lines.offer(line);
            }
        };
        log.addListener(listener);
        try
        {
            final CompletableFuture<IkeControl.Outcome> outcome = control.initiate(child, request.name());
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(request.timeoutMillis());
            while (!outcome.isDone())
            {
                final String line = lines.poll(LOG_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (line != null)
                {
                    reply.send(new ReplyLine(ControlProtocol.LOG, line));
                }
                else if (System.nanoTime() - deadline > 0)
                {
                    // Completing it here tells the agent to stop watching; the SA itself keeps trying.
                    outcome.complete(new IkeControl.Outcome(false, "initiate timed out after " +
                        request.timeoutMillis() / 1000.0 + "s; the IKE_SA keeps trying"));
                }
            }
            for (String line = lines.poll(); line != null; line = lines.poll())
            {
                reply.send(new ReplyLine(ControlProtocol.LOG, line));
            }
            answer(outcome.get(), reply);
        }
        finally
        {
            log.removeListener(listener);
        }
    }

    /** @return the connection a child belongs to, or the child's name when none has it. */
    private String connectionOf(final String child)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        for (final ConnectionInfo connection : await(control.listConnections()))
        {
            if (!connection.children().isEmpty() && connection.children().getFirst().name().equals(child))
            {
                return connection.name();
            }
        }
        return child;
    }

    private static Pattern namePattern(final String first, final String second)
    {
        final String words = Pattern.quote(first) + (first.equals(second) ? "" : "|" + Pattern.quote(second));
        return Pattern.compile("(?<![\\w.-])(" + words + ")(?![\\w.-])");
    }

    private void loadAll(final ReplyWriter reply)
        throws IOException, InterruptedException, ExecutionException, TimeoutException
    {
        final ConnectionsLoader.Loaded loaded = loader.load();
        for (final String warning : loaded.warnings())
        {
            reply.send(new ReplyLine(ControlProtocol.LOG, "warning: " + warning));
        }
        if (loaded.connections() == null)
        {
            reply.send(new ReplyLine(ControlProtocol.ERROR, loaded.error()));
            return;
        }
        final IkeControl.Outcome outcome = await(control.replaceConnections(loaded.connections()));
        if (outcome.ok())
        {
            for (final var connection : loaded.connections())
            {
                reply.send(new ReplyLine(ControlProtocol.LOG, "loaded connection '" + connection.name() + "'"));
            }
        }
        answer(outcome, reply);
    }
}
