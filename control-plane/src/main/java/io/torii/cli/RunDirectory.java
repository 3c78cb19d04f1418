package io.torii.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory where a daemon keeps its pid file and counters: {@code torii --run-dir DIR}, kept
 * in the {@code torii.run.dir} system property, default {@code /run/torii}.
 */
final class RunDirectory
{
    /** The system property the global option sets. */
    static final String PROPERTY = "torii.run.dir";
    private static final String DEFAULT = "/run/torii";

    private RunDirectory()
    {
    }

    /** @return the run directory in effect. */
    static Path path()
    {
        return Path.of(System.getProperty(PROPERTY, DEFAULT));
    }

    /**
     * Creates the directory and writes this process's pid, refusing when a live daemon holds it.
     *
     * @throws IllegalStateException when another daemon runs with this directory.
     */
    static void claim(final Path directory, final Path pidFile) throws IOException
    {
        Files.createDirectories(directory);
        if (Files.exists(pidFile))
        {
            final Optional<ProcessHandle> holder = readPid(pidFile).flatMap(ProcessHandle::of);
            if (holder.isPresent() && holder.get().isAlive())
            {
                throw new IllegalStateException("a daemon (pid " + holder.get().pid() + ") already runs with " +
                    directory + "; give another one with torii --run-dir DIR");
            }
        }
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    }

    /** Removes the pid file if it is still ours. */
    static void release(final Path pidFile)
    {
        try
        {
            if (readPid(pidFile).filter(pid -> pid == ProcessHandle.current().pid()).isPresent())
            {
                Files.delete(pidFile);
            }
        }
        catch (final IOException ignored)
        {
            // Nothing to clean: a stale pid file is detected and replaced at the next start.
        }
    }

    private static Optional<Long> readPid(final Path pidFile)
    {
        try
        {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip()));
        }
        catch (final IOException | NumberFormatException ex)
        {
            return Optional.empty();
        }
    }
}
