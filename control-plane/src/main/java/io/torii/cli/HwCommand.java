package io.torii.cli;

import io.torii.dataplane.crypto.CryptoEngineSelector;
import io.torii.dataplane.crypto.CryptoEngines;
import io.torii.hwprofiles.CpuInfo;
import io.torii.nativeshim.CpuFeature;
import io.torii.nativeshim.IpsecMb;
import io.torii.nativeshim.NativeShim;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code torii hw}: the CPU, the crypto-relevant features the shim detects, and whether native
 * acceleration is on.
 */
final class HwCommand implements Subcommand
{
    @Override
    public String name()
    {
        return "hw";
    }

    @Override
    public String summary()
    {
        return "show the CPU, its crypto features, native acceleration and the crypto engine chosen";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        if (!args.isEmpty())
        {
            err.println("torii hw: takes no arguments");
            return 2;
        }
        try
        {
            final CpuInfo cpu = CpuInfo.read();
            out.printf("cpu:            %s (%d processors)%n", cpu.modelName(), cpu.processorCount());
        }
        catch (final IOException ex)
        {
            out.println("cpu:            unknown (" + ex.getMessage() + ")");
        }
        out.println("native shim:    " + (NativeShim.isAvailable() ? "loaded" : "off"));
        out.println("  " + NativeShim.status());
        out.println("ipsec-mb:       " + (IpsecMb.isAvailable() ? IpsecMb.libraryVersion() : "off"));
        out.println("  " + IpsecMb.status());
        try
        {
            final CryptoEngineSelector.Selection selection = CryptoEngines.selector()
                .select(System.getProperty(CryptoEngineSelector.ENGINE_PROPERTY));
            out.println("crypto engine:  " + selection.provider().name() + " (" + selection.provider().describe() + ")");
            out.println("  " + selection.reason());
        }
        catch (final IllegalArgumentException ex)
        {
            out.println("crypto engine:  none: " + ex.getMessage());
        }
        if (NativeShim.isAvailable())
        {
            final Set<CpuFeature> features = NativeShim.cpuFeatures();
            out.println("cpu features:");
            for (final CpuFeature feature : CpuFeature.values())
            {
                out.printf("  %-12s %s%n", feature.linuxFlag(), features.contains(feature) ? "yes" : "no");
            }
        }
        return 0;
    }
}
