package io.torii.dataplane.offline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Wireshark's {@code tshark} on a capture and reads its {@code -T fields} output.
 *
 * <p>tshark runs with {@code HOME} and {@code XDG_CONFIG_HOME} in a directory of the test's own, so
 * the preferences and SA tables of whoever runs the build cannot change what it reports; everything
 * it needs comes on the command line as {@code -o} preferences.
 */
final class Tshark
{
    /** Where the Debian package installs it; the test is skipped without it. */
    static final Path PROGRAM = Path.of("/usr/bin/tshark");

    private static final long TIMEOUT_SECONDS = 120;

    private final Path home;

    /**
     * @param home an empty directory tshark may use as its home and configuration directory.
     */
    Tshark(final Path home)
    {
        this.home = home;
    }

    /** @return whether tshark is installed. */
    static boolean installed()
    {
        return Files.isExecutable(PROGRAM);
    }

    /**
     * One frame's fields, each with every occurrence in protocol order: the outer IP header's
     * {@code ip.src} first, a tunnelled header's after it.
     *
     * @param frame the frame number, from 1.
     * @param values field name to occurrences; a field the frame lacks has none.
     */
    record Row(int frame, Map<String, List<String>> values)
    {
        /** @return every occurrence of the field, outermost first. */
        List<String> all(final String field)
        {
            final List<String> occurrences = values.get(field);
            if (occurrences == null)
            {
                throw new IllegalArgumentException(field + " was not asked for");
            }
            return occurrences;
        }

        /** @return the outermost occurrence, or "" when the frame has none. */
        String first(final String field)
        {
            final List<String> occurrences = all(field);
            return occurrences.isEmpty() ? "" : occurrences.getFirst();
        }

        /** @return the innermost occurrence, or "" when the frame has none. */
        String last(final String field)
        {
            final List<String> occurrences = all(field);
            return occurrences.isEmpty() ? "" : occurrences.getLast();
        }
    }

    /**
     * @param capture the capture to read.
     * @param options preferences and other options, such as {@code -o ip.check_checksum:TRUE}.
     * @param fields the fields to print for every frame; {@code frame.number} is added first.
     * @return one row per frame, in capture order.
     */
    List<Row> fields(final Path capture, final List<String> options, final List<String> fields)
    {
        final List<String> arguments = new ArrayList<>(options);
        arguments.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "quote=n", "-E", "occurrence=a",
            "-E", "aggregator=,", "-e", "frame.number"));
        for (final String field : fields)
        {
            arguments.add("-e");
            arguments.add(field);
        }
        final List<Row> rows = new ArrayList<>();
        for (final String line : run(capture, arguments))
        {
            final String[] columns = line.split("\t", -1);
            if (columns.length != fields.size() + 1)
            {
                throw new IllegalStateException("tshark printed " + columns.length + " columns, expected " +
                    (fields.size() + 1) + ": " + line);
            }
            final Map<String, List<String>> values = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++)
            {
                final String column = columns[i + 1];
                values.put(fields.get(i), column.isEmpty() ? List.of() : Arrays.asList(column.split(",", -1)));
            }
            rows.add(new Row(Integer.parseInt(columns[0]), values));
        }
        return rows;
    }

    /**
     * @param capture the capture to read.
     * @param options preferences and other options.
     * @param displayFilter a display filter.
     * @return for each frame it matches, its number and its expert messages.
     */
    List<String> matching(final Path capture, final List<String> options, final String displayFilter)
    {
        final List<String> arguments = new ArrayList<>(options);
        arguments.addAll(List.of("-Y", displayFilter, "-T", "fields", "-e", "frame.number",
            "-e", "_ws.expert.message", "-e", "_ws.expert.severity"));
        return run(capture, arguments);
    }

    /**
     * @param name a preference, such as {@code esp.enable_encryption_decode}.
     * @param value its value.
     * @return the options that set it.
     */
    static List<String> preference(final String name, final String value)
    {
        return List.of("-o", name + ":" + value);
    }

    private List<String> run(final Path capture, final List<String> arguments)
    {
        final List<String> command = new ArrayList<>(List.of(PROGRAM.toString(), "-n", "-r", capture.toString()));
        command.addAll(arguments);
        final Path errors = home.resolve("tshark.err");
        final ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        try
        {
            final Process process = builder.start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("tshark ran over " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0)
            {
                throw new IllegalStateException("tshark exited " + process.exitValue() + ": " + command + "\n" +
                    Files.readString(errors));
            }
            return output.lines().toList();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run " + command + ": " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running tshark", ex);
        }
    }
}
