package io.torii.ike.control;

import java.util.Objects;

/**
 * One line of a control reply: its kind ({@link ControlProtocol#DATA}, {@link ControlProtocol#LOG},
 * {@link ControlProtocol#OK} or {@link ControlProtocol#ERROR}) and the text after it.
 *
 * @param kind the first word.
 * @param text the rest of the line, without the space; may be empty.
 */
public record ReplyLine(String kind, String text)
{
    /**
     * Checks that no part is missing and that the text stays on one line.
     */
    public ReplyLine
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        text = oneLine(text);
    }

    /**
     * @param line a received line, without its LF.
     * @return the line split into kind and text; a line without a space is all kind.
     */
    public static ReplyLine parse(final String line)
    {
        final int space = line.indexOf(' ');
        return space < 0 ? new ReplyLine(line, "") : new ReplyLine(line.substring(0, space), line.substring(space + 1));
    }

    /** @return true for the last line of a reply. */
    public boolean isFinal()
    {
        return kind.equals(ControlProtocol.OK) || kind.equals(ControlProtocol.ERROR);
    }

    /** @return the line as sent, LF included. */
    public String toWire()
    {
        return text.isEmpty() ? kind + "\n" : kind + " " + text + "\n";
    }

    /** Keeps a reply line one line whatever a log line or a message holds. */
    private static String oneLine(final String text)
    {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0)
        {
            return text;
        }
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
