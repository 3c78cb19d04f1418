package io.torii.dataplane.config;

import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.threading.ThreadingConfig;
import java.util.List;

/**
 * What {@code torii daemon --config FILE} runs: ports, static SAs and the tunnels that use them.
 *
 * @param workers how many workers to run.
 * @param prometheus where to serve Prometheus metrics: {@code off}, {@code PORT} or {@code HOST:PORT}.
 * @param maxSas SA slots per worker beyond the static ones, for SAs the control plane installs.
 * @param wan the protected side.
 * @param lan the cleartext side.
 * @param sas the manually keyed SAs, by section name.
 * @param tunnels the tunnels, each naming its SAs.
 * @param threading how the workers get threads: mode, idle strategy, CPUs.
 * @param events how often SA statistics and acquires go to the control plane.
 * @param charon the IKE daemon's settings from the {@code charon { }} section, strongSwan's defaults without one.
 * @param tuning burst and ring sizes, the control plane's CPU and the crypto engine.
 */
public record DaemonConfig(int workers, String prometheus, int maxSas, PortConfig wan, PortConfig lan,
    List<SaConfig> sas, List<TunnelConfig> tunnels, ThreadingConfig threading, EventIntervals events,
    CharonSettings charon, DataplaneTuning tuning)
{
    /**
     * A configuration with {@link DataplaneTuning#DEFAULTS}, for code written before the tuning keys.
     *
     * @param workers how many workers to run.
     * @param prometheus where to serve Prometheus metrics.
     * @param maxSas SA slots per worker beyond the static ones.
     * @param wan the protected side.
     * @param lan the cleartext side.
     * @param sas the manually keyed SAs.
     * @param tunnels the tunnels.
     * @param threading how the workers get threads.
     * @param events how often SA statistics and acquires go to the control plane.
     * @param charon the IKE daemon's settings.
     */
    public DaemonConfig(final int workers, final String prometheus, final int maxSas, final PortConfig wan,
        final PortConfig lan, final List<SaConfig> sas, final List<TunnelConfig> tunnels,
        final ThreadingConfig threading, final EventIntervals events, final CharonSettings charon)
    {
        this(workers, prometheus, maxSas, wan, lan, sas, tunnels, threading, events, charon, DataplaneTuning.DEFAULTS);
    }

    /**
     * @param name an SA section name.
     * @return the SA of that name.
     * @throws IllegalArgumentException when there is none.
     */
    public SaConfig sa(final String name)
    {
        for (final SaConfig sa : sas)
        {
            if (sa.name().equals(name))
            {
                return sa;
            }
        }
        throw new IllegalArgumentException("no SA named " + name);
    }
}
