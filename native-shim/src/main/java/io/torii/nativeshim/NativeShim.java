package io.torii.nativeshim;

import java.lang.foreign.SymbolLookup;
import java.util.Set;

/**
 * Whether Torii's native code is usable on this machine, and the calls that need no engine.
 *
 * <p>The library is loaded on first use. When it cannot be loaded, Java code keeps running on its
 * fallbacks and the reason is logged once, at WARNING, naming what to do about it.
 */
public final class NativeShim
{
    private static final System.Logger LOG = System.getLogger("io.torii.native");

    private NativeShim()
    {
    }

    /** Holder idiom: loads and logs exactly once, on first access, thread-safely. */
    private static final class Loaded
    {
        static final ShimLoader.Result RESULT = loadAndReport();

        private static ShimLoader.Result loadAndReport()
        {
            final ShimLoader.Result result = ShimLoader.load(NativeLibrary.SHIM,
                System.getProperty(ShimLoader.DISABLE_PROPERTY), System.getProperty(NativeLibrary.SHIM.pathProperty()));
            if (result.lookup().isEmpty())
            {
                LOG.log(System.Logger.Level.WARNING,
                    "native acceleration is off: {0}; Torii falls back to the JDK''s crypto", result.origin());
            }
            else
            {
                LOG.log(System.Logger.Level.DEBUG, "native shim loaded from {0}", result.origin());
            }
            return result;
        }
    }

    /**
     * @return true when {@code libtorii_shim.so} loaded and has the ABI version this code expects.
     */
    public static boolean isAvailable()
    {
        return Loaded.RESULT.lookup().isPresent();
    }

    /**
     * @return where the library was loaded from when it is available, otherwise why it is not.
     */
    public static String status()
    {
        return Loaded.RESULT.origin();
    }

    /**
     * @return the features of this CPU the OS has enabled, as the shim's CPUID probe sees them.
     * @throws IllegalStateException when the shim is unavailable; check {@link #isAvailable()}.
     */
    public static Set<CpuFeature> cpuFeatures()
    {
        return CpuFeature.fromMask(cpuFeatureMask());
    }

    /**
     * @return the raw {@code TORII_CPU_*} bitmask, probed once per process: CPUID traps to the
     *         hypervisor on virtual machines and costs tens of microseconds there.
     * @throws IllegalStateException when the shim is unavailable; check {@link #isAvailable()}.
     */
    public static long cpuFeatureMask()
    {
        requireAvailable();
        return CpuFeatureMask.VALUE;
    }

    private static final class CpuFeatureMask
    {
        static final long VALUE = ShimLibrary.cpuFeatures();
    }

    /**
     * @return the ABI version the loaded library reports.
     */
    public static int abiVersion()
    {
        requireAvailable();
        return ShimLibrary.abiVersion();
    }

    static SymbolLookup lookup()
    {
        return Loaded.RESULT.lookup().orElseThrow(NativeShim::unavailable);
    }

    private static void requireAvailable()
    {
        if (!isAvailable())
        {
            throw unavailable();
        }
    }

    private static IllegalStateException unavailable()
    {
        return new IllegalStateException("native shim unavailable: " + Loaded.RESULT.origin());
    }
}
