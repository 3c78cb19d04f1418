package io.torii.perf.jmh.esp;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.Proposal;
import io.torii.dataplane.crypto.ipsecmb.IpsecMbCryptoEngineProvider;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.nativeshim.EspJobArray;
import io.torii.nativeshim.IpsecMbCipher;
import io.torii.nativeshim.IpsecMbIntegrity;
import io.torii.nativeshim.IpsecMbKey;
import io.torii.nativeshim.IpsecMbManager;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * The C limit of outbound ESP with AES-GCM: the same pool, batch and refill as
 * {@link EspEncryptBenchmark}, then one {@link IpsecMbManager#rawGcmSeal} call per batch, which runs
 * ipsec-mb's AES-GCM directly over each slot and nothing of ESP (no parsing, headers, padding, sequence
 * numbers or job queue). Each packet gets exactly as many bytes encrypted as ESP's encrypted region would
 * hold for it in tunnel mode: the inner packet, padding to the cipher's 4-byte block and the 2 trailer
 * bytes. The ESP encrypt score over this one, both net of {@link BatchRefillBenchmark}, says how much of
 * the C speed the Java ESP path keeps.
 *
 * <p>The raw call takes the 16 bytes before the data as "ESP header and IV" (its first 8 are the AAD), so
 * each job starts 16 bytes before the packet, in the slot's headroom, and the data region is the packet
 * itself; the tag lands after it, where ESP's ICV would. The pool holds a whole number of batches and each
 * refill copies its packets to the same slots, so the jobs of each of the pool's batches are set once in
 * set-up and every invocation pays only the refill and the downcall. Set-up checks one batch against the
 * JDK's AES-GCM, so the benchmark cannot silently encrypt the wrong bytes.
 *
 * <p>Run: {@code ./torii bench RawGcm -prof gc}, or through {@code io.torii.perf.EspBenchReport}, which
 * prints it as engine {@code ipsec-mb-raw-c}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = BenchJvm.DISABLE_BOUNDS_CHECKS,
    jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.OPEN_MISC, BenchJvm.OPEN_ZIP, BenchJvm.OPEN_NIO})
public class RawGcmBenchmark
{
    /** What the raw call treats as ESP header and IV in front of the data. */
    static final int RAW_HEADER = 16;

    private static final int TRAILER = 2;
    private static final int AAD = 8;
    private static final int TAG = 16;
    private static final int NONCE = 12;
    private static final int SALT = 4;

    /** The ESP proposal: the AES-GCM ones only, the ones the raw call runs. */
    @Param({"aes128gcm16", "aes256gcm16"})
    public String suite;

    /** The cleartext IP packet size in bytes, or {@code imix}. */
    @Param({"64", "576", "1400", "imix"})
    public String size;

    /**
     * How many keys the jobs take in turn. With 100,000 every job of a batch has its own schedule, out of
     * cache as on a gateway with that many SAs: the C limit of the worker benchmark's 100,000-tunnel rows.
     */
    @Param({"1"})
    public int keys;

    private IpsecMbManager manager;
    private IpsecMbKey[] keySchedules;
    private EspJobArray[] jobsPerRefill;
    private PacketBatch batch;
    private PacketPool cleartext;
    private int next;

    /**
     * Expands the key on the code path the ipsec-mb engine would take, builds the pool and the jobs of
     * each of its batches, and checks the first batch against the JDK.
     *
     * @throws GeneralSecurityException when the JDK cannot compute the reference.
     */
    @Setup
    public void setUp() throws GeneralSecurityException
    {
        BenchJvm.requireBoundsChecksOff();
        final EncryptionAlgorithm encryption = Proposal.parse(suite, false).encryption();
        final byte[] keyMaterial = BenchSas.outbound(suite).encryptionKey();
        if (keys < 1)
        {
            throw new IllegalArgumentException("keys " + keys + ": expected at least 1");
        }
        manager = IpsecMbManager.create(
            IpsecMbCryptoEngineProvider.archFrom(System.getProperty(IpsecMbCryptoEngineProvider.ARCH_PROPERTY)));
        keySchedules = new IpsecMbKey[keys];
        for (int k = 0; k < keys; k++)
        {
            // The same key material in every schedule: what the cache sees is the schedules' number, not their bytes.
            keySchedules[k] = IpsecMbKey.esp(manager, cipher(encryption), keyMaterial.clone(), IpsecMbIntegrity.NONE,
                null, null);
        }
        batch = new PacketBatch(PacketPool.BATCH_SIZE, PacketPool.MAX_PACKET);
        cleartext = new PacketPool(CleartextPackets.udp(PacketSizes.sequence(size, PacketPool.POOL_SIZE), 1));
        if (cleartext.size() % PacketPool.BATCH_SIZE != 0)
        {
            throw new IllegalStateException("the pool must hold whole batches for the jobs to repeat");
        }
        final int poolRefills = cleartext.size() / PacketPool.BATCH_SIZE;
        final int keyRefills = (keys + PacketPool.BATCH_SIZE - 1) / PacketPool.BATCH_SIZE;
        jobsPerRefill = new EspJobArray[(keyRefills + poolRefills - 1) / poolRefills * poolRefills];
        for (int refill = 0; refill < jobsPerRefill.length; refill++)
        {
            requireFull(cleartext.refill(batch));
            final EspJobArray jobs = new EspJobArray();
            for (int i = 0; i < batch.size(); i++)
            {
                final IpsecMbKey key = keySchedules[(refill * PacketPool.BATCH_SIZE + i) % keys];
                jobs.set(i, batch.address(i) + batch.offset(i) - RAW_HEADER,
                    RAW_HEADER + encryptedLength(batch.length(i), encryption.blockSize()), key, false, 0);
            }
            jobsPerRefill[refill] = jobs;
            if (refill == 0)
            {
                checkAgainstJdk(jobs, encryption, keyMaterial);
            }
        }
        Arrays.fill(keyMaterial, (byte)0);
    }

