package io.torii.perf.jmh;

import io.torii.nativeshim.NativeShim;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed cost of one critical downcall into the shim: the floor every batched native crypto
 * call pays once per batch. Run: {@code ./torii bench ShimDowncall -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class ShimDowncallBenchmark
{
    @Setup
    public void requireShim()
    {
        if (!NativeShim.isAvailable())
        {
            throw new IllegalStateException("native shim unavailable: " + NativeShim.status());
        }
    }

    /** A critical downcall to a function that returns a constant: the per-batch floor. */
    @Benchmark
    public int criticalDowncall()
    {
        return NativeShim.abiVersion();
    }

    /** The cached feature probe that engine selection reads. */
    @Benchmark
    public long cachedCpuFeatureMask()
    {
        return NativeShim.cpuFeatureMask();
    }
}
