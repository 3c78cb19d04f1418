package io.torii.dataplane.crypto.ipsecmb;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.CryptoEngineProvider;
import io.torii.nativeshim.CpuFeature;
import io.torii.nativeshim.IpsecMb;
import io.torii.nativeshim.IpsecMbArch;
import io.torii.nativeshim.NativeShim;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Offers the ipsec-mb engine when the library loads and the CPU has AES-NI and PCLMULQDQ, the
 * least any of ipsec-mb's AES paths needs. {@code torii.crypto.arch} forces a code path
 * ({@code sse}, {@code avx}, {@code avx2}, {@code avx512}) for tests and benchmarks.
 */
public final class IpsecMbCryptoEngineProvider implements CryptoEngineProvider
{
    /** The system property that forces ipsec-mb's code path. */
    public static final String ARCH_PROPERTY = "torii.crypto.arch";

    private final IpsecMbArch arch;

    /** Reads the code path from {@link #ARCH_PROPERTY}, {@code auto} when unset. */
    public IpsecMbCryptoEngineProvider()
    {
        this(archFrom(System.getProperty(ARCH_PROPERTY)));
    }

    /**
     * @param arch the code path engines will run.
     */
    public IpsecMbCryptoEngineProvider(final IpsecMbArch arch)
    {
        this.arch = arch;
    }

    /**
     * @param text {@code auto}, {@code sse}, {@code avx}, {@code avx2} or {@code avx512}; null is auto.
     * @return the path.
     * @throws IllegalArgumentException naming the choices.
     */
    public static IpsecMbArch archFrom(final String text)
    {
        if (text == null || text.isBlank())
        {
            return IpsecMbArch.AUTO;
        }
        try
        {
            return IpsecMbArch.valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(ARCH_PROPERTY + "=" + text + " is not a code path; expected auto, sse, " +
                "avx, avx2 or avx512", ex);
        }
    }

    @Override
    public String name()
    {
        return IpsecMbCryptoEngine.NAME;
    }

    @Override
    public int priority()
    {
        return 100;
    }

    @Override
    public Optional<String> unavailableReason()
    {
        if (!IpsecMb.isAvailable())
        {
            return Optional.of(IpsecMb.status());
        }
        if (NativeShim.isAvailable())
        {
            final Set<CpuFeature> features = NativeShim.cpuFeatures();
            if (!features.contains(CpuFeature.AES_NI) || !features.contains(CpuFeature.PCLMULQDQ))
            {
                return Optional.of("the CPU lacks AES-NI or PCLMULQDQ, which ipsec-mb's AES code needs");
            }
        }
        if (!IpsecMb.supports(arch))
        {
            return Optional.of("the CPU cannot run ipsec-mb's " + arch + " path (" + ARCH_PROPERTY + ")");
        }
        return Optional.empty();
    }

    @Override
    public String describe()
    {
        if (!IpsecMb.isAvailable())
        {
            return "unavailable";
        }
        try (IpsecMbCryptoEngine engine = new IpsecMbCryptoEngine(arch))
        {
            return "ipsec-mb " + IpsecMb.libraryVersion() + ", " + engine.arch() + " path" +
                (arch == IpsecMbArch.AUTO ? " (best this CPU runs)" : " (forced by " + ARCH_PROPERTY + ")");
        }
    }

    @Override
    public CryptoEngine create()
    {
        return new IpsecMbCryptoEngine(arch);
    }
}
