package io.torii.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output of {@code swanctl --list-sas --raw}, kept as text for failure messages and parsed for checks.
 *
 * <p>The raw form prints each vici message on one line: {@code list-sa event {conn {key=value ...
 * child-sas {conn-7 {name=child state=INSTALLED ...}}}}}, lists as {@code key=[a b]}. Parsing never
 * throws: what it cannot read, and any section cut short, it leaves out, so a check on it fails instead.
 * Values with spaces (X.500 distinguished names) are cut at the first space; names and states never hold one.
 *
 * @param raw the text swanctl printed.
 * @param ikeSas the IKE SAs found in it, in the order printed.
 */
public record SaListing(String raw, List<IkeSaStatus> ikeSas)
{
    private static final String EVENT = "list-sa event ";

    /**
     * Copies the list.
     *
     * @param raw the text.
     * @param ikeSas the parsed IKE SAs.
     */
    public SaListing
    {
        ikeSas = List.copyOf(ikeSas);
    }

    /**
     * @param raw what {@code swanctl --list-sas --raw} printed.
     * @return the listing; IKE SAs it cannot read are left out.
     */
    public static SaListing parse(final String raw)
    {
        final List<IkeSaStatus> sas = new ArrayList<>();
        for (final String line : raw.split("\n"))
        {
            final int start = line.indexOf(EVENT);
            if (start < 0)
            {
                continue;
            }
            final Cursor cursor = new Cursor(line, start + EVENT.length());
            if (!cursor.take('{'))
            {
                continue;
            }
            while (true)
            {
                final String name = cursor.word();
                if (name.isEmpty() || !cursor.take('{'))
                {
                    break;
                }
                final Section section = cursor.section();
                if (!section.closed)
                {
                    break;
                }
                sas.add(ikeSa(name, section));
            }
        }
        return new SaListing(raw, sas);
    }

    /**
     * @param connection a connection name.
     * @return the first IKE SA of that connection, if listed.
     */
    public Optional<IkeSaStatus> ike(final String connection)
    {
        return ikeSas.stream().filter(sa -> sa.name().equals(connection)).findFirst();
    }

    /**
     * @param connection a connection name.
     * @return whether an IKE SA of that connection is {@code ESTABLISHED}.
     */
    public boolean isIkeEstablished(final String connection)
    {
        return ikeSas.stream().anyMatch(sa -> sa.name().equals(connection) && sa.state().equals("ESTABLISHED"));
    }

    /**
     * @param child a child name from swanctl.conf.
     * @return whether a Child SA of that name is {@code INSTALLED} under an {@code ESTABLISHED} IKE SA.
     */
    public boolean isChildInstalled(final String child)
    {
        return ikeSas.stream().filter(sa -> sa.state().equals("ESTABLISHED"))
            .flatMap(sa -> sa.children().stream())
            .anyMatch(sa -> sa.name().equals(child) && sa.state().equals("INSTALLED"));
    }

    private static IkeSaStatus ikeSa(final String name, final Section section)
    {
        final List<ChildSaStatus> children = new ArrayList<>();
        final Section childSection = section.sections.get("child-sas");
        if (childSection != null)
        {
            for (final Map.Entry<String, Section> child : childSection.sections.entrySet())
            {
                if (!child.getValue().closed)
                {
                    continue;
                }
                final Map<String, String> fields = child.getValue().fields;
                children.add(new ChildSaStatus(fields.getOrDefault("name", child.getKey()), fields));
            }
        }
        return new IkeSaStatus(name, section.fields, children);
    }

    /** A vici section: its plain values and its subsections by name. */
    private static final class Section
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, Section> sections = new LinkedHashMap<>();
        /** Whether its '}' was read: a section cut short is not trusted. */
        boolean closed;
    }

    /** Reads one line of the raw form from a position; stops quietly at the end or at anything unexpected. */
    private static final class Cursor
    {
        private final String text;
        private int position;

        Cursor(final String text, final int position)
        {
            this.text = text;
            this.position = position;
        }

        boolean take(final char expected)
        {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == expected)
            {
                position++;
                return true;
            }
            return false;
        }

        /** A key or section name: everything up to a space, '=', '{' or '}'. */
        String word()
        {
            skipSpaces();
            final int start = position;
            while (position < text.length() && " ={}".indexOf(text.charAt(position)) < 0)
            {
                position++;
            }
            return text.substring(start, position);
        }

        /** The body of a section whose '{' has been taken, up to and including its '}'. */
        Section section()
        {
            final Section section = new Section();
            while (position < text.length())
            {
                if (take('}'))
                {
                    section.closed = true;
                    return section;
                }
                final String key = word();
                if (key.isEmpty())
                {
                    break;
                }
                if (take('{'))
                {
                    section.sections.put(key, section());
                }
                else if (take('='))
                {
                    section.fields.put(key, value());
                }
                else
                {
                    // A stray word, such as the rest of a distinguished name after a space: skip it.
                    continue;
                }
            }
            return section;
        }

        private String value()
        {
            final int start = position;
            if (position < text.length() && text.charAt(position) == '[')
            {
                final int close = text.indexOf(']', position);
                position = close < 0 ? text.length() : close + 1;
                return text.substring(start, position);
            }
            while (position < text.length() && " }".indexOf(text.charAt(position)) < 0)
            {
                position++;
            }
            return text.substring(start, position);
        }

        private void skipSpaces()
        {
            while (position < text.length() && text.charAt(position) == ' ')
            {
                position++;
            }
        }
    }
}
