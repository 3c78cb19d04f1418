package io.torii.nativeshim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the dataplane's known-answer files (dataplane/src/test/resources/vectors/): records of
 * {@code name = value} lines separated by blank lines, {@code #} comments, and hex values that
 * continue on indented lines. Read in place, from the sibling module, so both modules test against
 * the same numbers.
 */
final class Vectors
{
    private static final Path DIRECTORY = Path.of("..", "dataplane", "src", "test", "resources", "vectors");

    private Vectors()
    {
    }

    /** One record. */
    record Vector(Map<String, String> fields)
    {
        String text(final String name)
        {
            final String value = fields.get(name);
            if (value == null)
            {
                throw new IllegalArgumentException("vector " + fields.get("name") + " has no " + name);
            }
            return value;
        }

        byte[] hex(final String name)
        {
            return HexFormat.of().parseHex(text(name));
        }

        boolean has(final String name)
        {
            return fields.containsKey(name);
        }

        @Override
        public String toString()
        {
            return fields.get("name");
        }
    }

    static List<Vector> read(final String file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(DIRECTORY.resolve(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + DIRECTORY.resolve(file).toAbsolutePath(), ex);
        }
        final List<Vector> vectors = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastKey = null;
        for (final String line : lines)
        {
            if (line.startsWith("#"))
            {
                continue;
            }
            if (line.isBlank())
            {
                if (!current.isEmpty())
                {
                    vectors.add(new Vector(current));
                    current = new LinkedHashMap<>();
                }
                lastKey = null;
            }
            else if (Character.isWhitespace(line.charAt(0)) && lastKey != null)
            {
                current.merge(lastKey, line.strip(), String::concat);
            }
            else
            {
                final int equals = line.indexOf('=');
                lastKey = line.substring(0, equals).strip();
                current.put(lastKey, line.substring(equals + 1).strip());
            }
        }
        if (!current.isEmpty())
        {
            vectors.add(new Vector(current));
        }
        return vectors;
    }
}
