package io.torii.dataplane.config;

/**
 * Matches one file name against one component of a shell wildcard pattern, as glob(3) does for
 * strongSwan's {@code include}: {@code *} any run, {@code ?} any one character, {@code [abc]},
 * {@code [a-z]} and {@code [!a-z]} (or {@code [^a-z]}) classes, a backslash quoting the next
 * character. A name starting with '.' matches only a pattern starting with '.', so {@code *.conf}
 * leaves hidden files such as editor backups alone.
 */
final class GlobPattern
{
    private GlobPattern()
    {
    }

    /** @return true when the component has an unquoted wildcard, false when it names one file. */
    static boolean hasWildcard(final String component)
    {
        for (int i = 0; i < component.length(); i++)
        {
            final char c = component.charAt(i);
            if (c == '\\')
            {
                i++;
            }
            else if (c == '*' || c == '?' || c == '[')
            {
                return true;
            }
        }
        return false;
    }

    /** @return the component with backslash quoting removed, for one without wildcards. */
    static String unquote(final String component)
    {
        final StringBuilder name = new StringBuilder(component.length());
        for (int i = 0; i < component.length(); i++)
        {
            final char c = component.charAt(i);
            if (c == '\\' && i + 1 < component.length())
            {
                i++;
                name.append(component.charAt(i));
            }
            else
            {
                name.append(c);
            }
        }
        return name.toString();
    }

    /**
     * @param pattern one component of a pattern, without '/'.
     * @param name one file name.
     * @return true when the name matches.
     */
    static boolean matches(final String pattern, final String name)
    {
        if (name.startsWith(".") && !pattern.startsWith("."))
        {
            return false;
        }
        int p = 0;
        int n = 0;
        int starPattern = -1;
        int starName = -1;
        while (n < name.length())
        {
            if (p < pattern.length() && pattern.charAt(p) == '*')
            {
                starPattern = p++;
                starName = n;
                continue;
            }
            final int consumed = p < pattern.length() ? matchOne(pattern, p, name.charAt(n)) : -1;
            if (consumed > 0)
            {
                p += consumed;
                n++;
            }
            else if (starPattern >= 0)
            {
                // Let the last '*' swallow one more character and try again from there.
                p = starPattern + 1;
                n = ++starName;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*')
        {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * @return how many pattern characters matched c, or less than 1 when the element there does not match.
     */
    private static int matchOne(final String pattern, final int at, final char c)
    {
        final char element = pattern.charAt(at);
        if (element == '?')
        {
            return 1;
        }
        if (element == '\\' && at + 1 < pattern.length())
        {
            return pattern.charAt(at + 1) == c ? 2 : -1;
        }
        if (element == '[')
        {
            final int length = matchClass(pattern, at, c);
            if (length != 0)
            {
                return length;
            }
            // No closing ']': the '[' is an ordinary character.
        }
        return element == c ? 1 : -1;
    }

    /**
     * @return the class's length when it matches c, minus that when it does not, 0 when unclosed.
     */
    private static int matchClass(final String pattern, final int at, final char c)
    {
        int i = at + 1;
        final boolean negated = i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^');
        if (negated)
        {
            i++;
        }
        boolean found = false;
        boolean first = true;
        while (i < pattern.length() && (first || pattern.charAt(i) != ']'))
        {
            // A ']' first in the class is a member, not the end.
            first = false;
            final char low = pattern.charAt(i);
            if (i + 2 < pattern.length() && pattern.charAt(i + 1) == '-' && pattern.charAt(i + 2) != ']')
            {
                found |= c >= low && c <= pattern.charAt(i + 2);
                i += 3;
            }
            else
            {
                found |= c == low;
                i++;
            }
        }
        if (i >= pattern.length())
        {
            return 0;
        }
        final int length = i + 1 - at;
        return found != negated ? length : -length;
    }
}
