package io.torii.perf.lab.ike;

import io.torii.ike.config.SwanctlConfig;
import io.torii.ike.config.SwanctlReader;
import io.torii.ike.daemon.Connection;
import io.torii.ike.dataplane.ChildSaInstaller;
import io.torii.ike.dos.HalfOpenLimits;
import io.torii.ike.net.IkeTransports;
import io.torii.ike.net.UdpIkeSocket;
import io.torii.ike.sa.PeerProfiles;
import io.torii.ike.sa.RetransmitSchedule;
import io.torii.ike.shard.IkeDispatcher;
import io.torii.ike.shard.IkeHandlerSettings;
import io.torii.ike.shard.OutboundDatagrams;
import io.torii.ike.shard.ShardedIkeAgent;
import io.torii.perf.load.CountingInstaller;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Torii's IKE initiator as a load generator: many IKE SAs, each with one Child SA, from many identities
 * (connection {@code c<i>} with IKE ID {@code client-<i>.bench.example}) over UDP ports 500 and 4500 of
 * one address, against a responder that knows the PSK and accepts any identity. It first sets SAs up one
 * at a time for the set-up latency, then keeps a window of them in flight for the rate, and prints one
 * result line:
 * <pre>
 * ike-load latency_sas=50 setup_p50_us=1830 setup_p99_us=2410 rate_sas=400 seconds=0.912 sas_per_s=438.6
 * </pre>
 * or {@code ike-load failed: REASON}. Run it in the generator's namespace:
 * {@code java -cp benchmarks.jar io.torii.perf.lab.ike.IkeLoadGenerator LOCAL PEER LATENCY_SAS RATE_SAS
 * IN_FLIGHT IDENTITIES PSK}.
 */
