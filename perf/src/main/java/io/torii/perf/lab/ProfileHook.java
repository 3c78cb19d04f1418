package io.torii.perf.lab;

import io.torii.hwprofiles.HardwareProfiles;
import java.util.Optional;

/**
 * The one place where {@code ./torii bench --profile NAME} takes effect: the named hardware profile's
 * dataplane settings (workers and their cores, ports, queue and ring sizes, batch size, idle strategy,
 * crypto engine) go into the configuration of the gateways the end-to-end scenario starts, so a lab can
 * compare profiles on the same box. Scenarios call {@link #dataplaneSettings} and append what it returns: a
 * top-level {@code profile = NAME} line.
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
        // The dataplane's reader lays the named profile under the file (io.torii.dataplane.config.ProfileOverlay):
        // the gateway's own ports and addresses win, the profile brings workers, cores, batch and ring sizes,
        // idle strategy and crypto engine. A profile laid out for more cores than the box has is refused there.
        return "\nprofile = " + HardwareProfiles.load(profile.get()).name() + "\n";
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
