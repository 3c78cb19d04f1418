package io.torii.nativeshim;

import java.lang.foreign.SymbolLookup;

/**
 * Whether native ESP and AH crypto ({@code libtorii_ipsecmb.so} over Intel ipsec-mb) is usable here,
 * and facts about it. The entry point of the ipsec-mb layer: {@link IpsecMbManager},
 * {@link IpsecMbKey}, {@link EspJobArray} and {@link AhJobArray} all need it available.
 *
 * <p>The library is loaded on first use, found the same way as {@code libtorii_shim.so} and
 * independent of it: a machine without ipsec-mb still has the CPU probe of {@link NativeShim}. When
 * it cannot be loaded, the dataplane keeps the JDK's crypto and the reason is logged once, at
 * WARNING, naming what to do about it. {@code -Dtorii.native.disable=true} turns it off with the
 * rest of the native code; {@code -Dtorii.native.ipsecmb.path=FILE} loads another build.
 */
public final class IpsecMb
{
    private static final System.Logger LOG = System.getLogger("io.torii.native");

    private IpsecMb()
    {
    }

    /** Holder idiom: loads and logs exactly once, on first access, thread-safely. */
    private static final class Loaded
    {
        static final ShimLoader.Result RESULT = loadAndReport();

        private static ShimLoader.Result loadAndReport()
        {
            final ShimLoader.Result result = ShimLoader.load(NativeLibrary.IPSECMB,
                System.getProperty(ShimLoader.DISABLE_PROPERTY),
                System.getProperty(NativeLibrary.IPSECMB.pathProperty()));
            if (result.lookup().isEmpty())
            {
                LOG.log(System.Logger.Level.WARNING,
                    "native ESP/AH crypto (ipsec-mb) is off: {0}; Torii uses the JDK''s crypto", result.origin());
            }
            else
            {
                LOG.log(System.Logger.Level.DEBUG, "ipsec-mb layer loaded from {0}", result.origin());
            }
            return result;
        }
    }

    /**
     * @return true when {@code libtorii_ipsecmb.so} loaded and has the ABI version this code expects.
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
     * @return the ABI version the loaded library reports.
     * @throws IllegalStateException when the library is unavailable; check {@link #isAvailable()}.
     */
    public static int abiVersion()
    {
        requireAvailable();
        return IpsecMbLibrary.abiVersion();
    }

    /**
     * @return the version of the ipsec-mb library in use, such as {@code "1.3.0"}.
     * @throws IllegalStateException when the library is unavailable.
     */
    public static String libraryVersion()
    {
        requireAvailable();
        final int version = IpsecMbLibrary.libraryVersion();
        return (version >>> 16) + "." + ((version >>> 8) & 0xff) + "." + (version & 0xff);
    }

    /**
     * @param arch an architecture, or {@link IpsecMbArch#AUTO} for "any".
     * @return true when this CPU, and the OS's saved register state, can run ipsec-mb's code for it.
     * @throws IllegalStateException when the library is unavailable.
     */
    public static boolean supports(final IpsecMbArch arch)
    {
        requireAvailable();
        return IpsecMbLibrary.archSupported(arch.code());
    }

    static SymbolLookup lookup()
    {
        return Loaded.RESULT.lookup().orElseThrow(IpsecMb::unavailable);
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
        return new IllegalStateException("ipsec-mb layer unavailable: " + Loaded.RESULT.origin());
    }
}
