package io.torii.dataplane.config;

import io.torii.dataplane.threading.CpuSets;
import io.torii.dataplane.threading.ThreadingConfig;
import io.torii.nativeshim.PortMessageArray;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the tuning keys of the {@code dataplane { }} section (see {@link DaemonConfigReader} for the
 * whole syntax), the ones hardware profiles set:
 * <pre>
 * batch_size = 32          # packets per burst, 1 to 64 (the ports' descriptor arrays hold 64)
 * ring_size = 2048         # AF_XDP and DPDK ports: descriptors per queue, a power of two from 64 to 4096
 * control_cpu = 0          # pin the control plane's threads to this CPU; not one of the workers' cpus
 * crypto_engine = auto     # auto (probe and priority, the default) | ipsec-mb | jdk
 * </pre>
 * The crypto engine is checked for availability when the daemon starts, not here: a configuration
 * may be read on a machine other than the one it is for.
 */
public final class TuningConfigReader
{
    /** The keys this reader owns in {@code dataplane { }}. */
    public static final Set<String> KEYS = Set.of("batch_size", "ring_size", "control_cpu", "crypto_engine");
    /** The largest ring both AF_XDP (UMEM frames) and DPDK (descriptors per queue) take. */
    public static final int MAX_RING_SIZE = 4096;
    private static final int MIN_RING_SIZE = 64;
    private static final List<String> ENGINES = List.of("auto", "ipsec-mb", "jdk");

    private TuningConfigReader()
    {
    }

    /**
     * @param dataplane the {@code dataplane { }} section.
     * @param threading the workers' threading, whose CPUs the control plane must keep off.
     * @param allowedCpus the CPUs this process may run on.
     * @return the tuning; {@link DataplaneTuning#DEFAULTS} for keys not set.
     * @throws SettingsException naming the file, line and what was expected.
     */
    public static DataplaneTuning read(final SettingsSection dataplane, final ThreadingConfig threading,
        final BitSet allowedCpus)
    {
        final int batch = set(dataplane, "batch_size").map(v -> (int)v.asUnsigned(PortMessageArray.MAX_MESSAGES))
            .orElse(DataplaneTuning.DEFAULTS.batchSize());
        if (batch == 0)
        {
            throw dataplane.value("batch_size").orElseThrow().error("expected 1 to " + PortMessageArray.MAX_MESSAGES);
        }
        final int ring = set(dataplane, "ring_size").map(TuningConfigReader::ringSize)
            .orElse(DataplaneTuning.DEFAULTS.ringSize());
        final OptionalInt controlCpu = set(dataplane, "control_cpu")
            .map(v -> OptionalInt.of(controlCpu(v, threading, allowedCpus))).orElse(OptionalInt.empty());
        final String engine = set(dataplane, "crypto_engine").map(TuningConfigReader::engine)
            .orElse(DataplaneTuning.DEFAULTS.cryptoEngine());
        return new DataplaneTuning(batch, ring, controlCpu, engine);
    }

    private static Optional<SettingsValue> set(final SettingsSection section, final String key)
    {
        return section.value(key).filter(v -> !v.isEmpty());
    }

    private static int ringSize(final SettingsValue value)
    {
        final long size = value.asUnsigned(MAX_RING_SIZE);
        if (size < MIN_RING_SIZE || Long.bitCount(size) != 1)
        {
            throw value.error("expected a power of two from " + MIN_RING_SIZE + " to " + MAX_RING_SIZE + ", found '" +
                value.value() + "'");
        }
        return (int)size;
    }

    private static int controlCpu(final SettingsValue value, final ThreadingConfig threading, final BitSet allowed)
    {
        final int cpu = (int)value.asUnsigned(Integer.MAX_VALUE);
        if (!allowed.get(cpu))
        {
            throw value.error("CPU " + cpu + " is not one this process may run on; allowed: " +
                CpuSets.format(allowed));
        }
        if (threading.cpus().contains(cpu))
        {
            throw value.error("CPU " + cpu + " is a worker's (cpus at " + threading.cpusOrigin() + "); the control " +
                "plane needs a CPU the workers do not spin on");
        }
        return cpu;
    }

    private static String engine(final SettingsValue value)
    {
        if (!ENGINES.contains(value.value()))
        {
            throw value.error("expected one of " + ENGINES + ", found '" + value.value() + "'");
        }
        return value.value();
    }
}