public final class IkeLoadGenerator
{
    /** The start of the result line. */
    public static final String RESULT = "ike-load ";
    /** The line printed when the rate phase starts, for the responder's CPU time to be read. */
    public static final String RATE_START = "ike-rate-start";
    /** The responder's IKE identity. */
    public static final String RESPONDER_ID = "responder.bench.example";
    /** The IKE proposal: what both Torii and strongSwan take. */
    public static final String IKE_PROPOSAL = "aes256gcm16-prfsha256-x25519";
    /** The ESP proposal of the Child SA. */
    public static final String ESP_PROPOSAL = "aes256gcm16";
    /** The generator's traffic selector. */
    public static final String INITIATOR_TS = "10.100.0.0/16";
    /** The responder's traffic selector. */
    public static final String RESPONDER_TS = "10.200.0.0/16";
    private static final int IKE_PORT = 500;
    private static final int NAT_T_PORT = 4500;
    private static final long WAIT_SECONDS = 60;
    private static final HalfOpenLimits UNLIMITED = new HalfOpenLimits(1 << 20, 1 << 20, 1 << 20,
        60_000_000_000L);
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream(), true,
        StandardCharsets.UTF_8);

    private IkeLoadGenerator()
    {
    }

    /**
     * @param args local address, responder address, SAs to warm up with (at the rate, not measured), SAs for
     *        latency, SAs for the rate, SAs in flight, identities, PSK.
     */
    public static void main(final String[] args)
    {
        if (args.length != 8)
        {
            System.out.println(RESULT +
                "failed: expected LOCAL PEER WARMUP_SAS LATENCY_SAS RATE_SAS IN_FLIGHT IDENTITIES PSK");
            System.exit(2);
            return;
        }
        try
        {
            final Load load = new Load(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            System.out.println(RESULT + run(args[0], args[1], load, args[7]));
            System.exit(0);
        }
        catch (final Exception ex)
        {
            System.out.println(RESULT + "failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            System.exit(1);
        }
    }

    /**
     * What to ask of the responder.
     *
     * @param warmupSas SAs set up at the rate before anything is measured, so that both sides' JIT compilers
     *        are done with the hot paths (the responder's CPU is read over the rate phase only).
     * @param latencySas SAs set up one at a time, each timed.
     * @param rateSas SAs set up with {@code inFlight} under way at once, timed together.
     * @param inFlight SAs under way at once in the rate phases.
     * @param identities how many initiator identities the SAs take in turn.
     */
    record Load(int warmupSas, int latencySas, int rateSas, int inFlight, int identities)
    {
    }

    private static String run(final String local, final String peer, final Load load, final String psk)
        throws Exception
    {
        final Semaphore done = new Semaphore(0);
        final AtomicInteger established = new AtomicInteger();
        final ChildSaInstaller installer = new CountingInstaller(() ->
        {
            established.incrementAndGet();
            done.release();
        });
        final List<Connection> connections = connections(local, peer, load.identities(), psk);
        final OutboundDatagrams outbound = new OutboundDatagrams(1 << 16);
        final IkeDispatcher dispatcher = IkeDispatcher.start(IkeHandlerSettings.of(1), connections, installer,
            outbound, QUIET, UNLIMITED, SystemNanoClock.INSTANCE, Throwable::printStackTrace);
        final IkeTransports transports = new IkeTransports(List.of(
            UdpIkeSocket.open(new InetSocketAddress(InetAddress.ofLiteral(local), IKE_PORT), false),
            UdpIkeSocket.open(new InetSocketAddress(InetAddress.ofLiteral(local), NAT_T_PORT), true)));
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(10, 10, 1_000, 100_000),
            Throwable::printStackTrace, null, new ShardedIkeAgent(transports, dispatcher, outbound, transports::send,
            null));
        AgentRunner.startOnThread(runner);
        try
        {
            final Initiations initiations = new Initiations(dispatcher, established, done, load);
            initiations.atRate(load.warmupSas());
            final Histogram setup = new Histogram(60_000_000L, 3);
            for (int i = 0; i < load.latencySas(); i++)
            {
                final long start = System.nanoTime();
                initiations.next();
                if (!done.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS))
                {
                    throw new IllegalStateException("SA " + i + " did not come up within " + WAIT_SECONDS + " s");
                }
                setup.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
            }
            done.drainPermits();
            System.out.println(RATE_START);
            final double seconds = initiations.atRate(load.rateSas());
            return String.format(Locale.ROOT, "warmup_sas=%d latency_sas=%d setup_p50_us=%d setup_p99_us=%d " +
                "rate_sas=%d seconds=%.3f sas_per_s=%.1f", load.warmupSas(), load.latencySas(),
                setup.getValueAtPercentile(50), setup.getValueAtPercentile(99), load.rateSas(), seconds,
                load.rateSas() / seconds);
        }
        finally
        {
            runner.close();
        }
    }

    /** Starts SAs, each from the next identity in turn, one at a time or with several under way. */
    private static final class Initiations
    {
        private final IkeDispatcher dispatcher;
        private final AtomicInteger established;
        private final Semaphore done;
        private final Load load;
        private int next;

        Initiations(final IkeDispatcher dispatcher, final AtomicInteger established, final Semaphore done,
            final Load load)
        {
            this.dispatcher = dispatcher;
            this.established = established;
            this.done = done;
            this.load = load;
        }

        void next()
        {
            initiate(dispatcher, "c" + next % load.identities());
            next++;
        }

        /** Sets up {@code count} SAs with {@link Load#inFlight()} under way at once; returns the seconds taken. */
        double atRate(final int count) throws InterruptedException
        {
            final int before = established.get();
            final long start = System.nanoTime();
            final long deadline = start + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            int initiated = 0;
            while (established.get() - before < count)
            {
                if (initiated < count && initiated - (established.get() - before) < load.inFlight())
                {
                    next();
                    initiated++;
                }
                else if (!done.tryAcquire(100, TimeUnit.MILLISECONDS) && System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("only " + (established.get() - before) + " of " + count +
                        " SAs came up within " + WAIT_SECONDS + " s");
                }
            }
            done.drainPermits();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void initiate(final IkeDispatcher dispatcher, final String connection)
    {
        while (!dispatcher.execute(0, manager -> manager.initiate(connection, System.nanoTime())))
        {
            Thread.onSpinWait();
        }
    }

    /** @return one connection per identity, all to the same responder. */
    static List<Connection> connections(final String local, final String peer, final int identities,
        final String psk)
    {
        final StringBuilder text = new StringBuilder("connections {\n");
        for (int i = 0; i < identities; i++)
        {
            text.append("""
                  c%d {
                    local_addrs = %s
                    remote_addrs = %s
                    proposals = %s
                    local {
                      auth = psk
                      id = client-%d.bench.example
                    }
                    remote {
                      auth = psk
                      id = %s
                    }
                    children {
                      net {
                        local_ts = %s
                        remote_ts = %s
                        esp_proposals = %s
                      }
                    }
                  }
                """.formatted(i, local, peer, IKE_PROPOSAL, i, RESPONDER_ID, INITIATOR_TS, RESPONDER_TS,
                ESP_PROPOSAL));
        }
        text.append("}\nsecrets {\n  ike {\n    secret = ").append(psk).append("\n  }\n}\n");
        final SwanctlConfig config = SwanctlReader.read(text.toString(), "generator swanctl.conf").config();
        if (config == null)
        {
            throw new IllegalStateException("the generator's own swanctl.conf does not read");
        }
        final List<Connection> connections = new ArrayList<>();
        config.connections().values().forEach(connection -> connections.add(new Connection(PeerProfiles.from(
            connection, config.sharedSecrets(), RetransmitSchedule.STRONGSWAN_DEFAULTS), connection,
            InetAddress.ofLiteral(local))));
        return connections;
    }
}
