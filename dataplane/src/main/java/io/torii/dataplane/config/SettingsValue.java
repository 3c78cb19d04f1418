package io.torii.dataplane.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code key = value} setting as the file gave it, with where it was written so that readers
 * can report a bad value at its line.
 *
 * <p>A value is the text after {@code =} up to the end of the line, a {@code #} comment or a
 * closing brace; its parts are joined with single spaces as strongSwan does, and quoted parts
 * keep their inner whitespace. {@code key =} gives an empty value, which strongSwan treats as
 * "not set, use the default".
 *
 * @param key the key, as written.
 * @param value the value; empty for {@code key =}.
 * @param location the file and line of the definition that won (later definitions override).
 */
public record SettingsValue(String key, String value, SettingsLocation location)
{
    /**
     * Checks that no part is missing.
     */
    public SettingsValue
    {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }

    /** @return true for {@code key =} (or {@code key = ""}), which strongSwan reads as unset. */
    public boolean isEmpty()
    {
        return value.isEmpty();
    }

    /**
     * Reads the value as strongSwan reads booleans, ignoring case.
     *
     * @return true for yes, true, enabled or 1; false for no, false, disabled or 0.
     * @throws SettingsException for anything else; strongSwan would quietly use the default instead.
     */
    public boolean asBoolean()
    {
        return switch (value.toLowerCase(Locale.ROOT))
        {
            case "yes", "true", "enabled", "1" -> true;
            case "no", "false", "disabled", "0" -> false;
            default -> throw error("expected yes or no (also true/false, enabled/disabled, 1/0), found '" +
                value + "'");
        };
    }

    /**
     * Reads the value as an unsigned integer, decimal or hexadecimal with a {@code 0x} prefix, as
     * strongSwan's integer options are written.
     *
     * @param max the largest value accepted, compared unsigned (-1 accepts any 64-bit value).
     * @return the number; read it as unsigned when max is above {@link Long#MAX_VALUE}.
     * @throws SettingsException for signs, other characters, or a number above max.
     */
    public long asUnsigned(final long max)
    {
        final boolean hex = value.length() > 2 && value.charAt(0) == '0' &&
            (value.charAt(1) == 'x' || value.charAt(1) == 'X');
        final int radix = hex ? 16 : 10;
        final String digits = hex ? value.substring(2) : value;
        boolean valid = !digits.isEmpty();
        for (int i = 0; i < digits.length() && valid; i++)
        {
            // Character.digit would also take non-ASCII digits, which no one means in a config file.
            final char c = digits.charAt(i);
            valid = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
        }
        if (!valid)
        {
            throw error("expected a decimal number or 0x then hex digits, found '" + value + "'");
        }
        final long number;
        try
        {
            number = Long.parseUnsignedLong(digits, radix);
        }
        catch (final NumberFormatException ex)
        {
            throw error("'" + value + "' is above " + Long.toUnsignedString(max), ex);
        }
        if (Long.compareUnsigned(number, max) > 0)
        {
            throw error("'" + value + "' is above " + Long.toUnsignedString(max));
        }
        return number;
    }

    /**
     * @param reason what is wrong with this value and what was expected.
     * @return an exception at this value's line, its message naming the key.
     */
    public SettingsException error(final String reason)
    {
        return new SettingsException(location, key + ": " + reason);
    }

    /**
     * @param reason what is wrong with this value and what was expected.
     * @param cause the exception that revealed it.
     * @return an exception at this value's line, its message naming the key.
     */
    public SettingsException error(final String reason, final Throwable cause)
    {
        return new SettingsException(location, key + ": " + reason, cause);
    }

    /** @return the key and where it was set, but not the value, which may be key material. */
    @Override
    public String toString()
    {
        return "SettingsValue[" + key + " at " + location + "]";
    }
}