    /** Wipes the key and frees the jobs and the manager. */
    @TearDown
    public void tearDown()
    {
        for (final EspJobArray jobs : jobsPerRefill)
        {
            jobs.close();
        }
        for (final IpsecMbKey key : keySchedules)
        {
            key.close();
        }
        manager.close();
    }

    /**
     * @return how many packets were sealed: always the batch size.
     */
    @Benchmark
    @OperationsPerInvocation(PacketPool.BATCH_SIZE)
    public int seal()
    {
        final int count = cleartext.refill(batch);
        final EspJobArray jobs = jobsPerRefill[next];
        next = next + 1 == jobsPerRefill.length ? 0 : next + 1;
        return manager.rawGcmSeal(jobs, count);
    }

    /**
     * @param innerLength the cleartext IP packet's length.
     * @param blockSize the cipher's block size.
     * @return what tunnel-mode ESP encrypts for it without TFC padding: the packet, padding and trailer.
     */
    static int encryptedLength(final int innerLength, final int blockSize)
    {
        final int remainder = (innerLength + TRAILER) % blockSize;
        return innerLength + TRAILER + (remainder == 0 ? 0 : blockSize - remainder);
    }

    private static IpsecMbCipher cipher(final EncryptionAlgorithm encryption)
    {
        return switch (encryption)
        {
            case AES_GCM_16_128 -> IpsecMbCipher.AES_GCM_128;
            case AES_GCM_16_256 -> IpsecMbCipher.AES_GCM_256;
            default -> throw new IllegalArgumentException("raw GCM runs aes128gcm16 or aes256gcm16, not " +
                encryption.keyword());
        };
    }

    /**
     * Seals the batch just refilled and compares every slot with the JDK's AES-GCM over the same bytes:
     * key, nonce of salt and eight zero bytes, the 8 bytes at the job's start as AAD.
     */
    private void checkAgainstJdk(final EspJobArray jobs, final EncryptionAlgorithm encryption,
        final byte[] keyMaterial) throws GeneralSecurityException
    {
        final int count = batch.size();
        final byte[][] expected = new byte[count][];
        final byte[] nonce = Arrays.copyOfRange(keyMaterial, encryption.keyLength(), encryption.keyLength() + SALT);
        final SecretKeySpec aesKey = new SecretKeySpec(keyMaterial, 0, encryption.keyLength(), "AES");
        for (int i = 0; i < count; i++)
        {
            final int start = batch.offset(i);
            final int length = encryptedLength(batch.length(i), encryption.blockSize());
            final byte[] aad = new byte[AAD];
            batch.buffer(i).getBytes(start - RAW_HEADER, aad);
            final byte[] plain = new byte[length];
            batch.buffer(i).getBytes(start, plain);
            final Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG * Byte.SIZE, Arrays.copyOf(nonce, NONCE)));
            gcm.updateAAD(aad);
            expected[i] = gcm.doFinal(plain);
        }
        if (manager.rawGcmSeal(jobs, count) != count)
        {
            throw new IllegalStateException("raw GCM sealed fewer packets than the batch holds");
        }
        for (int i = 0; i < count; i++)
        {
            final byte[] actual = new byte[expected[i].length];
            batch.buffer(i).getBytes(batch.offset(i), actual);
            if (!Arrays.equals(actual, expected[i]))
            {
                throw new IllegalStateException(suite + ": raw GCM of slot " + i + " differs from the JDK's");
            }
        }
    }

    private static void requireFull(final int count)
    {
        if (count != PacketPool.BATCH_SIZE)
        {
            throw new IllegalStateException("refill gave " + count + " packets, expected " + PacketPool.BATCH_SIZE);
        }
    }
}
