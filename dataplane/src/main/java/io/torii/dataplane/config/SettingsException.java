package io.torii.dataplane.config;

/**
 * A settings file that cannot be read or does not say something valid. The message starts with
 * the position in the form compilers use, {@code file:line:column: } (line and column left out
 * when unknown), then says what is wrong and what was expected.
 */
public final class SettingsException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param location the file and line the problem is at.
     * @param reason what is wrong and what was expected.
     */
    public SettingsException(final SettingsLocation location, final String reason)
    {
        this(location, 0, reason, null);
    }

    /**
     * @param location the file and line the problem is at.
     * @param reason what is wrong and what was expected.
     * @param cause the exception that revealed the problem.
     */
    public SettingsException(final SettingsLocation location, final String reason, final Throwable cause)
    {
        this(location, 0, reason, cause);
    }

    /**
     * @param location the file and line the problem is at.
     * @param column the 1-based column, or 0 when unknown.
     * @param reason what is wrong and what was expected.
     */
    public SettingsException(final SettingsLocation location, final int column, final String reason)
    {
        this(location, column, reason, null);
    }

    private SettingsException(
        final SettingsLocation location, final int column, final String reason, final Throwable cause)
    {
        super(format(location, column, reason), cause);
        this.file = location.file();
        this.line = location.line();
        this.column = column;
        this.reason = reason;
    }

    /** @return the file and line the problem is at; line 0 for the file as a whole. */
    public SettingsLocation location()
    {
        return new SettingsLocation(file, line);
    }

    /** @return the 1-based column, or 0 when unknown. */
    public int column()
    {
        return column;
    }

    /** @return what is wrong, without the position. */
    public String reason()
    {
        return reason;
    }

    private static String format(final SettingsLocation location, final int column, final String reason)
    {
        final String position = location.line() > 0 && column > 0 ? location + ":" + column : location.toString();
        return position + ": " + reason;
    }
}
