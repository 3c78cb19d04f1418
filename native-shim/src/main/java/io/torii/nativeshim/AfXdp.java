package io.torii.nativeshim;

import java.lang.foreign.SymbolLookup;

/**
 * Whether AF_XDP ports ({@code libtorii_afxdp.so} over libxdp and libbpf) are usable here. The entry
 * point of the AF_XDP layer: {@link XdpProgram} and {@link XskSocket} need it available, and the
 * packet-port shim ({@link NativeShim}) too, for namespaces' error texts.
 *
 * <p>The library is loaded on first use, found the same way as {@code libtorii_shim.so} and
 * independent of it. When it cannot be loaded the reason is logged once, at WARNING;
 * {@code -Dtorii.native.disable=true} turns it off with the rest of the native code and
 * {@code -Dtorii.native.afxdp.path=FILE} loads another build.
 */
public final class AfXdp
{
    private static final System.Logger LOG = System.getLogger("io.torii.native");

    private AfXdp()
    {
    }

    /** Holder idiom: loads and logs exactly once, on first access, thread-safely. */
    private static final class Loaded
    {
        static final ShimLoader.Result RESULT = loadAndReport();

        private static ShimLoader.Result loadAndReport()
        {
            final ShimLoader.Result result = ShimLoader.load(NativeLibrary.AFXDP,
                System.getProperty(ShimLoader.DISABLE_PROPERTY),
                System.getProperty(NativeLibrary.AFXDP.pathProperty()));
            if (result.lookup().isEmpty())
            {
                LOG.log(System.Logger.Level.WARNING, "AF_XDP ports are off: {0}", result.origin());
            }
            else
            {
                LOG.log(System.Logger.Level.DEBUG, "AF_XDP layer loaded from {0}", result.origin());
            }
            return result;
        }
    }

    /**
     * @return true when {@code libtorii_afxdp.so} and {@code libtorii_shim.so} loaded with the ABI
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

    static SymbolLookup lookup()
    {
        return Loaded.RESULT.lookup().orElseThrow(AfXdp::unavailable);
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
        return new IllegalStateException("AF_XDP layer unavailable: " + status());
    }
}
