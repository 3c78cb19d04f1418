package io.torii.nativeshim;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Owns the {@link Linker} and the symbol lookup of the loaded shim, so that binding classes only
 * name symbols and describe their signatures.
 */
final class ShimLinker
{
    private static final Linker LINKER = Linker.nativeLinker();

    private ShimLinker()
    {
    }

    /**
     * Binds a short call that neither blocks nor calls back into Java. Such calls skip the
     * thread-state transition (a few nanoseconds instead of about ten), which matters for
     * per-batch downcalls on the hot path.
     */
    @SuppressWarnings("restricted") // binding native symbols is this class's purpose
    static MethodHandle critical(final String symbol, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(find(symbol), descriptor, Linker.Option.critical(false));
    }

    /**
     * Binds a call that may block or run long (set-up, I/O): the JVM must be able to reach a
     * safepoint while it runs.
     */
    @SuppressWarnings("restricted")
    static MethodHandle regular(final String symbol, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(find(symbol), descriptor);
    }

    private static java.lang.foreign.MemorySegment find(final String symbol)
    {
        final SymbolLookup lookup = NativeShim.lookup();
        return lookup.find(symbol).orElseThrow(
            () -> new IllegalStateException("libtorii_shim.so has no symbol " + symbol));
    }
}
