package io.torii.dataplane.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable section the parser fills, merged as strongSwan merges: a repeated key takes the new
 * value in its old position, a repeated section name extends the section already there.
 */
final class SectionBuilder
{
    private final String name;
    private final SettingsLocation location;
    private final List<String> references = new ArrayList<>();
    private final LinkedHashMap<String, SettingsValue> values = new LinkedHashMap<>();
    private final LinkedHashMap<String, SectionBuilder> sections = new LinkedHashMap<>();

    SectionBuilder(final String name, final SettingsLocation location)
    {
        this.name = name;
        this.location = location;
    }

    String name()
    {
        return name;
    }

    /**
     * Sets a value; LinkedHashMap keeps the key's first position on replacement, as strongSwan's
     * ordered key list does.
     */
    void put(final SettingsValue value)
    {
        values.put(value.key(), value);
    }

    /**
     * @return the child of that name, created at the given location when it is new.
     */
    SectionBuilder section(final String childName, final SettingsLocation childLocation)
    {
        SectionBuilder child = sections.get(childName);
        if (child == null)
        {
            child = new SectionBuilder(childName, childLocation);
            sections.put(childName, child);
        }
        return child;
    }

    /**
     * Adds a section to inherit from, once, keeping the order they were written in.
     */
    void addReference(final String reference)
    {
        if (!references.contains(reference))
        {
            references.add(reference);
        }
    }

    SettingsSection build()
    {
        final LinkedHashMap<String, SettingsSection> children = new LinkedHashMap<>();
        for (final Map.Entry<String, SectionBuilder> entry : sections.entrySet())
        {
            children.put(entry.getKey(), entry.getValue().build());
        }
        return new SettingsSection(name, location, references, new LinkedHashMap<>(values), children);
    }
}
