package io.torii.hwprofiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code /proc/cpuinfo} says of the processors: their model, how many there are and the
 * feature flags every one of them has.
 *
 * <p>Only flags common to all processors are kept: a hybrid or misconfigured machine where one
 * core lacks a feature must not have work placed there that needs it.
 *
 * @param modelName the {@code model name} of the first processor, or empty.
 * @param processorCount the number of {@code processor} entries.
 * @param flags the flags present on every processor.
 */
public record CpuInfo(String modelName, int processorCount, Set<String> flags)
{
    /** The file Linux publishes processor information in. */
    public static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

    /**
     * @return what this machine's {@code /proc/cpuinfo} says.
     * @throws IOException when the file cannot be read (not Linux, or /proc not mounted).
     */
    public static CpuInfo read() throws IOException
    {
        return parse(Files.readString(PROC_CPUINFO));
    }

    /**
     * @param root the directory that stands for {@code /}: {@code /} itself, or a fake tree in tests.
     * @return what {@code ROOT/proc/cpuinfo} says.
     * @throws IOException when the file cannot be read.
     */
    public static CpuInfo read(final Path root) throws IOException
    {
        return parse(Files.readString(root.resolve("proc/cpuinfo")));
    }

    /**
     * @param flag a Linux flag name such as {@code vaes}.
     * @return whether every processor has it.
     */
    public boolean has(final String flag)
    {
        return flags.contains(flag);
    }

    /**
     * @param text the contents of a {@code /proc/cpuinfo} file.
     * @return its model name, processor count and common flags.
     */
    public static CpuInfo parse(final String text)
    {
        String modelName = "";
        int processors = 0;
        Set<String> common = null;
        for (final String line : text.split("\n"))
        {
            final int colon = line.indexOf(':');
            if (colon < 0)
            {
                continue;
            }
            final String key = line.substring(0, colon).strip();
            final String value = line.substring(colon + 1).strip();
            switch (key)
            {
                case "processor" -> processors++;
                case "model name" -> modelName = modelName.isEmpty() ? value : modelName;
                case "flags" ->
                {
                    final List<String> flags = value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
                    if (common == null)
                    {
                        common = new LinkedHashSet<>(flags);
                    }
                    else
                    {
                        common.retainAll(flags);
                    }
                }
                default ->
                {
                    // other keys are not needed for profile detection
                }
            }
        }
        return new CpuInfo(modelName, processors,
            common == null ? Set.of() : Collections.unmodifiableSet(common));
    }
}
