package io.torii.nativeshim;

/**
 * A packet port could not be opened or queried: the system call's errno and what it means.
 *
 * <p>Thrown only by set-up and queries, never by the batch calls, which return errors as counts
 * and statuses.
 */
public final class PortException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** {@code EPERM}: the caller lacks a capability (raw sockets, namespaces, TUN need root). */
    public static final int EPERM = 1;
    /** {@code ENOENT}: no such file, such as a namespace that does not exist. */
    public static final int ENOENT = 2;
    /** {@code EINVAL}: an argument the kernel refused. */
    public static final int EINVAL = 22;
    /** {@code EADDRINUSE}: another socket holds the address and port. */
    public static final int EADDRINUSE = 98;
    /** {@code EADDRNOTAVAIL}: the address is not one of this host's (or, for IPv6, still tentative). */
    public static final int EADDRNOTAVAIL = 99;

    private final int errno;

    /**
     * @param what what failed, such as {@code "cannot bind UDP 192.0.2.1:4500"}.
     * @param errno the positive errno.
     * @param text the errno's text.
     */
    PortException(final String what, final int errno, final String text)
    {
        super(what + ": " + text + " (errno " + errno + ")");
        this.errno = errno;
    }

    /** @return the positive errno the system call failed with. */
    public int errno()
    {
        return errno;
    }
}
