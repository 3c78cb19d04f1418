package io.torii.ike.shard;

import io.torii.ike.daemon.Connection;
import io.torii.ike.dos.HalfOpenLimits;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

/**
 * A daemon's IKE layer as the daemon wires it with several handlers, without sockets or a dataplane: an
 * in-memory transport, the I/O agent on a thread of its own, the handlers behind their ring, and a
 * recording installer.
 */
final class ShardedDaemon implements AutoCloseable
{
    final QueueIkeTransport transport = new QueueIkeTransport(4096);
    final ShardedFixtures.Recorder installer;
    final IkeDispatcher dispatcher;
    final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final AgentRunner runner;

    ShardedDaemon(final int handlers, final List<Connection> connections, final int firstChildSpi,
        final HalfOpenLimits limits)
    {
        installer = new ShardedFixtures.Recorder(firstChildSpi);
        final OutboundDatagrams outbound = new OutboundDatagrams(OutboundDatagrams.DEFAULT_CAPACITY);
        final PrintStream log = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        dispatcher = IkeDispatcher.start(IkeHandlerSettings.of(handlers), connections, installer, outbound, log,
            limits, SystemNanoClock.INSTANCE, errors::add);
        final ShardedIkeAgent agent = new ShardedIkeAgent(transport, dispatcher, outbound, transport::send, null);
        runner = new AgentRunner(new BackoffIdleStrategy(10, 10, 1_000, 100_000), errors::add, null, agent);
        AgentRunner.startOnThread(runner);
    }

    @Override
    public void close()
    {
        runner.close();
    }
}
