package io.torii.perf.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared parsing of the report harnesses' option values, so that every harness rejects a missing value or an empty
 * list item with the same words.
 */
final class OptionValues
{
    private OptionValues()
    {
    }

    /**
     * The value that follows an option.
     *
     * @param args   the command line.
     * @param index  where the value should stand.
     * @param option the option it belongs to, for the error.
     * @param usage  the harness's usage text, appended to the error.
     * @return the value.
     * @throws IllegalArgumentException when the value is missing or is another option.
     */
    static String value(final String[] args, final int index, final String option, final String usage)
    {
        if (index >= args.length || args[index].startsWith("--"))
        {
            throw new IllegalArgumentException(option + " needs a value\n" + usage);
        }
        return args[index];
    }

    /**
     * A comma-separated list, each item stripped.
     *
     * @param text the option value.
     * @return the items, in order.
     * @throws IllegalArgumentException when an item is empty.
     */
    static List<String> list(final String text)
    {
        final List<String> items = new ArrayList<>();
        for (final String item : text.split(",", -1))
        {
            if (item.isBlank())
            {
                throw new IllegalArgumentException("empty item in list '" + text + "'");
            }
            items.add(item.strip());
        }
        return List.copyOf(items);
    }
}
