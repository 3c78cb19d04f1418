package io.torii.perf.jmh.esp;

import io.torii.dataplane.packet.PacketBatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of the ESP benchmarks: only the refill each of their invocations starts with, copying
 * {@value PacketPool#BATCH_SIZE} cleartext packets from the heap pool into the off-heap batch. Subtract
 * it from their scores for the engine's own cost. Ciphertexts are at most a few dozen bytes longer, so
 * one baseline per size serves both directions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = BenchJvm.DISABLE_BOUNDS_CHECKS,
    jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.OPEN_MISC, BenchJvm.OPEN_ZIP, BenchJvm.OPEN_NIO})
public class BatchRefillBenchmark
{
    /** The cleartext IP packet size in bytes, or {@code imix}. */
    @Param({"64", "576", "1400", "imix"})
    public String size;

    private PacketBatch batch;
    private PacketPool cleartext;

    /** Builds the pool and the batch as the ESP benchmarks do. */
    @Setup
    public void setUp()
    {
        BenchJvm.requireBoundsChecksOff();
        batch = new PacketBatch(PacketPool.BATCH_SIZE, PacketPool.MAX_PACKET);
        cleartext = new PacketPool(CleartextPackets.udp(PacketSizes.sequence(size, PacketPool.POOL_SIZE), 1));
    }

    /**
     * @return how many packets the batch holds.
     */
    @Benchmark
    @OperationsPerInvocation(PacketPool.BATCH_SIZE)
    public int refill()
    {
        return cleartext.refill(batch);
    }
}
