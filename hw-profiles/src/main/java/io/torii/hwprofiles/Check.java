package io.torii.hwprofiles;

/**
 * One requirement of a profile, held against one machine.
 *
 * @param needs what the profile needs, such as {@code 8 or more processors}.
 * @param found what the machine has, such as {@code 2 processors}.
 * @param met whether the machine meets it.
 */
public record Check(String needs, String found, boolean met)
{
    /** @return {@code found (needs ...)}, as {@code torii hw} prints it. */
    @Override
    public String toString()
    {
        return found + " (needs " + needs + ")";
    }
}
