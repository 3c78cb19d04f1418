package io.torii.dataplane.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses strongSwan's settings syntax, the syntax of strongswan.conf(5) and swanctl.conf(5), into an
 * immutable {@link SettingsSection} tree. It follows strongSwan's lexer and grammar:
 * <pre>
 * # a comment, to the end of the line
 * key = a value to the end of the line     # values end at a line break, '#' or '}'
 * quoted = "keeps  spaces, # and }, \"escapes\" \\ \n \t, and may span lines"
 * empty =
 * section {                                # '{' on the same line or a later one
 *     nested { key = value }
 * }
 * derived : section, other.path { }        # inherits from others (kept; see SettingsInheritance)
 * include conf.d/*.conf                    # relative to this file; sorted; may appear in sections
 * </pre>
 * Names are runs of any characters but blanks and {@code # { } : . , = "}. Line breaks between
 * tokens do not matter except that a value ends at its line's end. Unquoted value parts are
 * joined by single spaces. A key set again takes the new value; a section opened again is
 * extended. Differences from strongSwan, all stricter: an unreadable or missing non-wildcard
 * include, an include cycle, an empty include pattern and sections nested deeper than
 * {@value #MAX_DEPTH} are errors, and each included file must close the sections it opens.
 */
public final class SettingsParser
{
    /** How deep sections may nest; far beyond any real file, it keeps recursion bounded. */
    public static final int MAX_DEPTH = 64;

    /** The files being read, innermost first, to refuse include cycles. */
    private final ArrayDeque<Path> reading = new ArrayDeque<>();

    private SettingsParser()
    {
    }

    /**
     * @param file the file to parse; its includes are relative to its directory.
     * @return the root section, named "".
     * @throws SettingsException naming the file, line and what was expected.
     */
    public static SettingsSection parse(final Path file)
    {
        final SectionBuilder root = new SectionBuilder("", new SettingsLocation(file.toString(), 0));
        new SettingsParser().parseFile(file, root, null);
        return root.build();
    }

    /**
     * @param text the settings text.
     * @param sourceName the name errors and locations give, such as a file name.
     * @return the root section, named "".
     * @throws SettingsException naming the source, line and what was expected. Relative includes
     *         are taken from the working directory, as strongSwan does for strings.
     */
    public static SettingsSection parse(final String text, final String sourceName)
    {
        final SectionBuilder root = new SectionBuilder("", new SettingsLocation(sourceName, 0));
        new SettingsParser().parseText(text, sourceName, Path.of("").toAbsolutePath(), root);
        return root.build();
    }

    private void parseFile(final Path file, final SectionBuilder target, final SettingsLocation includedFrom)
    {
        final SettingsLocation whole = new SettingsLocation(file.toString(), 0);
        final SettingsLocation blame = includedFrom != null ? includedFrom : whole;
        final Path realPath;
        final String text;
        try
        {
            realPath = file.toRealPath();
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final MalformedInputException ex)
        {
            throw new SettingsException(whole, "not valid UTF-8", ex);
        }
        catch (final IOException ex)
        {
            throw new SettingsException(blame, "cannot read " + file + ": " + why(ex), ex);
        }
        if (reading.contains(realPath))
        {
            throw new SettingsException(blame, "include cycle: " + file + " is already being read");
        }
        reading.push(realPath);
        try
        {
            final Path parent = file.getParent();
            parseText(text, file.toString(), parent != null ? parent : Path.of(""), target);
        }
        finally
        {
            reading.pop();
        }
    }

    private static String why(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        return ex.toString();
    }

    private void parseText(final String text, final String source, final Path directory, final SectionBuilder target)
    {
        statements(new SettingsScanner(text, source), directory, target, 0, 0, 0);
    }

    /**
     * Reads statements into a section up to its closing '}' (depth above 0) or the end of the text.
     */
    private void statements(
        final SettingsScanner in,
        final Path directory,
        final SectionBuilder section,
        final int depth,
        final int openLine,
        final int openColumn)
    {
        while (true)
        {
            in.skipBlank();
            final int c = in.peek();
            if (c == SettingsScanner.END)
            {
                if (depth > 0)
                {
                    throw in.error(openLine, openColumn, "section '" + section.name() +
                        "' is not closed: expected '}' before the end of the file");
                }
                return;
            }
            if (c == '}')
            {
                if (depth == 0)
                {
                    throw in.error(in.line(), in.column(), "unmatched '}': no section is open");
                }
                in.advance();
                return;
            }
            statement(in, directory, section, depth);
        }
    }

    private void statement(
        final SettingsScanner in, final Path directory, final SectionBuilder section, final int depth)
    {
        final int line = in.line();
        final int column = in.column();
        final int first = in.peek();
        if (!SettingsScanner.isNameChar(first))
        {
            throw in.error(line, column, unexpectedStart(first));
        }
        final String name = in.readName();
        if (name.equals("include") && isInclude(in))
        {
            include(in, directory, section, line, column);
            return;
        }
        in.skipBlank();
        final SettingsLocation location = new SettingsLocation(in.source(), line);
        final int next = in.peek();
        if (next == '=')
        {
            in.advance();
            section.put(new SettingsValue(name, value(in), location));
        }
        else if (next == '{' || next == ':')
        {
            if (depth >= MAX_DEPTH)
            {
                throw in.error(line, column, "sections nest deeper than " + MAX_DEPTH);
            }
            final int separatorLine = in.line();
            final int separatorColumn = in.column();
            in.advance();
            final List<String> references =
                next == ':' ? references(in, separatorLine, separatorColumn) : List.of();
            final SectionBuilder child = section.section(name, location);
            for (final String reference : references)
            {
                child.addReference(reference);
            }
            statements(in, directory, child, depth + 1, line, column);
        }
        else
        {
            throw in.error(line, column, "expected '=' or '{' after '" + name + "', found " + describe(in));
        }
    }

