package io.torii.dataplane.threading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what the kernel says about a thread, independently of the affinity calls under test.
 */
final class ProcStatus
{
    private ProcStatus()
    {
    }

    /**
     * @param threadId a kernel thread id of this process.
     * @return the thread's {@code Cpus_allowed_list} from {@code /proc/self/task/TID/status}, e.g. {@code 0-1}.
     */
    static String cpusAllowedList(final int threadId)
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/task/" + threadId + "/status")))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    return line.substring("Cpus_allowed_list:".length()).strip();
                }
            }
            throw new IllegalStateException("no Cpus_allowed_list for thread " + threadId);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
