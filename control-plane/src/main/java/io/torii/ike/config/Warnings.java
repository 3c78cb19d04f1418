package io.torii.ike.config;

import io.torii.dataplane.config.SettingsLocation;
import io.torii.dataplane.config.SettingsValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the warnings of one read, in the order the readers meet them.
 */
final class Warnings
{
    private final List<ConfigWarning> warnings = new ArrayList<>();

    void add(final SettingsLocation location, final String key, final String message)
    {
        warnings.add(new ConfigWarning(location, key, message));
    }

    /**
     * Warns that a key asks for something Torii does not implement yet.
     */
    void notImplemented(final SettingsValue value, final String what)
    {
        add(value.location(), value.key(), "'" + value.key() + " = " + value.value() + "' asks for " + what +
            ", which Torii does not implement yet; the setting has no effect");
    }

    List<ConfigWarning> list()
    {
        return List.copyOf(warnings);
    }
}
