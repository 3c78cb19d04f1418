package io.torii.perf.jmh.esp;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.esp.EspEncapsulator;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Outbound ESP, tunnel mode over IPv4, with the JDK or the ipsec-mb engine: each invocation refills a
 * batch of {@value PacketPool#BATCH_SIZE} cleartext packets and encapsulates it, so the score is
 * nanoseconds per packet, refill included ({@link BatchRefillBenchmark} gives that share). The SA uses
 * extended sequence numbers, so it never runs out however long the run. {@link RawGcmBenchmark} is the
 * C limit the AES-GCM scores are compared with.
 *
 * <p>Run: {@code ./torii bench EspEncrypt -p suite=aes128gcm16 -p engine=ipsec-mb -prof gc}, or the whole
 * matrix with a table in Gbit/s through {@code io.torii.perf.EspBenchReport}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = BenchJvm.DISABLE_BOUNDS_CHECKS,
    jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.OPEN_MISC, BenchJvm.OPEN_ZIP, BenchJvm.OPEN_NIO})
public class EspEncryptBenchmark
{
    /** The ESP proposal, strongSwan keywords. */
    @Param({"aes128gcm16", "aes256gcm16", "chacha20poly1305", "aes128-sha256", "aes256-sha256", "aes256-sha512",
        "aes128gmac", "null-sha256"})
    public String suite;

    /** The cleartext IP packet size in bytes, or {@code imix}. */
    @Param({"64", "576", "1400", "imix"})
    public String size;

    /** The crypto engine, by the name the selector knows it. */
    @Param({BenchEngines.JDK, BenchEngines.IPSEC_MB})
    public String engine;

    private CryptoEngine cryptoEngine;
    private SaTable table;
    private int saSlot;
    private EspEncapsulator encapsulator;
    private PacketBatch batch;
    private PacketPool cleartext;

    /** Installs the outbound SA and builds the cleartext pool. */
    @Setup
    public void setUp()
    {
        BenchJvm.requireBoundsChecksOff();
        cryptoEngine = BenchEngines.create(engine);
        table = new SaTable(1);
        saSlot = table.install(BenchSas.outbound(suite), Direction.OUTBOUND, cryptoEngine);
        encapsulator = new EspEncapsulator(table, SaEventListener.NONE);
        batch = new PacketBatch(PacketPool.BATCH_SIZE, PacketPool.MAX_PACKET);
        cleartext = new PacketPool(CleartextPackets.udp(PacketSizes.sequence(size, PacketPool.POOL_SIZE), 1));
    }

    /** Removes the SA, zeroing its keys, then frees the engine it used. */
    @TearDown
    public void tearDown()
    {
        table.close();
        cryptoEngine.close();
    }

    /**
     * @return how many packets left OK: always the batch size, or the benchmark stops.
     */
    @Benchmark
    @OperationsPerInvocation(PacketPool.BATCH_SIZE)
    public int encrypt()
    {
        cleartext.refill(batch);
        return BatchOutcome.requireAllOk(batch, encapsulator.process(batch, saSlot), "encrypt");
    }
}
