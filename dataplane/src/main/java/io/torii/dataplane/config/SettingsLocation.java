package io.torii.dataplane.config;

import java.util.Objects;

/**
 * Where a section or value was written, for error messages that send the reader to the right line.
 *
 * @param file the file's path as it was opened, or the display name of a parsed string.
 * @param line the 1-based line, or 0 for the file as a whole.
 */
public record SettingsLocation(String file, int line)
{
    /**
     * @throws IllegalArgumentException when the line is negative.
     */
    public SettingsLocation
    {
        Objects.requireNonNull(file, "file");
        if (line < 0)
        {
            throw new IllegalArgumentException("line must be 0 (whole file) or more, got " + line);
        }
    }

    /** @return {@code file:line}, or just the file for line 0, as compilers print positions. */
    @Override
    public String toString()
    {
        return line == 0 ? file : file + ":" + line;
    }
}
