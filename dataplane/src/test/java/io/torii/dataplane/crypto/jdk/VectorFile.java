package io.torii.dataplane.crypto.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the known-answer files under {@code src/test/resources/vectors}: blocks of {@code key = value}
 * lines separated by blank lines, {@code #} comments, and indented lines continuing the value above.
 */
final class VectorFile
{
    private VectorFile()
    {
    }

    /**
     * @param name the file name under {@code vectors/}.
     * @return one map per block, in file order.
     */
    static List<Map<String, String>> load(final String name)
    {
        final String text;
        try (InputStream in = VectorFile.class.getResourceAsStream("/vectors/" + name))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no test vector file vectors/" + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        String lastKey = null;
        for (final String line : text.split("\n", -1))
        {
            if (line.startsWith("#"))
            {
                continue;
            }
            if (line.isBlank())
            {
                if (!block.isEmpty())
                {
                    blocks.add(block);
                    block = new LinkedHashMap<>();
                }
            }
            else if (Character.isWhitespace(line.charAt(0)))
            {
                block.merge(lastKey, line.strip(), String::concat);
            }
            else
            {
                final int equals = line.indexOf(" = ");
                lastKey = line.substring(0, equals);
                block.put(lastKey, line.substring(equals + 3).strip());
            }
        }
        if (!block.isEmpty())
        {
            blocks.add(block);
        }
        return blocks;
    }

    /** @return the hex value of {@code key} in {@code block} as bytes; an absent key is an error. */
    static byte[] hex(final Map<String, String> block, final String key)
    {
        final String value = block.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException("vector '" + block.get("name") + "' has no " + key);
        }
        return HexFormat.of().parseHex(value);
    }
}
