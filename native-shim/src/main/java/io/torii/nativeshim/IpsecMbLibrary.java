package io.torii.nativeshim;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The bindings of the ipsec-mb part of {@code include/torii_shim.h}: one {@code static final
 * MethodHandle} per symbol of {@code libtorii_ipsecmb.so}. The batch calls and the short
 * queries are bound {@code critical(false)} (no thread-state transition; all their pointers are
 * off-heap); set-up calls, which allocate or expand keys, are bound as regular calls.
 *
 * <p>Touching this class binds the symbols; callers reach it only through {@link IpsecMb} and
 * the classes that check {@link IpsecMb#requireAvailable()} first. The wrappers below check
 * nothing: their callers have.
 */
final class IpsecMbLibrary
{
    private static final ShimLinker LINKER = new ShimLinker(NativeLibrary.IPSECMB, IpsecMb.lookup());
    private static final FunctionDescriptor BATCH = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);

    /** {@code int32_t torii_ipsecmb_abi_version(void)}. */
    static final MethodHandle ABI_VERSION =
        LINKER.critical("torii_ipsecmb_abi_version", FunctionDescriptor.of(JAVA_INT));
    /** {@code uint32_t torii_ipsecmb_library_version(void)}. */
    static final MethodHandle LIBRARY_VERSION =
        LINKER.critical("torii_ipsecmb_library_version", FunctionDescriptor.of(JAVA_INT));
    /** {@code int32_t torii_ipsecmb_arch_supported(int32_t)}: CPUID traps on VMs, so regular. */
    static final MethodHandle ARCH_SUPPORTED =
        LINKER.regular("torii_ipsecmb_arch_supported", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** {@code int32_t torii_ipsecmb_mgr_create(int32_t, torii_ipsecmb_mgr **)}. */
    static final MethodHandle MGR_CREATE =
        LINKER.regular("torii_ipsecmb_mgr_create", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    /** {@code int32_t torii_ipsecmb_mgr_arch(const torii_ipsecmb_mgr *)}. */
    static final MethodHandle MGR_ARCH =
        LINKER.critical("torii_ipsecmb_mgr_arch", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** {@code void torii_ipsecmb_mgr_free(torii_ipsecmb_mgr *)}. */
    static final MethodHandle MGR_FREE =
        LINKER.regular("torii_ipsecmb_mgr_free", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code uint64_t torii_ipsecmb_key_size(void)}. */
    static final MethodHandle KEY_SIZE =
        LINKER.critical("torii_ipsecmb_key_size", FunctionDescriptor.of(JAVA_LONG));
    /** {@code int32_t torii_ipsecmb_key_init(mgr, key, cipher, integ, ck, ckl, ak, akl, seed, seedl)}. */
    static final MethodHandle KEY_INIT = LINKER.regular("torii_ipsecmb_key_init", FunctionDescriptor.of(
        JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code void torii_ipsecmb_key_wipe(void *)}. */
    static final MethodHandle KEY_WIPE =
        LINKER.critical("torii_ipsecmb_key_wipe", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code int32_t torii_ipsecmb_esp_seal(mgr, jobs, count)}. */
    static final MethodHandle ESP_SEAL = LINKER.critical("torii_ipsecmb_esp_seal", BATCH);
    /** {@code int32_t torii_ipsecmb_esp_open(mgr, jobs, count)}. */
    static final MethodHandle ESP_OPEN = LINKER.critical("torii_ipsecmb_esp_open", BATCH);
    /** {@code int32_t torii_ipsecmb_raw_gcm_seal(mgr, jobs, count)}: benchmarks only. */
    static final MethodHandle RAW_GCM_SEAL = LINKER.critical("torii_ipsecmb_raw_gcm_seal", BATCH);
    /** {@code int32_t torii_ipsecmb_ah_sign(mgr, jobs, count)}. */
    static final MethodHandle AH_SIGN = LINKER.critical("torii_ipsecmb_ah_sign", BATCH);
    /** {@code int32_t torii_ipsecmb_ah_verify(mgr, jobs, count)}. */
    static final MethodHandle AH_VERIFY = LINKER.critical("torii_ipsecmb_ah_verify", BATCH);

    /** {@code TORII_IPSECMB_EUNSUPPORTED}. */
    static final int EUNSUPPORTED = -2;

    private IpsecMbLibrary()
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
            throw failed("torii_ipsecmb_abi_version", t);
        }
    }

    static int libraryVersion()
    {
        try
        {
            return (int)LIBRARY_VERSION.invokeExact();
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_library_version", t);
        }
    }

    static boolean archSupported(final int arch)
    {
        try
        {
            return (int)ARCH_SUPPORTED.invokeExact(arch) != 0;
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_arch_supported", t);
        }
    }

    static int mgrCreate(final int arch, final MemorySegment out)
    {
        try
        {
            return (int)MGR_CREATE.invokeExact(arch, out);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_mgr_create", t);
        }
    }

    static int mgrArch(final MemorySegment mgr)
    {
        try
        {
            return (int)MGR_ARCH.invokeExact(mgr);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_mgr_arch", t);
        }
    }

    static void mgrFree(final MemorySegment mgr)
    {
        try
        {
            MGR_FREE.invokeExact(mgr);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_mgr_free", t);
        }
    }

    static long keySize()
    {
        try
        {
            return (long)KEY_SIZE.invokeExact();
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_key_size", t);
        }
    }

    static int keyInit(
        final MemorySegment mgr,
        final MemorySegment key,
        final int cipher,
        final int integ,
        final MemorySegment cipherKey,
        final int cipherKeyLength,
        final MemorySegment authKey,
        final int authKeyLength,
        final MemorySegment ivSeed,
        final int ivSeedLength)
    {
        try
        {
            return (int)KEY_INIT.invokeExact(
                mgr, key, cipher, integ, cipherKey, cipherKeyLength, authKey, authKeyLength, ivSeed, ivSeedLength);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_key_init", t);
        }
    }

    static void keyWipe(final MemorySegment key)
    {
        try
        {
            KEY_WIPE.invokeExact(key);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_key_wipe", t);
        }
    }

    static int rawGcmSeal(final MemorySegment mgr, final MemorySegment jobs, final int count)
    {
        try
        {
            return (int)RAW_GCM_SEAL.invokeExact(mgr, jobs, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_raw_gcm_seal", t);
        }
    }

    static int espSeal(final MemorySegment mgr, final MemorySegment jobs, final int count)
    {
        try
        {
            return (int)ESP_SEAL.invokeExact(mgr, jobs, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_esp_seal", t);
        }
    }

    static int espOpen(final MemorySegment mgr, final MemorySegment jobs, final int count)
    {
        try
        {
            return (int)ESP_OPEN.invokeExact(mgr, jobs, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_esp_open", t);
        }
    }

    static int ahSign(final MemorySegment mgr, final MemorySegment jobs, final int count)
    {
        try
        {
            return (int)AH_SIGN.invokeExact(mgr, jobs, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_ah_sign", t);
        }
    }

    static int ahVerify(final MemorySegment mgr, final MemorySegment jobs, final int count)
    {
        try
        {
            return (int)AH_VERIFY.invokeExact(mgr, jobs, count);
        }
        catch (final Throwable t)
        {
            throw failed("torii_ipsecmb_ah_verify", t);
        }
    }

    private static IllegalStateException failed(final String symbol, final Throwable cause)
    {
        return new IllegalStateException(symbol + " failed", cause);
    }
}
