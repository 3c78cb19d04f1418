package io.torii.cli;

import io.torii.dataplane.crypto.CryptoEngineSelector;
import io.torii.dataplane.crypto.CryptoEngines;
import io.torii.hwprofiles.HardwareReport;
import io.torii.hwprofiles.HardwareSurvey;
import io.torii.hwprofiles.ProfileChooser;
import io.torii.nativeshim.CpuFeature;
import io.torii.nativeshim.IpsecMb;
import io.torii.nativeshim.NativeShim;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code torii hw [--root DIR]}: what the machine has (processors and their crypto flags, NUMA nodes,
 * NICs and their queues, what DPDK needs), the hardware profile chosen for it and why, what would
 * change that choice, then the crypto-relevant features the shim detects and whether native
 * acceleration is on. {@code --root} reads {@code /proc} and {@code /sys} below another directory,
 * such as a copy of another machine's, instead of this machine's.
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
        return "show the CPU, NUMA nodes, NICs and queues, the hardware profile chosen and why, native " +
            "acceleration and the crypto engine: hw [--root DIR]";
    }

    @Override
    public int run(final List<String> args, final PrintStream out, final PrintStream err)
    {
        final boolean rootGiven = args.size() == 2 && args.getFirst().equals("--root");
        if (!args.isEmpty() && !rootGiven)
        {
            err.println("torii hw: takes no arguments other than --root DIR, found " + args);
            return 2;
        }
        final Path root = rootGiven ? Path.of(args.get(1)) : HardwareSurvey.MACHINE_ROOT;
        if (!Files.isDirectory(root))
        {
            err.println("torii hw: --root " + root + " is not a directory");
            return 2;
        }
        final HardwareSurvey survey = HardwareSurvey.read(root);
        HardwareReport.lines(survey, ProfileChooser.choose(survey)).forEach(out::println);
        out.println("native shim:    " + (NativeShim.isAvailable() ? "loaded" : "off"));
        out.println("  " + NativeShim.status());
        out.println("ipsec-mb:       " + (IpsecMb.isAvailable() ? IpsecMb.libraryVersion() : "off"));
        out.println("  " + IpsecMb.status());
        try
        {
            final CryptoEngineSelector.Selection selection = CryptoEngines.selector()
                .select(System.getProperty(CryptoEngineSelector.ENGINE_PROPERTY));
            out.println("crypto engine:  " + selection.provider().name() + " (" + selection.provider().describe() +
                ")");
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
