package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import java.util.Objects;

/**
 * Something in swanctl.conf that strongSwan would act on but Torii does not, or that swanctl.conf does
 * not know at all. strongSwan ignores unknown keys without a word; Torii says so instead.
 *
 * @param location the file and line of the key or section.
 * @param key the key or section name, as written.
 * @param message what is not done and why it matters.
 */
public record ConfigWarning(SettingsLocation location, String key, String message)
{
    /**
     * Checks that no part is missing.
     */
    public ConfigWarning
    {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code file:line: key: message}, as compilers print warnings. */
    @Override
    public String toString()
    {
        return location + ": " + key + ": " + message;
    }
}
