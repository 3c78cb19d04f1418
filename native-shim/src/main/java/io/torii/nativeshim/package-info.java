/**
 * Torii's native shim: loading {@code libtorii_shim.so} and binding its symbols with
 * {@code java.lang.foreign}.
 *
 * <p>{@link io.torii.nativeshim.NativeShim} is the entry point: it loads the library once, checks
 * its ABI version, and says once, in the log, why native acceleration is off when it is.
 * {@link io.torii.nativeshim.ShimLinker} owns the {@code Linker} and the symbol lookup;
 * {@link io.torii.nativeshim.ShimLibrary} holds one {@code static final MethodHandle} per symbol
 * of {@code include/torii_shim.h}. Code outside this package never touches a method handle.
 */
package io.torii.nativeshim;
