package io.torii.ike.control;

import java.util.Objects;

/**
 * One control request, as {@link ControlProtocol} spells it on the wire.
 *
 * @param verb what to do.
 * @param scope for {@code initiate}, {@code terminate} and {@code rekey}, whether the name is an IKE SA's or a Child
 *        SA's; {@link Scope#NONE} otherwise.
 * @param name the connection or child name; empty when the verb takes none.
 * @param timeoutMillis how long {@code initiate} waits for the outcome; 0 otherwise.
 */
public record ControlRequest(Verb verb, Scope scope, String name, long timeoutMillis)
{
    /** The longest name accepted: longer ones are no connection of any swanctl.conf. */
    public static final int MAX_NAME_LENGTH = 255;

    /** The request's first word. */
    public enum Verb
    {
        /** {@code list-conns}. */
        LIST_CONNS("list-conns"),
        /** {@code list-sas}. */
        LIST_SAS("list-sas"),
        /** {@code initiate ike|child NAME TIMEOUT_MS}. */
        INITIATE("initiate"),
        /** {@code terminate ike|child NAME}. */
        TERMINATE("terminate"),
        /** {@code load-all}. */
        LOAD_ALL("load-all"),
        /** {@code rekey ike|child NAME}. */
        REKEY("rekey");

        private final String word;

        Verb(final String word)
        {
            this.word = word;
        }

        /** @return the word on the wire. */
        public String word()
        {
            return word;
        }
    }

    /** Which kind of SA a name stands for. */
    public enum Scope
    {
        /** The verb takes no name. */
        NONE,
        /** A connection: its IKE SA. */
        IKE,
        /** A child of a connection: its Child SA. */
        CHILD
    }

    /**
     * A parsed request line: the request, or why the line is not one.
     *
     * @param request the request, or null.
     * @param reason why the line was refused, or null.
     */
    public record Parsed(ControlRequest request, String reason)
    {
        /** @return true when the line was a request. */
        public boolean isOk()
        {
            return request != null;
        }
    }

    /**
     * Checks that the parts fit the verb.
     *
     * @throws IllegalArgumentException when they do not.
     */
    public ControlRequest
    {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        final boolean named = verb == Verb.INITIATE || verb == Verb.TERMINATE || verb == Verb.REKEY;
        if (named != (scope != Scope.NONE) || named == name.isEmpty())
        {
            throw new IllegalArgumentException(verb.word() + " " + (named ? "needs" : "takes no") + " ike|child NAME");
        }
        final String problem = nameProblem(name);
        if (named && problem != null)
        {
            throw new IllegalArgumentException(problem);
        }
        if ((verb == Verb.INITIATE) != (timeoutMillis > 0))
        {
            throw new IllegalArgumentException(verb.word() + ": a timeout is for initiate only, and must be positive");
        }
    }

    /** @return {@code list-conns}. */
    public static ControlRequest listConns()
    {
        return new ControlRequest(Verb.LIST_CONNS, Scope.NONE, "", 0);
    }

    /** @return {@code list-sas}. */
    public static ControlRequest listSas()
    {
        return new ControlRequest(Verb.LIST_SAS, Scope.NONE, "", 0);
    }

    /** @return {@code load-all}. */
    public static ControlRequest loadAll()
    {
        return new ControlRequest(Verb.LOAD_ALL, Scope.NONE, "", 0);
    }

    /**
     * @param scope IKE or CHILD.
     * @param name the connection or child.
     * @param timeoutMillis how long to wait for the outcome.
     * @return the request.
     */
    public static ControlRequest initiate(final Scope scope, final String name, final long timeoutMillis)
    {
        return new ControlRequest(Verb.INITIATE, scope, name, timeoutMillis);
    }

    /**
     * @param scope IKE or CHILD.
     * @param name the connection or child.
     * @return the request.
     */
    public static ControlRequest terminate(final Scope scope, final String name)
    {
        return new ControlRequest(Verb.TERMINATE, scope, name, 0);
    }

    /**
     * @param scope IKE or CHILD.
     * @param name the connection or child.
     * @return the request.
     */
    public static ControlRequest rekey(final Scope scope, final String name)
    {
        return new ControlRequest(Verb.REKEY, scope, name, 0);
    }

    /**
     * @param name a connection or child name.
     * @return why it cannot travel in a request line, or null when it can.
     */
    public static String nameProblem(final String name)
    {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH)
        {
            return "a name has 1 to " + MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c))
            {
                return "a name has no spaces or control characters";
            }
        }
        return null;
    }

    /** @return the request line, LF included. */
    public String toLine()
    {
        return switch (verb)
        {
            case INITIATE -> verb.word() + " " + scopeWord() + " " + name + " " + timeoutMillis + "\n";
            case TERMINATE, REKEY -> verb.word() + " " + scopeWord() + " " + name + "\n";
            default -> verb.word() + "\n";
        };
    }

    private String scopeWord()
    {
        return scope == Scope.IKE ? "ike" : "child";
    }

    /**
     * @param line a received request line, without its LF.
     * @return the request, or why the line is not one; never throws.
     */
    public static Parsed parse(final String line)
    {
        final String[] words = line.split(" ", -1);
        final Verb verb = verbOf(words[0]);
        if (verb == null)
        {
            return new Parsed(null, "unknown request '" + printable(words[0]) + "'");
        }
        final int expected = switch (verb)
        {
            case INITIATE -> 4;
            case TERMINATE, REKEY -> 3;
            default -> 1;
        };
        if (words.length != expected)
        {
            return new Parsed(null, verb.word() + " takes " + (expected - 1) + " argument(s), got " +
                (words.length - 1));
        }
        if (expected == 1)
        {
            return new Parsed(new ControlRequest(verb, Scope.NONE, "", 0), null);
        }
        final Scope scope = switch (words[1])
        {
            case "ike" -> Scope.IKE;
            case "child" -> Scope.CHILD;
            default -> null;
        };
        if (scope == null)
        {
            return new Parsed(null, verb.word() + ": expected ike or child, got '" + printable(words[1]) + "'");
        }
        final String problem = nameProblem(words[2]);
        if (problem != null)
        {
            return new Parsed(null, verb.word() + ": " + problem);
        }
        long timeout = 0;
        if (verb == Verb.INITIATE)
        {
            timeout = positiveMillis(words[3]);
            if (timeout <= 0)
            {
                return new Parsed(null, "initiate: the timeout must be a positive number of milliseconds, got '" +
                    printable(words[3]) + "'");
            }
        }
        return new Parsed(new ControlRequest(verb, scope, words[2], timeout), null);
    }

    private static Verb verbOf(final String word)
    {
        for (final Verb verb : Verb.values())
        {
            if (verb.word().equals(word))
            {
                return verb;
            }
        }
        return null;
    }

    private static long positiveMillis(final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /** Keeps a quoted piece of a bad request short and on one line. */
    private static String printable(final String text)
    {
        final String shortened = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        final StringBuilder out = new StringBuilder(shortened.length());
        shortened.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
