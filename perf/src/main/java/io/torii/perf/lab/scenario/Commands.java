package io.torii.perf.lab.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the namespace scenarios need from the machine: root, and programs on the path. */
final class Commands
{
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Commands()
    {
    }

    /** @return whether this JVM runs as root, which network namespaces need. */
    static boolean isRoot()
    {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * @param programs programs the scenario runs.
     * @return why it cannot run: not root, or the first program missing; empty when it can.
     */
    static Optional<String> missing(final String... programs)
    {
        if (!isRoot())
        {
            return Optional.of("not root: network namespaces need root");
        }
        for (final String program : programs)
        {
            if (!installed(program))
            {
                return Optional.of(program + " is not installed (./torii bootstrap installs it)");
            }
        }
        return Optional.empty();
    }

    /**
     * @param program a program name, or an absolute path.
     * @return whether it is there and executable.
     */
    static boolean installed(final String program)
    {
        if (program.startsWith("/"))
        {
            return Files.isExecutable(Path.of(program));
        }
        final String path = System.getenv().getOrDefault("PATH", "");
        return java.util.stream.Stream.concat(java.util.Arrays.stream(path.split(":")), SYSTEM_DIRECTORIES.stream())
            .filter(directory -> !directory.isEmpty())
            .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
