package io.torii.perf.jmh.esp;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.esp.EspDecapsulator;
import io.torii.dataplane.esp.EspEncapsulator;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import java.util.Arrays;
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
 * Inbound ESP, tunnel mode over IPv4, with the JDK or the ipsec-mb engine: each invocation refills a
 * batch of {@value PacketPool#BATCH_SIZE} ESP packets from a pool encrypted once in set-up (by the same
 * engine), and decapsulates it (SPI lookup, ICV check, decryption, padding check, header strip). The score is nanoseconds per packet,
 * refill included; Gbit/s counts the cleartext bits, as for encryption.
 *
 * <p>The inbound SA has replay checks off (see {@link BenchSas}), so the same ciphertexts decrypt on
 * every pass; set-up checks once that each decrypts to its cleartext.
 *
 * <p>Run: {@code ./torii bench EspDecrypt -p suite=aes128gcm16 -p engine=ipsec-mb -prof gc}, or the whole
 * matrix through {@code io.torii.perf.EspBenchReport}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = BenchJvm.DISABLE_BOUNDS_CHECKS,
    jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.OPEN_MISC, BenchJvm.OPEN_ZIP, BenchJvm.OPEN_NIO})
public class EspDecryptBenchmark
{
    /** The ESP proposal, strongSwan keywords. */
    @Param({"aes128gcm16", "aes256gcm16", "chacha20poly1305", "aes128-sha256", "aes256-sha256", "aes256-sha512",
        "aes128gmac", "null-sha256"})
    public String suite;

    /** The cleartext IP packet size in bytes, or {@code imix}. */
    @Param({"64", "576", "1400", "imix"})
    public String size;

    /** The crypto engine, by the name the selector knows it; it also encrypts the pool. */
    @Param({BenchEngines.JDK, BenchEngines.IPSEC_MB})
    public String engine;

    private CryptoEngine cryptoEngine;
    private SaTable table;
    private EspDecapsulator decapsulator;
    private PacketBatch batch;
    private PacketPool ciphertext;

    /** Encrypts the pool with an outbound SA, installs the matching inbound SA and checks the round trip. */
    @Setup
    public void setUp()
    {
        BenchJvm.requireBoundsChecksOff();
        cryptoEngine = BenchEngines.create(engine);
        batch = new PacketBatch(PacketPool.BATCH_SIZE, PacketPool.MAX_PACKET);
        final PacketPool cleartext =
            new PacketPool(CleartextPackets.udp(PacketSizes.sequence(size, PacketPool.POOL_SIZE), 2));
        ciphertext = new PacketPool(encrypt(cleartext));
        table = new SaTable(1);
        table.install(BenchSas.inbound(suite), Direction.INBOUND, cryptoEngine);
        decapsulator = new EspDecapsulator(table);
        checkRoundTrip(cleartext);
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
    public int decrypt()
    {
        ciphertext.refill(batch);
        return BatchOutcome.requireAllOk(batch, decapsulator.process(batch), "decrypt");
    }

    private byte[][] encrypt(final PacketPool cleartext)
    {
        final byte[][] sealed = new byte[cleartext.size()][];
        try (SaTable sender = new SaTable(1))
        {
            final int slot = sender.install(BenchSas.outbound(suite), Direction.OUTBOUND, cryptoEngine);
            final EspEncapsulator encapsulator = new EspEncapsulator(sender, SaEventListener.NONE);
            for (int first = 0; first < sealed.length; first += PacketPool.BATCH_SIZE)
            {
                cleartext.refill(batch);
                BatchOutcome.requireAllOk(batch, encapsulator.process(batch, slot), "pre-encrypt");
                for (int i = 0; i < batch.size(); i++)
                {
                    sealed[first + i] = batch.copyOut(i);
                }
            }
        }
        return sealed;
    }

    private void checkRoundTrip(final PacketPool cleartext)
    {
        for (int first = 0; first < ciphertext.size(); first += PacketPool.BATCH_SIZE)
        {
            ciphertext.refill(batch);
            BatchOutcome.requireAllOk(batch, decapsulator.process(batch), "decrypt check");
            for (int i = 0; i < batch.size(); i++)
            {
                if (!Arrays.equals(batch.copyOut(i), cleartext.packet(first + i)))
                {
                    throw new IllegalStateException(suite + ": pool packet " + (first + i) +
                        " did not decrypt to its cleartext");
                }
            }
        }
    }
}
