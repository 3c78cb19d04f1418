package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * The bindings of {@code include/torii_shim.h}: one {@code static final MethodHandle} per
 * symbol, so the JIT can inline the downcall. Touching this class loads the shim; callers go
 * through {@link NativeShim}, which only does so once the library is known to be usable.
 */
final class ShimLibrary
{
    private static final ShimLinker LINKER = new ShimLinker(NativeLibrary.SHIM, NativeShim.lookup());

    /** {@code int32_t torii_shim_abi_version(void)}. */
    static final MethodHandle ABI_VERSION =
        LINKER.critical("torii_shim_abi_version", FunctionDescriptor.of(JAVA_INT));

    /** {@code uint64_t torii_cpu_features(void)}. */
    static final MethodHandle CPU_FEATURES =
        LINKER.critical("torii_cpu_features", FunctionDescriptor.of(JAVA_LONG));

    private ShimLibrary()
    {
    }

    static int abiVersion()
    {
        try
        {
            return (int)ABI_VERSION.invokeExact();
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("torii_shim_abi_version failed", t);
        }
    }

    static long cpuFeatures()
    {
        try
        {
            return (long)CPU_FEATURES.invokeExact();
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("torii_cpu_features failed", t);
        }
    }
}
