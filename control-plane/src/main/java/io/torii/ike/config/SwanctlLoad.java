package io.torii.ike.config;

import java.util.List;
import java.util.Objects;

/**
 * What reading a swanctl.conf gives: the configuration, and the warnings about what in it Torii
 * does not act on.
 *
 * @param config the configuration.
 * @param warnings the warnings, in the order of the file.
 */
public record SwanctlLoad(SwanctlConfig config, List<ConfigWarning> warnings)
{
    /**
     * Copies the warnings and checks that the configuration is given.
     */
    public SwanctlLoad
    {
        Objects.requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
    }
}
