package io.torii.ike.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the control socket {@code RUN_DIR/torii.ctl} ({@link ControlProtocol}): a thread of its own
 * accepts connections, and each connection's one request is read and answered on a virtual thread,
 * so a slow {@code initiate} does not hold up a {@code list-sas}. The requests themselves run on the
 * IKE agent's thread through {@link IkeControl}.
 */
public final class ControlServer implements AutoCloseable
{
    private final Path socket;
    private final ServerSocketChannel server;
    private final ControlRequestHandler handler;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(final Path socket, final ServerSocketChannel server, final ControlRequestHandler handler)
    {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.acceptor = Thread.ofPlatform().daemon().name("torii-control").unstarted(this::acceptLoop);
    }

    /**
     * Binds the socket (replacing a stale one: the run directory's pid file already says no other daemon
     * uses it), makes it the owner's alone and starts serving.
     *
     * @param runDirectory the daemon's run directory.
     * @param control the agent-side half: one IKE agent's, or every IKE handler's together.
     * @param log the daemon's log, for {@code initiate}.
     * @param loader reads the swanctl.conf again, for {@code load-all}.
     * @return the running server.
     * @throws IOException when the socket cannot be bound.
     */
    public static ControlServer start(final Path runDirectory, final IkeCommands control, final LogTap log,
        final ConnectionsLoader loader) throws IOException
    {
        final Path socket = ControlProtocol.socketPath(runDirectory);
        Files.deleteIfExists(socket);
        final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try
        {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            server.close();
            throw ex instanceof IOException io ? io : new IOException(ex.getMessage(), ex);
        }
        final ControlServer running = new ControlServer(socket, server, new ControlRequestHandler(
            Objects.requireNonNull(control, "control"), Objects.requireNonNull(log, "log"),
            Objects.requireNonNull(loader, "loader")));
        running.acceptor.start();
        return running;
    }

    /** @return the socket's path. */
    public Path socket()
    {
        return socket;
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final SocketChannel channel = server.accept();
                open.add(channel);
                Thread.ofVirtual().name("torii-control-request").start(() -> serve(channel));
            }
            catch (final ClosedChannelException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                if (closed)
                {
                    return;
                }
            }
        }
    }

    private void serve(final SocketChannel channel)
    {
        try (channel)
        {
            final InputStream in = Channels.newInputStream(channel);
            final String line = readLine(in);
            final ReplyWriter reply = new ReplyWriter(channel);
            if (line == null)
            {
                reply.send(new ReplyLine(ControlProtocol.ERROR, "a request is one line of at most " +
                    ControlProtocol.MAX_LINE_BYTES + " bytes"));
                // Reading the rest lets the answer arrive: closing with unread bytes would reset the connection.
                channel.shutdownOutput();
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            final ControlRequest.Parsed parsed = ControlRequest.parse(line);
            if (!parsed.isOk())
            {
                reply.send(new ReplyLine(ControlProtocol.ERROR, parsed.reason()));
                return;
            }
            handler.handle(parsed.request(), reply);
        }
        catch (final IOException ex)
        {
            // The client went away; nothing is left to answer.
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            open.remove(channel);
        }
    }

    /** @return the line without its LF, or null when it is too long or ends early. */
    private static String readLine(final InputStream in) throws IOException
    {
        final byte[] line = new byte[ControlProtocol.MAX_LINE_BYTES];
        int length = 0;
        while (length < line.length)
        {
            final int b = in.read();
            if (b < 0)
            {
                return null;
            }
            if (b == '\n')
            {
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            line[length++] = (byte)b;
        }
        return null;
    }

    /** Stops serving, ends open requests and removes the socket file. */
    @Override
    public void close()
    {
        closed = true;
        try
        {
            server.close();
        }
        catch (final IOException ignored)
        {
            // Closing is all that is left to do with it.
        }
        for (final SocketChannel channel : open)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // Its request ends with the daemon.
            }
        }
        try
        {
            Files.deleteIfExists(socket);
        }
        catch (final IOException ignored)
        {
            // A stale socket is replaced at the next start.
        }
    }
}
