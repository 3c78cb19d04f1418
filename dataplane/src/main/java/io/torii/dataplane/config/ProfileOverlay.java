package io.torii.dataplane.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * Lays a configuration over the hardware profile it names, so that the profile supplies every
 * setting the file leaves out:
 * <pre>
 * profile = small-branch      # at the top level, before or after the sections
 * dataplane {
 *   workers = 2               # overrides the profile's workers
 *   cpus = 1-2
 *   wan {
 *     interface = eth0        # added to the profile's wan { }
 *   }
 * }
 * </pre>
 * The rules:
 * <ul>
 * <li>Sections merge by name, recursively; a key the file sets wins over the profile's.</li>
 * <li>{@code key =} (empty) in the file removes the profile's value, so the key takes its default.</li>
 * <li>A port section whose {@code port} names another kind than the profile's replaces the profile's
 * section whole, since the profile's keys for its kind (an AF_XDP queue, a DPDK ring) would not
 * apply to the file's.</li>
 * </ul>
 * Every value keeps where it was written, so an error in a value from the profile names the profile
 * and its line ({@code profile small-branch:12}), and one from the file names the file.
 */
public final class ProfileOverlay
{
    /** The top-level key that names the profile. */
    public static final String KEY = "profile";
    private static final String PORT_KEY = "port";

    private ProfileOverlay()
    {
    }

    /**
     * @param written the root of a parsed configuration, before inheritance is resolved.
     * @param profiles where to find the named profile.
     * @return the configuration laid over its profile, without the {@code profile} key; the root itself
     *         when it names no profile.
     * @throws SettingsException at the {@code profile} line for a malformed or unknown name, and at the
     *         profile's own lines for a profile that does not parse or names a profile in turn.
     */
    public static SettingsSection apply(final SettingsSection written, final ProfileSource profiles)
    {
        final Optional<SettingsValue> misplaced = written.section("dataplane").flatMap(section -> section.value(KEY));
        if (misplaced.isPresent())
        {
            throw misplaced.get().error("profile = NAME goes at the top level, outside dataplane { }, since a " +
                "profile may set more than the dataplane section");
        }
        final Optional<SettingsValue> named = written.value(KEY);
        if (named.isEmpty())
        {
            return written;
        }
        final LinkedHashMap<String, SettingsValue> values = new LinkedHashMap<>(written.values());
        values.remove(KEY);
        final SettingsSection withoutKey = new SettingsSection(written.name(), written.location(),
            written.references(), values, new LinkedHashMap<>(written.sections()));
        final SettingsValue name = named.get();
        if (name.isEmpty())
        {
            return withoutKey;
        }
        if (!name.value().matches("[a-z0-9][a-z0-9-]{0,63}"))
        {
            throw name.error("expected a profile name such as small-branch (lower-case letters, digits and " +
                "dashes), found '" + name.value() + "'");
        }
        final String text = profiles.text(name.value()).orElseThrow(() -> name.error("no profile named '" +
            name.value() + "' (looked for " + ProfileSource.RESOURCE_DIRECTORY + name.value() + ".conf); " +
            "torii hw lists the shipped profiles"));
        final SettingsSection profile = SettingsParser.parse(text, KEY + " " + name.value());
        final Optional<SettingsValue> nested = profile.value(KEY);
        if (nested.isPresent())
        {
            throw nested.get().error("a profile cannot name another profile");
        }
        return merge(withoutKey, profile);
    }

    /** @return the file's section over the profile's of the same name. */
    private static SettingsSection merge(final SettingsSection file, final SettingsSection profile)
    {
        final LinkedHashMap<String, SettingsValue> values = new LinkedHashMap<>();
        for (final SettingsValue value : file.values().values())
        {
            // An empty value clears what the profile set; with nothing set there, keep it as written.
            if (!value.isEmpty() || !profile.values().containsKey(value.key()))
            {
                values.put(value.key(), value);
            }
        }
        for (final SettingsValue value : profile.values().values())
        {
            if (!file.values().containsKey(value.key()))
            {
                values.put(value.key(), value);
            }
        }
        final LinkedHashMap<String, SettingsSection> sections = new LinkedHashMap<>();
        for (final Map.Entry<String, SettingsSection> own : file.sections().entrySet())
        {
            final SettingsSection under = profile.sections().get(own.getKey());
            sections.put(own.getKey(), under == null || otherPortKind(own.getValue(), under) ? own.getValue() :
                merge(own.getValue(), under));
        }
        for (final Map.Entry<String, SettingsSection> inherited : profile.sections().entrySet())
        {
            sections.putIfAbsent(inherited.getKey(), inherited.getValue());
        }
        final SequencedSet<String> references = new LinkedHashSet<>(file.references());
        references.addAll(profile.references());
        return new SettingsSection(file.name(), file.location(), new ArrayList<>(references), values, sections);
    }

    private static boolean otherPortKind(final SettingsSection file, final SettingsSection profile)
    {
        final Optional<SettingsValue> own = file.value(PORT_KEY).filter(v -> !v.isEmpty());
        final Optional<SettingsValue> inherited = profile.value(PORT_KEY);
        return own.isPresent() && inherited.isPresent() && !own.get().value().equals(inherited.get().value());
    }
}
