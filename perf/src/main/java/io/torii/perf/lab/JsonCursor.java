package io.torii.perf.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the small JSON subset figures use: an object whose values are strings, numbers, {@code null} or,
 * one level down, an object of strings. Every read returns null on bad input and leaves the reason in
 * {@link #failure()}; nothing throws.
 */
final class JsonCursor
{
    private final String text;
    private int position;
    private String failure;

    JsonCursor(final String text)
    {
        this.text = text;
    }

    /** @return why the last read failed. */
    String failure()
    {
        return failure;
    }

    int position()
    {
        return position;
    }

    boolean atEnd()
    {
        skipSpace();
        return position == text.length();
    }

    /**
     * @param nested whether values may themselves be objects (of strings only).
     * @return the object's fields in order, or null.
     */
    Map<String, Object> object(final boolean nested)
    {
        if (!expect('{'))
        {
            return null;
        }
        final Map<String, Object> fields = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}')
        {
            position++;
            return fields;
        }
        while (true)
        {
            final String name = string();
            if (name == null || !expect(':'))
            {
                return null;
            }
            skipSpace();
            final Object value;
            final char next = peek();
            if (next == '"')
            {
                value = string();
            }
            else if (next == '{' && nested)
            {
                value = object(false);
            }
            else if (text.startsWith("null", position))
            {
                position += 4;
                value = null;
            }
            else if (next == '-' || Character.isDigit(next))
            {
                value = number();
            }
            else
            {
                return fail("unexpected value at column " + position);
            }
            if (value == null && failure != null)
            {
                return null;
            }
            if (fields.containsKey(name))
            {
                return fail("field '" + name + "' twice");
            }
            fields.put(name, value);
            skipSpace();
            final char after = peek();
            position++;
            if (after == '}')
            {
                return fields;
            }
            if (after != ',')
            {
                return fail("expected ',' or '}' at column " + (position - 1));
            }
        }
    }

    private String string()
    {
        if (!expect('"'))
        {
            return null;
        }
        final StringBuilder value = new StringBuilder();
        while (position < text.length())
        {
            final char c = text.charAt(position++);
            if (c == '"')
            {
                return value.toString();
            }
            if (c != '\\')
            {
                value.append(c);
                continue;
            }
            if (position >= text.length())
            {
                break;
            }
            final char escaped = text.charAt(position++);
            switch (escaped)
            {
                case '"', '\\', '/' -> value.append(escaped);
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' ->
                {
                    if (position + 4 > text.length())
                    {
                        return fail("short \\u escape at column " + position);
                    }
                    try
                    {
                        value.append((char)Integer.parseInt(text.substring(position, position + 4), 16));
                    }
                    catch (final NumberFormatException ex)
                    {
                        return fail("bad \\u escape at column " + position);
                    }
                    position += 4;
                }
                default ->
                {
                    return fail("bad escape at column " + (position - 1));
                }
            }
        }
        return fail("unterminated string");
    }

    private Double number()
    {
        final int start = position;
        while (position < text.length() && "+-.eE0123456789".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
        try
        {
            return Double.parseDouble(text.substring(start, position));
        }
        catch (final NumberFormatException ex)
        {
            failure = "bad number at column " + start;
            return null;
        }
    }

    private boolean expect(final char wanted)
    {
        skipSpace();
        if (peek() != wanted)
        {
            failure = "expected '" + wanted + "' at column " + position;
            return false;
        }
        position++;
        return true;
    }

    private char peek()
    {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpace()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }

    private <T> T fail(final String reason)
    {
        failure = reason;
        return null;
    }
}
