package io.torii.perf.jmh.esp;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.CryptoEngines;

/**
 * The {@code engine} parameter of the ESP benchmarks: a crypto engine's name, made into an engine the way
 * a worker gets one, through the selector, so that a benchmark measures what production would run (the
 * ipsec-mb code path included, which {@code torii.crypto.arch} can force).
 */
public final class BenchEngines
{
    /** The JDK engine's name. */
    public static final String JDK = "jdk";
    /** The native engine's name. */
    public static final String IPSEC_MB = "ipsec-mb";

    private BenchEngines()
    {
    }

    /**
     * @param name {@link #JDK} or {@link #IPSEC_MB}.
     * @return a new engine for the benchmark's thread; the caller closes it after the SAs that use it.
     * @throws IllegalArgumentException when the engine is unknown or cannot run on this machine.
     */
    public static CryptoEngine create(final String name)
    {
        return CryptoEngines.selector().select(name).provider().create();
    }
}
