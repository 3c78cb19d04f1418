package io.torii.dataplane.config;

import java.util.OptionalInt;

/**
 * The dataplane's tuning keys that hardware profiles set beside workers, CPUs and idle strategy
 * (see {@link TuningConfigReader}).
 *
 * @param batchSize packets a worker takes from a port per burst.
 * @param ringSize descriptors per queue of AF_XDP and DPDK ports (AF_XDP: UMEM frames), or 0 for
 *        the port's own default.
 * @param controlCpu the CPU the control plane's threads run on, or empty to leave them unpinned.
 * @param cryptoEngine {@code auto} (probe and priority), {@code ipsec-mb} or {@code jdk}.
 */
public record DataplaneTuning(int batchSize, int ringSize, OptionalInt controlCpu, String cryptoEngine)
{
    /** Bursts of 32, the ports' default rings, no control-plane pinning, the engine by probe. */
    public static final DataplaneTuning DEFAULTS = new DataplaneTuning(32, 0, OptionalInt.empty(), "auto");
}
