package io.torii.perf.lab;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Figures as JSON lines, one object per line, for results.jsonl:
 * <pre>
 * {"scenario":"loop","system":"torii","metric":"loop_mpps","unit":"Mpps","value":3.2140,
 *  "labels":{"sas":"1","size":"64","workers":"1"}}
 * </pre>
 * A value that is not finite is written as {@code null} and read back as NaN. Reading accepts exactly this
 * shape (fields in any order, whitespace between tokens) and reports anything else as a reason, never by
 * throwing.
 */
public final class FigureJson
{
    private FigureJson()
    {
    }

    /**
     * @param figure a figure.
     * @return it as one line of JSON, without a line end.
     */
    public static String toJsonLine(final Figure figure)
    {
        final StringBuilder line = new StringBuilder(160).append('{');
        field(line, "scenario", figure.scenario()).append(',');
        field(line, "system", figure.system()).append(',');
        field(line, "metric", figure.metric()).append(',');
        field(line, "unit", figure.unit()).append(',');
        quote(line, "value").append(':').append(number(figure.value())).append(',');
        quote(line, "labels").append(":{");
        boolean first = true;
        for (final Map.Entry<String, String> label : figure.sortedLabels().entrySet())
        {
            if (!first)
            {
                line.append(',');
            }
            field(line, label.getKey(), label.getValue());
            first = false;
        }
        return line.append("}}").toString();
    }

    /**
     * @param line one line of results.jsonl.
     * @return the figure, or why the line is not one.
     */
    public static FigureParse parse(final String line)
    {
        if (line == null)
        {
            return FigureParse.failed("no line");
        }
        final JsonCursor cursor = new JsonCursor(line);
        final Map<String, Object> fields = cursor.object(true);
        if (fields == null)
        {
            return FigureParse.failed(cursor.failure());
        }
        if (!cursor.atEnd())
        {
            return FigureParse.failed("text after the object at column " + cursor.position());
        }
        for (final String name : new String[] {"scenario", "system", "metric", "unit"})
        {
            if (!(fields.get(name) instanceof String))
            {
                return FigureParse.failed("field '" + name + "' is missing or not a string");
            }
        }
        final Object value = fields.get("value");
        if (!fields.containsKey("value") || !(value == null || value instanceof Double))
        {
            return FigureParse.failed("field 'value' is missing or not a number");
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        if (fields.get("labels") instanceof final Map<?, ?> given)
        {
            for (final Map.Entry<?, ?> label : given.entrySet())
            {
                if (!(label.getValue() instanceof final String text))
                {
                    return FigureParse.failed("label '" + label.getKey() + "' is not a string");
                }
                labels.put((String)label.getKey(), text);
            }
        }
        else
        {
            return FigureParse.failed("field 'labels' is missing or not an object of strings");
        }
        return FigureParse.of(new Figure((String)fields.get("scenario"), (String)fields.get("system"),
            (String)fields.get("metric"), (String)fields.get("unit"), value == null ? Double.NaN : (Double)value,
            labels));
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    private static StringBuilder field(final StringBuilder line, final String name, final String value)
    {
        return quote(quote(line, name).append(':'), value);
    }

    private static StringBuilder quote(final StringBuilder line, final String text)
    {
        line.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\t' -> line.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        line.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
