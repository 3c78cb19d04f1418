package io.torii.dataplane.config;

/**
 * Reads a time span as strongSwan's settings write one: a number with an optional unit, {@code s} (the
 * default), {@code m}, {@code h} or {@code d}, such as {@code 10s} or {@code 5m}; Torii also takes {@code ms}
 * for intervals under a second.
 */
public final class DurationSetting
{
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The longest span accepted: a year, far beyond any interval worth configuring. */
    private static final long MAX_SECONDS = 366L * 24 * 3600;

    private DurationSetting()
    {
    }

    /**
     * @param value the setting.
     * @return the span in nanoseconds.
     * @throws SettingsException naming the value's line when it is not a number with a known unit, or is longer
     *         than a year.
     */
    public static long nanos(final SettingsValue value)
    {
        final String text = value.value();
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9')
        {
            digits++;
        }
        final String unit = text.substring(digits);
        final long perUnit = switch (unit)
        {
            case "", "s" -> NANOS_PER_SECOND;
            case "ms" -> NANOS_PER_MILLI;
            case "m" -> 60 * NANOS_PER_SECOND;
            case "h" -> 3600 * NANOS_PER_SECOND;
            case "d" -> 86_400 * NANOS_PER_SECOND;
            default -> -1;
        };
        // Eighteen digits or fewer cannot overflow a long; a year's worth is checked below.
        if (digits == 0 || digits > 18 || perUnit < 0)
        {
            throw value.error("expected a time such as 10s, 500ms, 5m, 1h or 1d, found '" + text + "'");
        }
        final long count = Long.parseLong(text.substring(0, digits));
        if (count > MAX_SECONDS * NANOS_PER_SECOND / perUnit)
        {
            throw value.error("'" + text + "' is longer than a year");
        }
        return count * perUnit;
    }
}
