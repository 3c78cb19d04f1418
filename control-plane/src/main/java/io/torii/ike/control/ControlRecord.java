package io.torii.ike.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code DATA} record of a listing: a kind and named text fields, in order.
 *
 * <pre>
 * record = kind *( SP key "=" value )
 * key    = 1*( ALPHA / DIGIT / "-" )
 * value  = *( any byte but SP, "%", "=", CR, LF and other control characters / "%" 2HEXDIG )
 * </pre>
 * Values are UTF-8 with those bytes percent-escaped, so a value holds anything and a record stays one
 * line. Lists are joined with {@link #LIST_SEPARATOR}; their items hold no comma.
 *
 * @param kind what the record describes, such as {@code ike-sa}.
 * @param fields the fields by key, in order.
 */
public record ControlRecord(String kind, Map<String, String> fields)
{
    /** Joins the items of a list field. */
    public static final String LIST_SEPARATOR = ",";
    private static final String HEX_DIGITS = "0123456789ABCDEF";

    /**
     * Copies the fields and checks kind and keys.
     *
     * @throws IllegalArgumentException for a kind or key outside the grammar.
     */
    public ControlRecord
    {
        if (!isWord(kind))
        {
            throw new IllegalArgumentException("record kind '" + kind + "' is not a word");
        }
        for (final Map.Entry<String, String> field : fields.entrySet())
        {
            if (!isWord(field.getKey()))
            {
                throw new IllegalArgumentException("record key '" + field.getKey() + "' is not a word");
            }
            Objects.requireNonNull(field.getValue(), field.getKey());
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * A parsed record line: the record, or why the text is not one.
     *
     * @param record the record, or null.
     * @param reason why not, or null.
     */
    public record Parsed(ControlRecord record, String reason)
    {
        /** @return true when the text was a record. */
        public boolean isOk()
        {
            return record != null;
        }
    }

    /**
     * @param key a field's key.
     * @return its value; empty when the record has no such field.
     */
    public String text(final String key)
    {
        return fields.getOrDefault(key, "");
    }

    /**
     * @param key a list field's key.
     * @return its items; empty when the record has no such field or it is empty.
     */
    public List<String> list(final String key)
    {
        final String value = text(key);
        return value.isEmpty() ? List.of() : List.of(value.split(LIST_SEPARATOR, -1));
    }

    /**
     * @param key a number field's key.
     * @param otherwise what a missing or malformed field reads as.
     * @return its value.
     */
    public long number(final String key, final long otherwise)
    {
        try
        {
            return Long.parseLong(text(key));
        }
        catch (final NumberFormatException ex)
        {
            return otherwise;
        }
    }

    /**
     * @param key a flag field's key.
     * @return true when it is {@code yes}.
     */
    public boolean flag(final String key)
    {
        return text(key).equals("yes");
    }

    /** @return the record as the text after {@code DATA }, without LF. */
    public String toText()
    {
        final StringBuilder text = new StringBuilder(kind);
        for (final Map.Entry<String, String> field : fields.entrySet())
        {
            text.append(' ').append(field.getKey()).append('=').append(escape(field.getValue()));
        }
        return text.toString();
    }

    /**
     * @param text the text after {@code DATA }.
     * @return the record, or why the text is not one; never throws.
     */
    public static Parsed parse(final String text)
    {
        final String[] words = text.split(" ", -1);
        if (!isWord(words[0]))
        {
            return new Parsed(null, "a record starts with its kind");
        }
        final Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++)
        {
            final int equals = words[i].indexOf('=');
            if (equals <= 0 || !isWord(words[i].substring(0, equals)))
            {
                return new Parsed(null, "field " + i + " of " + words[0] + " is not key=value");
            }
            final String value = unescape(words[i].substring(equals + 1));
            if (value == null)
            {
                return new Parsed(null, "field " + words[i].substring(0, equals) + " has a bad %-escape");
            }
            if (fields.put(words[i].substring(0, equals), value) != null)
            {
                return new Parsed(null, "field " + words[i].substring(0, equals) + " appears twice");
            }
        }
        return new Parsed(new ControlRecord(words[0], fields), null);
    }

    private static boolean isWord(final String text)
    {
        if (text == null || text.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    /** Percent-escapes a value so that the record line is plain printable ASCII. */
    static String escape(final String value)
    {
        final StringBuilder out = new StringBuilder(value.length());
        for (final byte b : value.getBytes(StandardCharsets.UTF_8))
        {
            final int unsigned = b & 0xFF;
            if (unsigned <= ' ' || unsigned == '%' || unsigned == '=' || unsigned >= 0x7F)
            {
                out.append('%').append(HEX_DIGITS.charAt(unsigned >> 4)).append(HEX_DIGITS.charAt(unsigned & 0xF));
            }
            else
            {
                out.append((char)unsigned);
            }
        }
        return out.toString();
    }

    /** @return the value, or null for a bad escape or a character that is never sent unescaped. */
    static String unescape(final String value)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '%')
            {
                if (i + 2 >= value.length())
                {
                    return null;
                }
                final int high = Character.digit(value.charAt(i + 1), 16);
                final int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0)
                {
                    return null;
                }
                out.write(high << 4 | low);
                i += 2;
            }
            else if (c > ' ' && c < 0x7F && c != '=')
            {
                out.write(c);
            }
            else
            {
                return null;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
