package io.torii.dataplane.config;

/**
 * Parses key material written in hex as strongSwan accepts it: {@code 0x} and an even number of
 * hex digits ({@code 0x0102...}), optionally with ':' between bytes ({@code 0x01:02:...}), or
 * colon-separated bytes without the prefix ({@code 01:02:...}). Errors give the position of the
 * bad character but never echo the text, which is a secret.
 */
final class HexKey
{
    private HexKey()
    {
    }

    /**
     * Validates before allocating, so the only array made is the one returned: nothing holding
     * key bytes is left behind for the caller to wipe.
     *
     * @param value the setting.
     * @return a new array the caller owns and must zero when it is not handed on.
     * @throws SettingsException at the setting's line, saying what is wrong with the text.
     */
    static byte[] parse(final SettingsValue value)
    {
        final String text = value.value();
        final boolean prefixed = text.length() >= 2 && text.charAt(0) == '0' &&
            (text.charAt(1) == 'x' || text.charAt(1) == 'X');
        final boolean colons = text.indexOf(':') >= 0;
        if (!prefixed && !colons)
        {
            throw value.error("expected 0x and hex digits, such as 0x0102..., or colon-separated hex bytes " +
                "such as 01:02:...");
        }
        final int start = prefixed ? 2 : 0;
        int digits = 0;
        int group = 0;
        for (int i = start; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == ':')
            {
                if (group != 2)
                {
                    throw value.error("character " + (i + 1) + ": colon-separated hex needs two digits per byte");
                }
                group = 0;
            }
            else if (hexDigit(c) < 0)
            {
                throw value.error("character " + (i + 1) + " is not a hex digit");
            }
            else
            {
                digits++;
                group++;
            }
        }
        if (digits == 0)
        {
            throw value.error("no hex digits");
        }
        if (colons && group != 2)
        {
            throw value.error("colon-separated hex needs two digits per byte, also in the last byte");
        }
        if (digits % 2 != 0)
        {
            throw value.error("odd number of hex digits (" + digits + "): keys are whole bytes");
        }
        final byte[] key = new byte[digits / 2];
        int nibble = 0;
        for (int i = start; i < text.length(); i++)
        {
            final int digit = hexDigit(text.charAt(i));
            if (digit >= 0)
            {
                key[nibble >> 1] |= (byte)((nibble & 1) == 0 ? digit << 4 : digit);
                nibble++;
            }
        }
        return key;
    }

    /** @return the value of an ASCII hex digit, or -1 for any other character. */
    static int hexDigit(final char c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }
        return -1;
    }
}
