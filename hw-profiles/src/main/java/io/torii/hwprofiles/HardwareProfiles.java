package io.torii.hwprofiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The shipped profiles, read from the class path. The dataplane's configuration reader finds them
 * by the same resource path ({@link #RESOURCE_DIRECTORY}), since it cannot depend on this module.
 */
public final class HardwareProfiles
{
    /** Where the profiles lie on the class path: {@code RESOURCE_DIRECTORY + name + ".conf"}. */
    public static final String RESOURCE_DIRECTORY = "io/torii/hwprofiles/profiles/";
    /** The generic 2-core virtual machine, the profile chosen when nothing better fits. */
    public static final String GENERIC_VM = "generic-vm";
    /** A 4-core branch appliance with AES-NI and AF_XDP. */
    public static final String SMALL_BRANCH = "small-branch";
    /** An 8 to 16 core appliance with VAES and AF_XDP. */
    public static final String MID_SIZE = "mid-size";
    /** A 32+ core aggregation box with DPDK. */
    public static final String AGGREGATION = "aggregation";
    /** Every shipped profile, smallest machine first. */
    public static final List<String> NAMES = List.of(GENERIC_VM, SMALL_BRANCH, MID_SIZE, AGGREGATION);

    private HardwareProfiles()
    {
    }

    /**
     * @param name a profile name.
     * @return the shipped profile of that name, or empty when there is none.
     */
    public static Optional<HardwareProfile> find(final String name)
    {
        if (!NAMES.contains(name))
        {
            return Optional.empty();
        }
        final String resource = RESOURCE_DIRECTORY + name + ".conf";
        try (InputStream in = HardwareProfiles.class.getClassLoader().getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("profile " + name + " is missing from the class path at " + resource);
            }
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(new HardwareProfile(name, summary(name, text), text, resource));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading profile " + resource, ex);
        }
    }

    /**
     * Loads a profile by name, for {@code torii bench --profile NAME} and the like.
     *
     * @param name a profile name.
     * @return the shipped profile.
     * @throws IllegalArgumentException naming the profiles there are, when there is none of that name.
     */
    public static HardwareProfile load(final String name)
    {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no hardware profile named '" + name +
            "'; expected one of " + NAMES));
    }

    /** @return every shipped profile, smallest machine first. */
    public static List<HardwareProfile> all()
    {
        return NAMES.stream().map(HardwareProfiles::load).toList();
    }

    /** @return the first line's text after {@code # NAME:}, or the name when the file does not start so. */
    private static String summary(final String name, final String text)
    {
        final String prefix = "# " + name + ":";
        final int newline = text.indexOf('\n');
        final String first = newline < 0 ? text : text.substring(0, newline);
        return first.startsWith(prefix) ? first.substring(prefix.length()).strip() : name;
    }
}
