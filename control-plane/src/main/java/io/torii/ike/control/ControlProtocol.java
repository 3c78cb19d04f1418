package io.torii.ike.control;

import java.nio.file.Path;

/**
 * The control socket's protocol: one request per connection, text lines in UTF-8 ended by LF.
 *
 * <pre>
 * client                                      daemon
 *   request line  ---------------------------&gt;
 *                 &lt;---------------------------  DATA kind key=value ...   (zero or more)
 *                 &lt;---------------------------  LOG text                   (zero or more)
 *                 &lt;---------------------------  OK [text] | ERROR text     (exactly one, last)
 *                                              then the daemon closes the connection
 * </pre>
 *
 * <p>Requests (words separated by one space, at most {@link #MAX_LINE_BYTES} bytes):
 * <ul>
 * <li>{@code list-conns}: one {@code DATA conn} record per connection, each followed by its
 *     {@code DATA conn-child} records.</li>
 * <li>{@code list-sas}: one {@code DATA ike-sa} record per IKE SA, each followed by its
 *     {@code DATA child-sa} records.</li>
 * <li>{@code initiate ike|child NAME TIMEOUT_MS}: starts the connection, streams the daemon's log lines
 *     that name it as {@code LOG}, and answers once it is established or failed, or after the timeout
 *     (the SA keeps trying, as with swanctl).</li>
 * <li>{@code terminate ike|child NAME}: removes the SAs.</li>
 * <li>{@code rekey ike|child NAME}: rekeys the IKE SAs of a connection, or the Child SAs of a name,
 *     make-before-break; the answer says the rekeys are under way.</li>
 * <li>{@code load-all}: reads the daemon's swanctl.conf again and replaces its connections; SAs stay.</li>
 * </ul>
 * A {@code DATA} record is a kind and {@code key=value} fields separated by spaces; values are
 * percent-escaped ({@link ControlRecord}). The socket is the daemon's, mode 0600: whoever may use it may
 * run the gateway.
 */
public final class ControlProtocol
{
    /** The socket's name in the run directory. */
    public static final String SOCKET_NAME = "torii.ctl";
    /** The longest request line, LF included; longer ones are refused. */
    public static final int MAX_LINE_BYTES = 1024;
    /** A record of a {@code list-*} answer. */
    public static final String DATA = "DATA";
    /** A daemon log line. */
    public static final String LOG = "LOG";
    /** The last line of a request that succeeded. */
    public static final String OK = "OK";
    /** The last line of a request that failed. */
    public static final String ERROR = "ERROR";

    private ControlProtocol()
    {
    }

    /**
     * @param runDirectory a daemon's run directory.
     * @return where its control socket is.
     */
    public static Path socketPath(final Path runDirectory)
    {
        return runDirectory.resolve(SOCKET_NAME);
    }
}
