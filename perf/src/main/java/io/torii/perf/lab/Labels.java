package io.torii.perf.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a figure's labels from alternating names and values. */
public final class Labels
{
    private Labels()
    {
    }

    /**
     * @param namesAndValues name, value, name, value...
     * @return them as a map.
     * @throws IllegalArgumentException when a name has no value.
     */
    public static Map<String, String> of(final String... namesAndValues)
    {
        if (namesAndValues.length % 2 != 0)
        {
            throw new IllegalArgumentException("labels come in name, value pairs; got " + namesAndValues.length);
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            labels.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return labels;
    }
}