    /**
     * strongSwan's lexer takes "include" as a statement only when blanks and then something other
     * than '=' follow; "include = x" sets a key named include.
     */
    private static boolean isInclude(final SettingsScanner in)
    {
        int ahead = 0;
        while (in.peek(ahead) == ' ' || in.peek(ahead) == '\t')
        {
            ahead++;
        }
        return ahead > 0 && in.peek(ahead) != SettingsScanner.END && in.peek(ahead) != '=';
    }

    private void include(
        final SettingsScanner in, final Path directory, final SectionBuilder section, final int line, final int column)
    {
        in.skipLineBlank();
        final String pattern = includePattern(in);
        if (pattern.isEmpty())
        {
            throw in.error(line, column, "expected a file pattern after 'include'");
        }
        final SettingsLocation at = new SettingsLocation(in.source(), line);
        for (final Path file : IncludeFiles.expand(directory, pattern, at))
        {
            parseFile(file, section, at);
        }
    }

    /**
     * An include pattern runs to a blank, '#', '}' or the line's end; backslash quotes one of
     * {@code " # } space}, and a quoted string ends the pattern.
     */
    private static String includePattern(final SettingsScanner in)
    {
        final StringBuilder pattern = new StringBuilder();
        while (true)
        {
            final int c = in.peek();
            if (c == SettingsScanner.END || c == '#' || c == '}' || c == '\n' || c == ' ' || c == '\t')
            {
                return pattern.toString();
            }
            if (c == '"')
            {
                return pattern.append(in.readQuoted()).toString();
            }
            final int quoted = in.peek(1);
            if (c == '\\' && (quoted == '"' || quoted == '#' || quoted == '}' || quoted == ' '))
            {
                in.advance();
                pattern.append((char)quoted);
            }
            else if (c != '\r')
            {
                pattern.append((char)c);
            }
            in.advance();
        }
    }

    /**
     * Reads the value after '=' up to the line's end, '#' or '}', which stay for the statement level.
     */
    private static String value(final SettingsScanner in)
    {
        final StringBuilder value = new StringBuilder();
        boolean first = true;
        while (true)
        {
            in.skipLineBlank();
            final int c = in.peek();
            if (c == SettingsScanner.END || c == '#' || c == '}' || c == '\n')
            {
                return value.toString();
            }
            if (!first)
            {
                value.append(' ');
            }
            first = false;
            value.append(c == '"' ? in.readQuoted() : in.readValueWord());
        }
    }

    /**
     * Reads the comma-separated list of sections to inherit from after the ':', up to and
     * including the opening brace.
     */
    private static List<String> references(final SettingsScanner in, final int colonLine, final int colonColumn)
    {
        final List<String> references = new ArrayList<>();
        int separatorLine = colonLine;
        int separatorColumn = colonColumn;
        while (true)
        {
            in.skipBlank();
            if (!SettingsScanner.isNameChar(in.peek()))
            {
                throw in.error(separatorLine, separatorColumn, "expected the name of a section to inherit from " +
                    "after " + (references.isEmpty() ? "':'" : "','") + ", found " + describe(in));
            }
            final int line = in.line();
            final int column = in.column();
            final StringBuilder reference = new StringBuilder(in.readName());
            while (in.peek() == '.' && SettingsScanner.isNameChar(in.peek(1)))
            {
                in.advance();
                reference.append('.').append(in.readName());
            }
            references.add(reference.toString());
            in.skipBlank();
            final int c = in.peek();
            if (c != '{' && c != ',')
            {
                throw in.error(line, column, "expected ',' or '{' after '" + reference + "', found " + describe(in));
            }
            separatorLine = in.line();
            separatorColumn = in.column();
            in.advance();
            if (c == '{')
            {
                return references;
            }
        }
    }

    private static String unexpectedStart(final int c)
    {
        return switch (c)
        {
            case '{' -> "expected a section name before '{'";
            case '=' -> "expected a key name before '='";
            case '"' -> "unexpected quoted string: quotes are allowed in values only";
            default -> "unexpected '" + (char)c + "': names may not contain '.', ',' or ':'";
        };
    }

    /** @return what is next in the text, for "expected ..., found ..." messages. */
    private static String describe(final SettingsScanner in)
    {
        final int c = in.peek();
        if (c == SettingsScanner.END)
        {
            return "the end of the file";
        }
        if (c == '.' || c == ',' || c == ':')
        {
            return "'" + (char)c + "' (names may not contain '.', ',' or ':')";
        }
        if (c == '"')
        {
            return "a quoted string";
        }
        if (SettingsScanner.isNameChar(c))
        {
            int length = 0;
            while (SettingsScanner.isNameChar(in.peek(length)))
            {
                length++;
            }
            final StringBuilder word = new StringBuilder();
            for (int i = 0; i < length; i++)
            {
                word.append((char)in.peek(i));
            }
            return "'" + word + "'";
        }
        return "'" + (char)c + "'";
    }
}
