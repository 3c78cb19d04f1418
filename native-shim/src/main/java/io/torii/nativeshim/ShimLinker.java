package io.torii.nativeshim;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Owns the {@link Linker} and one loaded library's symbol lookup, so that binding classes
 * ({@link ShimLibrary}, {@link IpsecMbLibrary}) only name symbols and describe their signatures.
 */
final class ShimLinker
{
    private static final Linker LINKER = Linker.nativeLinker();

    private final String libraryName;
    private final SymbolLookup lookup;

    /**
     * @param library the library the symbols come from, for messages.
     * @param lookup its symbols, as {@link ShimLoader} loaded them.
     */
    ShimLinker(final NativeLibrary library, final SymbolLookup lookup)
    {
        this.libraryName = library.fileName();
        this.lookup = lookup;
    }

    /**
     * Binds a short call that neither blocks nor calls back into Java, and that takes no heap
     * memory ({@code critical(false)}: all its pointers are off-heap). Such calls skip the
     * thread-state transition (a few nanoseconds instead of about ten), which matters for
     * per-batch downcalls on the hot path; the JVM cannot reach a safepoint while one runs.
     */
    @SuppressWarnings("restricted") // binding native symbols is this class's purpose
    MethodHandle critical(final String symbol, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(find(symbol), descriptor, Linker.Option.critical(false));
    }

    /**
     * Binds a call that may block or run long (set-up, I/O): the JVM must be able to reach a
     * safepoint while it runs.
     */
    @SuppressWarnings("restricted")
    MethodHandle regular(final String symbol, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(find(symbol), descriptor);
    }

    private MemorySegment find(final String symbol)
    {
        return lookup.find(symbol).orElseThrow(
            () -> new IllegalStateException(libraryName + " has no symbol " + symbol));
    }
}
