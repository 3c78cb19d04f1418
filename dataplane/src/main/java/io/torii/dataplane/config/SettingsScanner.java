package io.torii.dataplane.config;

/**
 * Walks the characters of one settings text, keeping the line and column, and reads the lexical
 * pieces strongSwan's settings lexer knows: names, quoted strings, comments and blanks.
 */
final class SettingsScanner
{
    /** What {@link #peek()} returns past the last character. */
    static final int END = -1;

    /** Characters that end a name (strongSwan's lexer: names are runs of anything else). */
    private static final String NOT_IN_NAMES = "#{}:.,=\"\r\n\t ";
    /** Characters that end an unquoted part of a value. */
    private static final String NOT_IN_VALUE_WORDS = "#}\"\r\n\t ";

    private final String text;
    private final String source;
    private int position;
    private int line = 1;
    private int column = 1;

    SettingsScanner(final String text, final String source)
    {
        this.text = text;
        this.source = source;
    }

    String source()
    {
        return source;
    }

    int line()
    {
        return line;
    }

    int column()
    {
        return column;
    }

    /** @return the next character, or {@link #END}. */
    int peek()
    {
        return peek(0);
    }

    /** @return the character that many places ahead, or {@link #END}. */
    int peek(final int ahead)
    {
        final int index = position + ahead;
        return index < text.length() ? text.charAt(index) : END;
    }

    void advance()
    {
        final char c = text.charAt(position++);
        if (c == '\n')
        {
            line++;
            column = 1;
        }
        else
        {
            column++;
        }
    }

    static boolean isNameChar(final int c)
    {
        return c != END && NOT_IN_NAMES.indexOf(c) < 0;
    }

    /**
     * Skips what strongSwan skips between statements: blanks, line breaks and comments.
     */
    void skipBlank()
    {
        int c = peek();
        while (c != END)
        {
            if (c == '#')
            {
                skipComment();
            }
            else if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            {
                advance();
            }
            else
            {
                return;
            }
            c = peek();
        }
    }

    /**
     * Skips blanks within a line; carriage returns count as blanks so CRLF files read the same.
     */
    void skipLineBlank()
    {
        int c = peek();
        while (c == ' ' || c == '\t' || c == '\r')
        {
            advance();
            c = peek();
        }
    }

    /** Skips from '#' to the end of the line, leaving the line break. */
    void skipComment()
    {
        int c = peek();
        while (c != END && c != '\n')
        {
            advance();
            c = peek();
        }
    }

    /** @return the run of name characters here, possibly empty. */
    String readName()
    {
        final int start = position;
        while (isNameChar(peek()))
        {
            advance();
        }
        return text.substring(start, position);
    }

    /** @return the unquoted part of a value here, possibly empty. */
    String readValueWord()
    {
        final int start = position;
        int c = peek();
        while (c != END && NOT_IN_VALUE_WORDS.indexOf(c) < 0)
        {
            advance();
            c = peek();
        }
        return text.substring(start, position);
    }

    /**
     * Reads a double-quoted string, which may span lines. {@code \n}, {@code \r} and {@code \t}
     * stand for those characters, a backslash before a line break joins the lines, and a backslash
     * before anything else stands for that character ({@code \"}, {@code \\}).
     *
     * @return the string's content, without the quotes.
     * @throws SettingsException at the opening quote when the file ends first.
     */
    String readQuoted()
    {
        final int startLine = line;
        final int startColumn = column;
        advance();
        final StringBuilder content = new StringBuilder();
        while (true)
        {
            final int c = peek();
            if (c == END)
            {
                throw unterminated(startLine, startColumn);
            }
            advance();
            if (c == '"')
            {
                return content.toString();
            }
            if (c == '\\')
            {
                escape(content, startLine, startColumn);
            }
            else if (c != '\r')
            {
                content.append((char)c);
            }
        }
    }

    private void escape(final StringBuilder content, final int startLine, final int startColumn)
    {
        final int c = peek();
        if (c == END)
        {
            throw unterminated(startLine, startColumn);
        }
        advance();
        switch (c)
        {
            case 'n' -> content.append('\n');
            case 'r' -> content.append('\r');
            case 't' -> content.append('\t');
            case '\n' ->
            {
                // Line continuation: the break itself is dropped.
            }
            case '\r' ->
            {
                if (peek() == '\n')
                {
                    advance();
                }
                else
                {
                    content.append('\r');
                }
            }
            default -> content.append((char)c);
        }
    }

    private SettingsException unterminated(final int startLine, final int startColumn)
    {
        return error(startLine, startColumn, "string is not closed: expected '\"' before the end of the file");
    }

    /** @return an exception at the given position of this text. */
    SettingsException error(final int errorLine, final int errorColumn, final String reason)
    {
        return new SettingsException(new SettingsLocation(source, errorLine), errorColumn, reason);
    }
}
