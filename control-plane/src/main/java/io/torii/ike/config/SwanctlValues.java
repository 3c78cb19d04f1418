package io.torii.ike.config;

import io.torii.dataplane.config.SettingsValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the value types of swanctl.conf: times with s, m, h or d suffixes, byte and packet counts
 * with k, m or g suffixes, keywords and comma separated lists. Each reader throws the
 * {@link io.torii.dataplane.config.SettingsException} of {@link SettingsValue#error}, which names the
 * file, line, key and what was expected.
 */
final class SwanctlValues
{
    private static final long SECONDS_PER_MINUTE = 60;
    private static final long SECONDS_PER_HOUR = 3600;
    private static final long SECONDS_PER_DAY = 86_400;
    /** strongSwan's volume suffixes are binary multiples. */
    private static final long KIBI = 1024;

    private SwanctlValues()
    {
    }

    /**
     * Reads a time as strongSwan does: a decimal number of seconds, optionally followed by blanks and
     * one of s, m, h or d in either case ({@code 90}, {@code 30m}, {@code 4 h}).
     *
     * @param value the setting.
     * @return the time.
     */
    static Duration time(final SettingsValue value)
    {
        final String text = value.value();
        final int digits = leadingDigits(text);
        final String suffix = text.substring(digits).strip().toLowerCase(Locale.ROOT);
        final long unit = switch (suffix)
        {
            case "", "s" -> 1;
            case "m" -> SECONDS_PER_MINUTE;
            case "h" -> SECONDS_PER_HOUR;
            case "d" -> SECONDS_PER_DAY;
            default -> 0;
        };
        if (digits == 0 || unit == 0)
        {
            throw value.error("expected a time: a number of seconds, optionally followed by s, m, h or d " +
                "(such as 90, 30m, 4h, 1d), found '" + text + "'");
        }
        return Duration.ofSeconds(multiply(value, parseDigits(value, text.substring(0, digits)), unit));
    }

    /**
     * Reads a byte or packet count as strongSwan does: a decimal number, optionally followed by
     * blanks and k, m or g in either case, binary multiples ({@code 1k} is 1024).
     *
     * @param value the setting.
     * @return the count.
     */
    static long count(final SettingsValue value)
    {
        final String text = value.value();
        final int digits = leadingDigits(text);
        final String suffix = text.substring(digits).strip().toLowerCase(Locale.ROOT);
        final long unit = switch (suffix)
        {
            case "" -> 1;
            case "k" -> KIBI;
            case "m" -> KIBI * KIBI;
            case "g" -> KIBI * KIBI * KIBI;
            default -> 0;
        };
        if (digits == 0 || unit == 0)
        {
            throw value.error("expected a count: a number, optionally followed by k, m or g (multiples of " +
                "1024, such as 500000, 512k, 2g), found '" + text + "'");
        }
        return multiply(value, parseDigits(value, text.substring(0, digits)), unit);
    }

    /**
     * Reads one of a fixed set of keywords, ignoring case as strongSwan does. The keywords are the
     * constants' names in lower case.
     *
     * @param value the setting.
     * @param type the enum whose constants are the keywords.
     * @return the constant named.
     */
    static <E extends Enum<E>> E keyword(final SettingsValue value, final Class<E> type)
    {
        final String lower = value.value().toLowerCase(Locale.ROOT);
        final List<String> names = new ArrayList<>();
        for (final E constant : type.getEnumConstants())
        {
            final String name = constant.name().toLowerCase(Locale.ROOT);
            if (name.equals(lower))
            {
                return constant;
            }
            names.add(name);
        }
        throw value.error("expected one of " + String.join(", ", names) + ", found '" + value.value() + "'");
    }

    /**
     * Splits a comma separated list as swanctl does, dropping the blanks around each item.
     *
     * @param value the setting.
     * @return the items in order; empty items are errors.
     */
    static List<String> list(final SettingsValue value)
    {
        final List<String> items = new ArrayList<>();
        for (final String item : value.value().split(",", -1))
        {
            final String stripped = item.strip();
            if (stripped.isEmpty())
            {
                throw value.error("expected items separated by single commas, found an empty item in '" +
                    value.value() + "'");
            }
            items.add(stripped);
        }
        return List.copyOf(items);
    }

    private static int leadingDigits(final String text)
    {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9')
        {
            digits++;
        }
        return digits;
    }

    private static long parseDigits(final SettingsValue value, final String digits)
    {
        try
        {
            return Long.parseLong(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw value.error("'" + value.value() + "' is too large", ex);
        }
    }

    private static long multiply(final SettingsValue value, final long number, final long unit)
    {
        try
        {
            return Math.multiplyExact(number, unit);
        }
        catch (final ArithmeticException ex)
        {
            throw value.error("'" + value.value() + "' is too large", ex);
        }
    }
}
