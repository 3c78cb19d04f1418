package io.torii.dataplane.status.prometheus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), written from the format's
 * description, for tests: it refuses what a scraper would refuse (bad names, bad escapes, samples
 * before their TYPE, a TYPE twice, the same series twice, no final newline) and hands back what
 * it read.
 */
public final class PrometheusTextParser
{
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusTextParser()
    {
    }

    /**
     * One sample line.
     *
     * @param name the metric name.
     * @param labels the labels, unescaped, in the order written.
     * @param value the value.
     */
    public record Sample(String name, Map<String, String> labels, double value)
    {
    }

    /**
     * A whole exposition.
     *
     * @param help each metric's HELP text, unescaped.
     * @param types each metric's TYPE.
     * @param samples the samples in order.
     */
    public record Exposition(Map<String, String> help, Map<String, String> types, List<Sample> samples)
    {
        /**
         * @param name a metric name.
         * @return its samples.
         */
        public List<Sample> samples(final String name)
        {
            return samples.stream().filter(sample -> sample.name().equals(name)).toList();
        }

        /**
         * @param name a metric name.
         * @param labels the exact labels.
         * @return the value of that series.
         * @throws AssertionError when there is no such series.
         */
        public double value(final String name, final Map<String, String> labels)
        {
            return samples.stream().filter(sample -> sample.name().equals(name) && sample.labels().equals(labels))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + name + labels)).value();
        }
    }

    /**
     * @param text the exposition.
     * @return what it holds.
     * @throws IllegalArgumentException naming the first line that breaks the format.
     */
    public static Exposition parse(final String text)
    {
        if (!text.isEmpty() && !text.endsWith("\n"))
        {
            throw new IllegalArgumentException("the text does not end with a line feed");
        }
        final Map<String, String> help = new LinkedHashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final List<Sample> samples = new ArrayList<>();
        final Set<String> series = new HashSet<>();
        final Set<String> sampled = new HashSet<>();
        int number = 0;
        for (final String line : text.split("\n", -1))
        {
            number++;
            if (line.isEmpty())
            {
                continue;
            }
            try
            {
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE "))
                {
                    final String rest = line.substring(7);
                    final int space = rest.indexOf(' ');
                    final String name = space < 0 ? rest : rest.substring(0, space);
                    final String value = space < 0 ? "" : rest.substring(space + 1);
                    checkName(name);
                    if (line.startsWith("# HELP "))
                    {
                        if (help.put(name, unescapeHelp(value)) != null)
                        {
                            throw new IllegalArgumentException("second HELP for " + name);
                        }
                    }
                    else
                    {
                        if (!TYPES.contains(value))
                        {
                            throw new IllegalArgumentException("unknown type '" + value + "'");
                        }
                        if (sampled.contains(name))
                        {
                            throw new IllegalArgumentException("TYPE for " + name + " after its samples");
                        }
                        if (types.put(name, value) != null)
                        {
                            throw new IllegalArgumentException("second TYPE for " + name);
                        }
                    }
                }
                else if (!line.startsWith("#"))
                {
                    final Sample sample = sample(line);
                    sampled.add(sample.name());
                    if (!series.add(sample.name() + sample.labels()))
                    {
                        throw new IllegalArgumentException("series written twice");
                    }
                    samples.add(sample);
                }
            }
            catch (final IllegalArgumentException | IndexOutOfBoundsException ex)
            {
                throw new IllegalArgumentException("line " + number + " '" + line + "': " + ex.getMessage(), ex);
            }
        }
        return new Exposition(help, types, samples);
    }

    private static Sample sample(final String line)
    {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ')
        {
            at++;
        }
        final String name = line.substring(0, at);
        checkName(name);
        final Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{')
        {
            at++;
            while (line.charAt(at) != '}')
            {
                final int equals = line.indexOf('=', at);
                final String label = line.substring(at, equals);
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__"))
                {
                    throw new IllegalArgumentException("bad label name '" + label + "'");
                }
                if (line.charAt(equals + 1) != '"')
                {
                    throw new IllegalArgumentException("label value not quoted");
                }
                final StringBuilder value = new StringBuilder();
                at = equals + 2;
                while (line.charAt(at) != '"')
                {
                    char c = line.charAt(at++);
                    if (c == '\\')
                    {
                        c = switch (line.charAt(at++))
                        {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("bad escape in a label value");
                        };
                    }
                    value.append(c);
                }
                at++;
                if (labels.put(label, value.toString()) != null)
                {
                    throw new IllegalArgumentException("label " + label + " twice");
                }
                if (line.charAt(at) == ',')
                {
                    at++;
                }
                else if (line.charAt(at) != '}')
                {
                    throw new IllegalArgumentException("expected , or } after a label");
                }
            }
            at++;
        }
        if (at >= line.length() || line.charAt(at) != ' ')
        {
            throw new IllegalArgumentException("no value");
        }
        final String[] rest = line.substring(at + 1).split(" ");
        if (rest.length > 2)
        {
            throw new IllegalArgumentException("more than a value and a timestamp");
        }
        return new Sample(name, labels, Double.parseDouble(rest[0]));
    }

    private static void checkName(final String name)
    {
        if (!METRIC_NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
    }

    private static String unescapeHelp(final String text)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length())
            {
                final char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }
}
