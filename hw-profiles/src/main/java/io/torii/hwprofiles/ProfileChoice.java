package io.torii.hwprofiles;

import java.util.List;

/**
 * The profile chosen for a machine, why, and what would change the choice.
 *
 * @param profile the chosen profile.
 * @param met the chosen profile's requirements, every one met; empty for the fallback.
 * @param rejected for each profile ranked above the chosen one, best first, why it was not chosen.
 * @param wouldChange what would make another profile the choice, one line each.
 * @param warnings what the machine lacks even for the chosen profile, one line each.
 */
public record ProfileChoice(HardwareProfile profile, List<Check> met, List<Rejection> rejected,
    List<String> wouldChange, List<String> warnings)
{
    /**
     * Copies the lists so the record stays immutable.
     */
    public ProfileChoice
    {
        met = List.copyOf(met);
        rejected = List.copyOf(rejected);
        wouldChange = List.copyOf(wouldChange);
        warnings = List.copyOf(warnings);
    }

    /**
     * A profile ranked above the chosen one, with the requirements the machine did not meet.
     *
     * @param profileName the profile.
     * @param unmet its requirements the machine misses; never empty.
     */
    public record Rejection(String profileName, List<Check> unmet)
    {
        /**
         * Copies the list so the record stays immutable.
         */
        public Rejection
        {
            unmet = List.copyOf(unmet);
        }
    }
}
