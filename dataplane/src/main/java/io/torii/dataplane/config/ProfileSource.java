package io.torii.dataplane.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds a hardware profile's settings by name, for {@code profile = NAME} at the top of the
 * daemon's configuration (see {@link ProfileOverlay}).
 */
@FunctionalInterface
public interface ProfileSource
{
    /**
     * Where the hw-profiles module ships its profiles on the class path. The dataplane cannot depend
     * on that module (it sits below it in the build), so the two agree on this path instead.
     */
    String RESOURCE_DIRECTORY = "io/torii/hwprofiles/profiles/";

    /** The profiles on the class path: {@code RESOURCE_DIRECTORY + name + ".conf"}. */
    ProfileSource CLASS_PATH = name ->
    {
        try (InputStream in = ProfileSource.class.getClassLoader().getResourceAsStream(
            RESOURCE_DIRECTORY + name + ".conf"))
        {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading profile " + name, ex);
        }
    };

    /**
     * @param name a profile name, already checked to be lower-case letters, digits and dashes.
     * @return the profile's settings text, or empty when there is no profile of that name.
     */
    Optional<String> text(String name);
}
