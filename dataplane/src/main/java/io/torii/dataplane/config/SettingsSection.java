package io.torii.dataplane.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * One section of a settings file, immutable: its values and child sections in the order they
 * were first written, each with the file and line it came from. The root of a parsed file is a
 * section with an empty name.
 *
 * <p>As in strongSwan, a key set twice keeps its first position and takes the later value, and a
 * section written twice is one section holding both bodies.
 */
public final class SettingsSection
{
    private final String name;
    private final SettingsLocation location;
    private final List<String> references;
    private final SequencedMap<String, SettingsValue> values;
    private final SequencedMap<String, SettingsSection> sections;

    SettingsSection(
        final String name,
        final SettingsLocation location,
        final List<String> references,
        final LinkedHashMap<String, SettingsValue> values,
        final LinkedHashMap<String, SettingsSection> sections)
    {
        this.name = name;
        this.location = location;
        this.references = List.copyOf(references);
        // The builder hands over maps no one else holds, so wrapping them keeps the tree immutable.
        this.values = Collections.unmodifiableSequencedMap(values);
        this.sections = Collections.unmodifiableSequencedMap(sections);
    }

    /** @return the section's name; empty for the root of a file. */
    public String name()
    {
        return name;
    }

    /** @return where the section was first opened; line 0 for the root. */
    public SettingsLocation location()
    {
        return location;
    }

    /**
     * @return the sections this one inherits from ({@code name : base1, base2 { ... }}), as written:
     *         dotted paths from the root. {@link SettingsInheritance#resolve} resolves them.
     */
    public List<String> references()
    {
        return references;
    }

    /** @return the values by key, in the order keys were first set; unmodifiable. */
    public SequencedMap<String, SettingsValue> values()
    {
        return values;
    }

    /** @return the child sections by name, in the order they were first opened; unmodifiable. */
    public SequencedMap<String, SettingsSection> sections()
    {
        return sections;
    }

    /**
     * @param key a key of this section.
     * @return its value, or empty when the key is not set here.
     */
    public Optional<SettingsValue> value(final String key)
    {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param sectionName the name of a child section.
     * @return the child, or empty when there is none.
     */
    public Optional<SettingsSection> section(final String sectionName)
    {
        return Optional.ofNullable(sections.get(sectionName));
    }

    /**
     * Looks up a value by strongSwan's dotted path, such as {@code charon.plugins.kernel-netlink.mtu}:
     * every part but the last names a section, the last a key. Names cannot contain dots, so the
     * path is never ambiguous.
     *
     * @param path the dotted path below this section.
     * @return the value, or empty when any part is missing.
     */
    public Optional<SettingsValue> find(final String path)
    {
        SettingsSection section = this;
        int start = 0;
        int dot = path.indexOf('.');
        while (dot >= 0)
        {
            section = section.sections.get(path.substring(start, dot));
            if (section == null)
            {
                return Optional.empty();
            }
            start = dot + 1;
            dot = path.indexOf('.', start);
        }
        return section.value(path.substring(start));
    }

    /** @return the name, location and sizes; never the values, which may be key material. */
    @Override
    public String toString()
    {
        return "SettingsSection[" + name + " at " + location + ", " + values.size() + " values, " +
            sections.size() + " sections]";
    }
}
