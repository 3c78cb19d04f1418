package io.torii.perf.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The machine a report's numbers come from, for its heading: CPU model and flags, cores, kernel, JDK.
 *
 * @param cpuModel the CPU's model name, or {@code unknown}.
 * @param flags every CPU flag the kernel lists, in name order.
 * @param cores the processors this JVM may use.
 * @param kernel the kernel release.
 * @param jdk the JDK's vendor and version.
 * @param host the host name, for the report directory.
 */
public record MachineInfo(String cpuModel, Set<String> flags, int cores, String kernel, String jdk, String host)
{
    /** The flags that decide crypto and packet speed, shown first in the heading. */
    public static final List<String> NOTABLE_FLAGS = List.of("aes", "vaes", "pclmulqdq", "vpclmulqdq", "avx2",
        "avx512f", "avx512vl", "sha_ni", "gfni");

    /** Copies the flags. */
    public MachineInfo
    {
        flags = Collections.unmodifiableSortedSet(new TreeSet<>(flags));
    }

    /** @return this machine, read from /proc and the JVM; what cannot be read says {@code unknown}. */
    public static MachineInfo here()
    {
        final String cpuinfo = read(Path.of("/proc/cpuinfo"));
        final String kernel = read(Path.of("/proc/sys/kernel/osrelease")).strip();
        final String host = read(Path.of("/proc/sys/kernel/hostname")).strip();
        return fromCpuinfo(cpuinfo, Runtime.getRuntime().availableProcessors(),
            kernel.isEmpty() ? System.getProperty("os.version") : kernel,
            System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
            host.isEmpty() ? "localhost" : host);
    }

    /**
     * @param cpuinfo the text of /proc/cpuinfo (the first processor's model and flags are taken).
     * @param cores the processors available.
     * @param kernel the kernel release.
     * @param jdk the JDK.
     * @param host the host name.
     * @return the machine; model {@code unknown} and no flags when the text has none.
     */
    public static MachineInfo fromCpuinfo(final String cpuinfo, final int cores, final String kernel,
        final String jdk, final String host)
    {
        String model = "unknown";
        Set<String> flags = Set.of();
        for (final String line : cpuinfo.split("\n"))
        {
            final int colon = line.indexOf(':');
            if (colon < 0)
            {
                continue;
            }
            final String key = line.substring(0, colon).strip();
            final String value = line.substring(colon + 1).strip();
            if ("model name".equals(key) && "unknown".equals(model))
            {
                model = value;
            }
            else if ("flags".equals(key) && flags.isEmpty())
            {
                flags = new TreeSet<>(Arrays.asList(value.split("\\s+")));
            }
        }
        return new MachineInfo(model, flags, cores, kernel, jdk, host);
    }

    /** @return the notable flags this CPU has, in {@link #NOTABLE_FLAGS} order. */
    public List<String> notableFlags()
    {
        return NOTABLE_FLAGS.stream().filter(flags::contains).toList();
    }

    /** @return the notable flags this CPU lacks. */
    public List<String> missingNotableFlags()
    {
        return NOTABLE_FLAGS.stream().filter(flag -> !flags.contains(flag)).toList();
    }

    /** @return the host name made safe for a directory name. */
    public String safeHost()
    {
        final String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException | RuntimeException ex)
        {
            return "";
        }
    }
}
