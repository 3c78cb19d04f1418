package io.torii.ike.config;

import io.torii.dataplane.config.SettingsSection;
import io.torii.dataplane.config.SettingsValue;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One section as a reader walks it: each key the reader asks for is marked as known, and
 * {@link #finish} warns about every key and subsection no one asked for, so that a misspelt key is
 * reported rather than quietly left at its default. An empty value ({@code key =}) reads as unset,
 * as strongSwan reads it.
 */
final class SectionKeys
{
    private final SettingsSection section;
    private final String description;
    private final Warnings warnings;
    private final Set<String> knownKeys = new HashSet<>();
    private final Set<String> knownSections = new HashSet<>();

    /**
     * @param section the section to read.
     * @param description what the section is, for messages, such as "connection 'gw'".
     * @param warnings where unknown keys are reported.
     */
    SectionKeys(final SettingsSection section, final String description, final Warnings warnings)
    {
        this.section = section;
        this.description = description;
        this.warnings = warnings;
    }

    SettingsSection section()
    {
        return section;
    }

    String description()
    {
        return description;
    }

    Warnings warnings()
    {
        return warnings;
    }

    /**
     * @param key a key of this section, marked as known.
     * @return its value, or null when it is absent or empty.
     */
    SettingsValue value(final String key)
    {
        knownKeys.add(key);
        final SettingsValue value = section.values().get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Marks a subsection as handled by the caller. */
    void markSection(final String name)
    {
        knownSections.add(name);
    }

    String string(final String key, final String fallback)
    {
        final SettingsValue value = value(key);
        return value == null ? fallback : value.value();
    }

    boolean bool(final String key, final boolean fallback)
    {
        final SettingsValue value = value(key);
        return value == null ? fallback : value.asBoolean();
    }

    long unsigned(final String key, final long max, final long fallback)
    {
        final SettingsValue value = value(key);
        return value == null ? fallback : value.asUnsigned(max);
    }

    Duration time(final String key, final Duration fallback)
    {
        final SettingsValue value = value(key);
        return value == null ? fallback : SwanctlValues.time(value);
    }

    List<String> list(final String key, final List<String> fallback)
    {
        final SettingsValue value = value(key);
        return value == null ? fallback : SwanctlValues.list(value);
    }

    <E extends Enum<E>> E keyword(final String key, final Class<E> type, final E fallback)
    {
        final SettingsValue value = value(key);
        return value == null ? fallback : SwanctlValues.keyword(value, type);
    }

    /**
     * Warns when a key Torii does not implement is set at all.
     */
    void notImplementedIfSet(final String key, final String what)
    {
        final SettingsValue value = value(key);
        if (value != null)
        {
            warnings.notImplemented(value, what);
        }
    }

    /**
     * Warns when a key Torii does not implement is set to anything but a value that asks for nothing,
     * such as {@code if_id_in = 0}.
     */
    void notImplementedUnless(final String key, final String what, final String... noOps)
    {
        final SettingsValue value = value(key);
        if (value != null && !java.util.List.of(noOps).contains(value.value()))
        {
            warnings.notImplemented(value, what);
        }
    }

    /**
     * Warns when a boolean Torii does not implement is set to the value that would ask for it.
     */
    void notImplementedIf(final String key, final boolean requested, final String what)
    {
        final SettingsValue value = value(key);
        if (value != null && value.asBoolean() == requested)
        {
            warnings.notImplemented(value, what);
        }
    }

    /**
     * Warns about every key and subsection of the section that no reader asked for.
     */
    void finish()
    {
        for (final Map.Entry<String, SettingsValue> entry : section.values().entrySet())
        {
            if (!knownKeys.contains(entry.getKey()))
            {
                warnings.add(entry.getValue().location(), entry.getKey(), "unknown key in " + description +
                    "; swanctl.conf(5) defines no such key here, so it has no effect");
            }
        }
        for (final Map.Entry<String, SettingsSection> entry : section.sections().entrySet())
        {
            if (!knownSections.contains(entry.getKey()))
            {
                warnings.add(entry.getValue().location(), entry.getKey(), "unknown section in " + description +
                    "; swanctl.conf(5) defines no such section here, so it has no effect");
            }
        }
    }
}
