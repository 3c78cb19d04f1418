package io.torii.dataplane.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expands the pattern of an {@code include} statement into the files to read, as strongSwan does
 * with glob(3): relative patterns start at the including file's directory, wildcards may appear in
 * any path component, and the files are read in sorted order (which is why drop-in directories
 * name their files {@code 10-*.conf}, {@code 20-*.conf}).
 *
 * <p>A pattern with wildcards may match nothing (an empty {@code conf.d/} is normal). A pattern
 * without wildcards names one file, and a missing one is an error: strongSwan skips it silently,
 * but a gateway that quietly loses half its configuration is worse than one that refuses to start.
 */
final class IncludeFiles
{
    private IncludeFiles()
    {
    }

    /**
     * @param directory the directory relative patterns start from.
     * @param pattern the pattern as written.
     * @param at the include statement, for errors.
     * @return the regular files to read, sorted.
     * @throws SettingsException when a pattern without wildcards names no readable regular file.
     */
    static List<Path> expand(final Path directory, final String pattern, final SettingsLocation at)
    {
        List<Path> current = new ArrayList<>();
        current.add(pattern.startsWith("/") ? directory.getFileSystem().getPath("/") : directory);
        final String[] components = pattern.split("/");
        boolean wildcards = false;
        for (int i = 0; i < components.length; i++)
        {
            final String component = components[i];
            if (component.isEmpty())
            {
                continue;
            }
            final boolean last = i == components.length - 1;
            final List<Path> next = new ArrayList<>();
            if (GlobPattern.hasWildcard(component))
            {
                wildcards = true;
                for (final Path parent : current)
                {
                    addMatches(parent, component, last, next, at);
                }
            }
            else
            {
                final String name = GlobPattern.unquote(component);
                for (final Path parent : current)
                {
                    final Path candidate = parent.resolve(name);
                    if (last || Files.isDirectory(candidate))
                    {
                        next.add(candidate);
                    }
                }
            }
            current = next;
        }
        return wildcards ? regularFiles(current) : single(current, pattern, at);
    }

    private static void addMatches(
        final Path parent, final String component, final boolean last, final List<Path> into, final SettingsLocation at)
    {
        if (!Files.isDirectory(parent))
        {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent))
        {
            for (final Path entry : entries)
            {
                if (GlobPattern.matches(component, entry.getFileName().toString()) &&
                    (last || Files.isDirectory(entry)))
                {
                    into.add(entry);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new SettingsException(at, "include: cannot list " + parent + ": " + ex, ex);
        }
    }

    private static List<Path> regularFiles(final List<Path> matches)
    {
        final List<Path> files = new ArrayList<>();
        for (final Path match : matches)
        {
            // Directories and other odd entries a wildcard happens to match are not settings files.
            if (Files.isRegularFile(match))
            {
                files.add(match);
            }
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    private static List<Path> single(final List<Path> candidates, final String pattern, final SettingsLocation at)
    {
        if (candidates.size() != 1 || !Files.isRegularFile(candidates.getFirst()))
        {
            final String shown = candidates.isEmpty() ? pattern : candidates.getFirst().toString();
            throw new SettingsException(at, "include: no file " + shown +
                " (a pattern without wildcards must name an existing regular file)");
        }
        return candidates;
    }
}
