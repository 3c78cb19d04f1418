package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngineProvider;
import io.torii.dataplane.threading.CpuAffinity;
import io.torii.dataplane.threading.IdleStrategyConfig;
import io.torii.dataplane.threading.ThreadingConfig;
import io.torii.dataplane.threading.ThreadingMode;
import io.torii.dataplane.threading.WorkerThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The dataplane starts its workers as the configuration's {@code threading}, {@code idle} and
 * {@code cpus} say. Both sides use UDP sockets on loopback (ephemeral ports), which need no privileges.
 */
class DataplaneThreadingTest
{
    private static DaemonConfig config(final String threadingKeys)
    {
        return DaemonConfigReader.read("""
            dataplane {
              workers = 2
            %s
              wan {
                port = udp
                address = 127.0.0.1
                udp_port = 0
              }
              lan {
                port = udp
                address = 127.0.0.1
                udp_port = 0
              }
            }
            """.formatted(threadingKeys), "dataplane.conf");
    }

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Test
    void sharedThreadingRunsBothWorkersOnOneThread()
    {
        final DaemonConfig config = config("  threading = shared\n  idle = sleep\n  idle_sleep = 50us");
        assertThat(config.threading().idle()).isEqualTo(IdleStrategyConfig.sleeping(50_000));
        try (Dataplane dataplane = new Dataplane(config, new JdkCryptoEngineProvider(), null, null))
        {
            dataplane.start(errors::add);

            assertThat(dataplane.workers()).isEqualTo(2);
            assertThat(dataplane.workerThreads().threads()).extracting(Thread::getName)
                .containsExactly(WorkerThreads.SHARED_THREAD_NAME);
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("torii-worker-"));
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void dedicatedThreadingPinsEachWorkerToItsConfiguredCpu() throws Exception
    {
        assumeTrue(CpuAffinity.unavailableReason().isEmpty(), "no libc affinity calls here");
        final BitSet allowed = CpuAffinity.allowedCpus();
        assumeTrue(allowed.cardinality() >= 2, "needs two CPUs");
        final int first = allowed.nextSetBit(0);
        final int second = allowed.nextSetBit(first + 1);
        final DaemonConfig config = config("  threading = dedicated\n  cpus = " + first + "," + second);
        try (Dataplane dataplane = new Dataplane(config, new JdkCryptoEngineProvider(), null, null))
        {
            dataplane.start(errors::add);

            assertThat(dataplane.workerThreads().threads()).extracting(Thread::getName)
                .containsExactly("torii-worker-0", "torii-worker-1");
            final List<Integer> tids = dataplane.workerThreads().threadIds();
            assertThat(cpusAllowed(tids.get(0))).isEqualTo(String.valueOf(first));
            assertThat(cpusAllowed(tids.get(1))).isEqualTo(String.valueOf(second));
        }
    }

    @Test
    void aThreadThatCannotBePinnedFailsTheStart()
    {
        assumeTrue(CpuAffinity.unavailableReason().isEmpty(), "no libc affinity calls here");
        final int forbidden = CpuAffinity.allowedCpus().nextClearBit(0);
        assumeTrue(forbidden < CpuAffinity.MAX_CPUS, "every CPU is allowed");
        // The reader refuses such a CPU; the affinity can also shrink between reading and starting.
        final DaemonConfig read = config("");
        final DaemonConfig config = new DaemonConfig(read.workers(), read.prometheus(), read.maxSas(), read.wan(),
            read.lan(), read.sas(), read.tunnels(), new ThreadingConfig(ThreadingMode.DEDICATED,
            IdleStrategyConfig.DEFAULT, List.of(CpuAffinity.allowedCpus().nextSetBit(0), forbidden), "d.conf:3"),
            read.events(), read.charon());
        try (Dataplane dataplane = new Dataplane(config, new JdkCryptoEngineProvider(), null, null))
        {
            assertThatThrownBy(() -> dataplane.start(errors::add)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot pin torii-worker-1 to CPU " + forbidden + " (cpus at d.conf:3)");
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("torii-worker-"));
        }
    }

    private static String cpusAllowed(final int tid) throws Exception
    {
        return Files.readAllLines(Path.of("/proc/self/task/" + tid + "/status")).stream()
            .filter(line -> line.startsWith("Cpus_allowed_list:"))
            .map(line -> line.substring("Cpus_allowed_list:".length()).strip()).findFirst().orElseThrow();
    }
}
