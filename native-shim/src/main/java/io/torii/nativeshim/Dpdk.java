package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/**
 * Whether DPDK ports ({@code libtorii_dpdk.so}) are usable here, and DPDK's environment
 * abstraction layer (EAL), which runs once per process. The entry point of the DPDK layer:
 * {@link DpdkEthPort} needs it available and the EAL started.
 *
 * <p>The library is loaded on first use, found the same way as {@code libtorii_shim.so} and
 * independent of it; when it cannot be loaded the reason is logged once, at WARNING.
 * {@code -Dtorii.native.disable=true} turns it off with the rest of the native code and
 * {@code -Dtorii.native.dpdk.path=FILE} loads another build.
 */
public final class Dpdk
{
    private static final System.Logger LOG = System.getLogger("io.torii.native");
    private static final int LOG_LENGTH = 512;
    private static final int ERRNO_EALREADY = 114;
    private static final Object EAL_LOCK = new Object();
    private static List<String> ealArguments;
    private static String ealFailure;

    private Dpdk()
    {
    }

    /** Holder idiom: loads and logs exactly once, on first access, thread-safely. */
    private static final class Loaded
    {
        static final ShimLoader.Result RESULT = loadAndReport();

        private static ShimLoader.Result loadAndReport()
        {
            final ShimLoader.Result result = ShimLoader.load(NativeLibrary.DPDK,
                System.getProperty(ShimLoader.DISABLE_PROPERTY),
                System.getProperty(NativeLibrary.DPDK.pathProperty()));
            if (result.lookup().isEmpty())
            {
                LOG.log(System.Logger.Level.WARNING, "DPDK ports are off: {0}", result.origin());
            }
            else
            {
                LOG.log(System.Logger.Level.DEBUG, "DPDK layer loaded from {0}", result.origin());
            }
            return result;
        }
    }

    /**
     * @return true when {@code libtorii_dpdk.so} and {@code libtorii_shim.so} loaded with the ABI
     *         versions this code expects.
     */
    public static boolean isAvailable()
    {
        return Loaded.RESULT.lookup().isPresent() && NativeShim.isAvailable();
    }

    /**
     * @return where the library was loaded from when it is available, otherwise why it is not.
     */
    public static String status()
    {
        return NativeShim.isAvailable() ? Loaded.RESULT.origin() : NativeShim.status();
    }

    /**
     * Starts the EAL with these arguments (no program name), or checks that it already runs with
     * the same ones: the EAL starts once per process, and a failed start cannot be retried.
     *
     * @param arguments EAL arguments, such as {@code --no-huge -m 256 --in-memory --no-pci}.
     * @throws PortException with DPDK's reason when the EAL does not start (now or before).
     * @throws IllegalStateException when the layer is unavailable or the EAL runs with other arguments.
     */
    public static void startEal(final List<String> arguments)
    {
        requireAvailable();
        synchronized (EAL_LOCK)
        {
            if (ealArguments != null)
            {
                if (!ealArguments.equals(arguments))
                {
                    throw new IllegalStateException("the DPDK EAL runs in this process with " + ealArguments +
                        "; it starts once per process and cannot take " + arguments);
                }
                if (ealFailure != null)
                {
                    throw new PortException(ealFailure, ERRNO_EALREADY, "the EAL failed to start earlier");
                }
                return;
            }
            ealArguments = List.copyOf(arguments);
            try (Arena arena = Arena.ofConfined())
            {
                final MemorySegment argv = arena.allocate(ADDRESS, Math.max(1, arguments.size()));
                for (int i = 0; i < arguments.size(); i++)
                {
                    argv.setAtIndex(ADDRESS, i, arena.allocateFrom(arguments.get(i)));
                }
                final MemorySegment log = arena.allocate(LOG_LENGTH);
                final int result = DpdkLibrary.ealInit(argv, arguments.size(), log, LOG_LENGTH);
                if (result < 0)
                {
                    ealFailure = "cannot start the DPDK EAL with " + arguments + " (" + log.getString(0) + ")";
                    throw new PortException(ealFailure, -result, PortHandle.errorText(-result));
                }
            }
        }
    }

    /** @return the arguments the EAL was started with in this process, or null before {@link #startEal}. */
    public static List<String> ealArguments()
    {
        synchronized (EAL_LOCK)
        {
            return ealArguments;
        }
    }

    static SymbolLookup lookup()
    {
        return Loaded.RESULT.lookup().orElseThrow(Dpdk::unavailable);
    }

    static void requireAvailable()
    {
        if (!isAvailable())
        {
            throw unavailable();
        }
    }

    private static IllegalStateException unavailable()
    {
        return new IllegalStateException("DPDK layer unavailable: " + status());
    }
}
