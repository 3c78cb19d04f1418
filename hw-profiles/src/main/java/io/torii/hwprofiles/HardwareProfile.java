package io.torii.hwprofiles;

/**
 * One shipped profile: dataplane settings, in the settings syntax of the daemon's configuration,
 * that fit one class of machine.
 *
 * @param name the name a configuration gives ({@code profile = small-branch}).
 * @param summary the first comment line of the file, after the name: what machine it is for.
 * @param text the settings, as the file holds them.
 * @param resource the class-path resource it was read from, for messages.
 */
public record HardwareProfile(String name, String summary, String text, String resource)
{
    /** @return the name and summary; the text is long and says the rest. */
    @Override
    public String toString()
    {
        return name + ": " + summary;
    }
}
