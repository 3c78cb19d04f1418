package io.torii.perf.jmh.worker;

import io.torii.dataplane.worker.GatewayWorker;
import io.torii.perf.jmh.esp.BenchEngines;
import io.torii.perf.jmh.esp.BenchJvm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The whole worker loop, in process: each invocation is one {@link GatewayWorker#doWork()} duty cycle
 * that moves a full burst of {@value BenchGateway#BATCH} packets between in-memory ports
 * ({@link BenchPort}). Outbound: LAN receive (one copy from a pool), SPD lookup, tunnel MTU and MSS
 * checks, ESP encapsulation with sequence numbers and the crypto, WAN transmit. Inbound: WAN receive,
 * SPI lookup (and, with two workers, the SPI steering check), replay check, ICV check and decryption,
 * inbound policy check, LAN transmit. Traffic is spread over every tunnel ({@link BenchTunnels}), so
 * with many tunnels consecutive packets belong to different SAs, as on a busy gateway.
 *
 * <p>The score is throughput in packets per microsecond, which is Mpps, summed over the workers' threads
 * by JMH; per worker it is the score over {@code workers}. Gbit/s counts cleartext bits. Every
 * invocation checks that the burst left whole, so a score for dropped packets cannot pass unnoticed.
 *
 * <p>{@code workers} workers need as many threads, one per worker, each driving the worker its thread
 * index names: run {@code -p workers=2 -t 2}. {@code io.torii.perf.WorkerBenchReport} does this and
 * prints the table with the targets; for example
 * {@code ./torii bench WorkerLoop -p tunnels=100000 -p size=64 -p engine=ipsec-mb -p direction=outbound
 * -p workers=1 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = BenchJvm.DISABLE_BOUNDS_CHECKS,
    jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.OPEN_MISC, BenchJvm.OPEN_ZIP, BenchJvm.OPEN_NIO})
public class WorkerLoopBenchmark
{
    /** The direction whose traffic is fed: cleartext on the LAN side. */
    public static final String OUTBOUND = "outbound";
    /** The direction whose traffic is fed: ESP on the WAN side. */
    public static final String INBOUND = "inbound";

    /** Tunnels over all workers, each one outbound and one inbound SA; at least one per worker. */
    @Param({"1", "1000", "100000"})
    public int tunnels;

    /** The cleartext IP packet size in bytes, or {@code imix}. */
    @Param({"64", "1400", "imix"})
    public String size;

    /** The crypto engine, by the name the selector knows it. */
    @Param({BenchEngines.IPSEC_MB, BenchEngines.JDK})
    public String engine;

    /** {@value #OUTBOUND} or {@value #INBOUND}. */
    @Param({OUTBOUND, INBOUND})
    public String direction;

    /** Workers, each on a thread of its own: run with as many JMH threads. */
    @Param({"1"})
    public int workers;

    private BenchGateway gateway;

    /**
     * Builds the gateway: SAs, policies, pools and ports of every worker.
     *
     * @param threads JMH's threads, one per worker.
     */
    @Setup(Level.Trial)
    public void setUp(final ThreadParams threads)
    {
        BenchJvm.requireBoundsChecksOff();
        if (threads.getThreadCount() != workers)
        {
            throw new IllegalArgumentException(workers + " workers need " + workers + " JMH threads, one each, " +
                "not " + threads.getThreadCount() + ": run with -t " + workers);
        }
        if (!OUTBOUND.equals(direction) && !INBOUND.equals(direction))
        {
            throw new IllegalArgumentException("direction '" + direction + "': expected " + OUTBOUND + " or " +
                INBOUND);
        }
        gateway = new BenchGateway(tunnels, workers, engine, OUTBOUND.equals(direction), size);
    }

    /** Removes the SAs, zeroing their keys, and closes the engines. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        gateway.close();
    }

    /** One thread's worker: the one its thread index names. */
    @State(Scope.Thread)
    public static class Seat
    {
        private BenchGateway gateway;
        private GatewayWorker worker;
        private int id;

        /**
         * @param benchmark the benchmark, its gateway built.
         * @param threads this thread's index.
         */
        @Setup(Level.Trial)
        public void setUp(final WorkerLoopBenchmark benchmark, final ThreadParams threads)
        {
            gateway = benchmark.gateway;
            id = threads.getThreadIndex();
            worker = gateway.worker(id);
        }

        /**
         * Runs one duty cycle.
         *
         * @return the worker's work count.
         * @throws IllegalStateException when fewer than a full burst of packets left OK.
         */
        int cycle()
        {
            final long before = gateway.sent(id);
            final int work = worker.doWork();
            final long moved = gateway.sent(id) - before;
            if (moved != BenchGateway.BATCH)
            {
                throw new IllegalStateException(gateway.shortfall(id, moved));
            }
            return work;
        }
    }

    /**
     * @param seat this thread's worker.
     * @return the work count of the duty cycle, always the burst size.
     */
    @Benchmark
    @OperationsPerInvocation(BenchGateway.BATCH)
    public int loop(final Seat seat)
    {
        return seat.cycle();
    }
}
