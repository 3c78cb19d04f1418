package io.torii.perf.lab;

import java.util.Optional;

/**
 * The one place where {@code ./torii bench --profile NAME} takes effect: the named hardware profile's
 * dataplane settings (workers and their cores, ports, queue and ring sizes, batch size, idle strategy,
 * crypto engine) go into the configuration of the gateways the end-to-end scenario starts, so a lab can
 * compare profiles on the same box. Scenarios call {@link #dataplaneSettings} and append what it returns.
 */
public final class ProfileHook
{
    private ProfileHook()
    {
    }

    /**
     * @param profile the profile named with {@code --profile}, if any.
     * @return settings text to append to a gateway's configuration; empty without a profile.
     */
    public static String dataplaneSettings(final Optional<String> profile)
    {
        if (profile.isEmpty())
        {
            return "";
        }
        // HOOK(hw-profiles): load the profile by name from the hw-profiles module here and return its
        // settings in the daemon's settings syntax. Until that loader exists the name is recorded in the
        // report (BenchOptions, summary.md) and the gateways run with their default settings.
        return "";
    }

    /**
     * @param profile the profile named with {@code --profile}, if any.
     * @return whether the profile's settings are applied, for the summary; false without a profile.
     */
    public static boolean applied(final Optional<String> profile)
    {
        return profile.isPresent() && !dataplaneSettings(profile).isEmpty();
    }
}
