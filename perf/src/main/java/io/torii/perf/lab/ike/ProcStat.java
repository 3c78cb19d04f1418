package io.torii.perf.lab.ike;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's CPU time and resident memory from /proc: {@code utime + stime} of /proc/PID/stat (fields 14
 * and 15, proc(5)) and {@code VmRSS} of /proc/PID/status. Parsing returns empty on text it does not
 * understand rather than throwing.
 */
public final class ProcStat
{
    /** Clock ticks per second of /proc/PID/stat: USER_HZ, 100 on Linux for every architecture the lab runs on. */
    public static final long TICKS_PER_SECOND = 100;
    private static final int UTIME_AFTER_STATE = 11;

    private ProcStat()
    {
    }

    /**
     * @param stat the text of /proc/PID/stat.
     * @return user plus system CPU time in clock ticks, or empty.
     */
    public static OptionalLong cpuTicks(final String stat)
    {
        // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
        final int close = stat.lastIndexOf(')');
        if (close < 0)
        {
            return OptionalLong.empty();
        }
        final String[] fields = stat.substring(close + 1).strip().split("\\s+");
        if (fields.length < UTIME_AFTER_STATE + 2)
        {
            return OptionalLong.empty();
        }
        try
        {
            return OptionalLong.of(Long.parseLong(fields[UTIME_AFTER_STATE]) +
                Long.parseLong(fields[UTIME_AFTER_STATE + 1]));
        }
        catch (final NumberFormatException ex)
        {
            return OptionalLong.empty();
        }
    }

    /**
     * @param status the text of /proc/PID/status.
     * @return the resident set size in KiB, or empty.
     */
    public static OptionalLong rssKib(final String status)
    {
        return field(status, "VmRSS:");
    }

    /** @return the number in KiB after a {@code Name:} line start, as /proc's status and meminfo write them. */
    private static OptionalLong field(final String text, final String name)
    {
        for (final String line : text.split("\n"))
        {
            if (line.startsWith(name))
            {
                final String[] parts = line.substring(name.length()).strip().split("\\s+");
                try
                {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                }
                catch (final NumberFormatException ex)
                {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /**
     * @param pid a running process.
     * @return its CPU time in ticks, or empty when it cannot be read.
     */
    public static OptionalLong cpuTicksOf(final long pid)
    {
        return cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /**
     * @param pid a running process.
     * @return its resident set size in KiB, or empty when it cannot be read.
     */
    public static OptionalLong rssKibOf(final long pid)
    {
        return rssKib(read(Path.of("/proc", Long.toString(pid), "status")));
    }

    /** @return the kernel's estimate of memory available for new work, KiB, from /proc/meminfo; or empty. */
    public static OptionalLong memAvailableKib()
    {
        return field(read(Path.of("/proc/meminfo")), "MemAvailable:");
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }
}
