package io.torii.perf.load;

import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.daemon.Connection;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import io.torii.ike.shard.IkeDispatcher;
import io.torii.ike.shard.IkeHandlerSettings;
import io.torii.ike.shard.OutboundDatagrams;
import io.torii.ike.shard.QueueIkeTransport;
import io.torii.ike.shard.ShardedIkeAgent;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

/**
 * IKE SAs set up per second by two daemons' IKE layers in one process, with 1, 2 and 4 IKE handlers on
 * each side: PSK authentication, an x25519 key exchange, AES-256-GCM, one Child SA each, recorded rather
 * than installed. The two sides talk over in-memory transports through the same I/O agents, Disruptor
 * rings and handlers as the daemon, so the figures show how IKE work spreads over cores; the initiator
 * keeps the same number of SAs in flight whatever the handler count. Prints one row per handler count with the ratio to
 * one handler measured in the same run.
 * <pre>
 *  [initiator: I/O agent | ring | N handlers] === in-memory queues === [responder: I/O agent | ring | N handlers]
 * </pre>
 * Run: {@code java -cp perf/target/benchmarks.jar io.torii.perf.load.IkeRateReport [SAS]}; both sides share
 * this machine's CPUs, so on a machine of C cores the ratio is bounded by about C / 2 per side.
 */
public final class IkeRateReport
{
    private static final int[] HANDLER_COUNTS = {1, 2, 4};
    private static final int IN_FLIGHT = 128;
    private static final int DEFAULT_SAS = 3000;
    private static final HalfOpenLimits UNLIMITED = new HalfOpenLimits(1 << 20, 1 << 20, 1 << 20,
        60_000_000_000L);
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream(), true,
        StandardCharsets.UTF_8);

    private IkeRateReport()
    {
    }

    /**
     * @param args optionally how many SAs each measurement sets up (default 3000).
     * @throws InterruptedException when interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final int sas = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SAS;
        System.out.printf(Locale.ROOT, "IKE SAs established per second (PSK, x25519, AES-256-GCM), %d SAs per run," +
            " %d processors%n", sas, Runtime.getRuntime().availableProcessors());
        measure(1, sas / 4);
        final List<double[]> rows = new ArrayList<>();
        for (final int handlers : HANDLER_COUNTS)
        {
            measure(handlers, sas / 4);
            rows.add(new double[] {handlers, measure(handlers, sas)});
        }
        System.out.printf(Locale.ROOT, "%-10s %12s %10s%n", "handlers", "SAs/s", "vs 1");
        for (final double[] row : rows)
        {
            System.out.printf(Locale.ROOT, "%-10d %12.0f %9.2fx%n", (int)row[0], row[1], row[1] / rows.get(0)[1]);
        }
    }

    /** @return SAs per second with that many handlers on each side. */
    private static double measure(final int handlers, final int sas) throws InterruptedException
    {
        final Semaphore window = new Semaphore(IN_FLIGHT);
        final AtomicInteger established = new AtomicInteger();
        final Side initiator = new Side(handlers, config("192.0.2.1", "192.0.2.2", "moon.example", "sun.example"),
            InetAddress.ofLiteral("192.0.2.1"), new CountingInstaller(() ->
            {
                established.incrementAndGet();
                window.release();
            }));
        final Side responder = new Side(handlers, config("192.0.2.2", "%any", "sun.example", "moon.example"),
            InetAddress.ofLiteral("192.0.2.2"), new CountingInstaller(() -> { }));
        try
        {
            QueueIkeTransport.link(initiator.transport, responder.transport);
            final long start = System.nanoTime();
            for (int i = 0; i < sas; i++)
            {
                window.acquire();
                final int shard = i % handlers;
                while (!initiator.dispatcher.execute(shard, manager -> manager.initiate("gw", System.nanoTime())))
                {
                    Thread.onSpinWait();
                }
            }
            if (!window.tryAcquire(IN_FLIGHT, 120, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("only " + established.get() + " of " + sas + " SAs came up");
            }
            return sas / ((System.nanoTime() - start) / 1e9);
        }
        finally
        {
            initiator.close();
            responder.close();
        }
    }

    private static List<Connection> config(final String self, final String peer, final String selfId,
        final String peerId)
    {
        final String text = """
            connections {
              gw {
                local_addrs = %s
                remote_addrs = %s
                proposals = aes256gcm16-prfsha256-x25519
                local {
                  auth = psk
                  id = %s
                }
                remote {
                  auth = psk
                  id = %s
                }
                children {
                  net {
                    local_ts = 10.0.0.0/8
                    remote_ts = 10.0.0.0/8
                    esp_proposals = aes256gcm16
                  }
                }
              }
            }
            secrets {
              ike {
                secret = shared-secret-of-the-harness
              }
            }
            """.formatted(self, peer, selfId, peerId);
        final SwanctlConfig config = SwanctlReader.read(text, "swanctl.conf").config();
        return config.connections().values().stream().map(connection -> new Connection(PeerProfiles.from(
            connection, config.sharedSecrets(), RetransmitSchedule.STRONGSWAN_DEFAULTS), connection,
            InetAddress.ofLiteral(self))).toList();
    }

    /** One daemon's IKE layer, wired as the daemon wires it with several handlers. */
    private static final class Side implements AutoCloseable
    {
        final QueueIkeTransport transport = new QueueIkeTransport(1 << 16);
        final IkeDispatcher dispatcher;
        private final AgentRunner runner;

        Side(final int handlers, final List<Connection> connections, final InetAddress self,
            final ChildSaInstaller installer)
        {
            final OutboundDatagrams outbound = new OutboundDatagrams(1 << 16);
            dispatcher = IkeDispatcher.start(IkeHandlerSettings.of(handlers), connections, installer, outbound,
                QUIET, UNLIMITED, SystemNanoClock.INSTANCE, Throwable::printStackTrace);
            runner = new AgentRunner(new BackoffIdleStrategy(10, 10, 1_000, 100_000), Throwable::printStackTrace,
                null, new ShardedIkeAgent(transport, dispatcher, outbound, transport::send, null));
            AgentRunner.startOnThread(runner);
        }

        @Override
        public void close()
        {
            runner.close();
        }
    }
}
