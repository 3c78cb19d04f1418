package io.torii.ike.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serial;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The command line's side of the control socket: sends one request and hands back the reply lines.
 */
public final class ControlClient
{
    /** No daemon listens on the run directory's control socket. */
    public static final class NoDaemonException extends IOException
    {
        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * @param message names the run directory.
         * @param cause what connecting said, or null.
         */
        public NoDaemonException(final String message, final Throwable cause)
        {
            super(message, cause);
        }
    }

    private ControlClient()
    {
    }

    /**
     * @param runDirectory the daemon's run directory.
     * @param request the request.
     * @param onLine told each {@code DATA} and {@code LOG} line as it arrives.
     * @return the last line, {@code OK} or {@code ERROR}.
     * @throws NoDaemonException when no daemon serves that run directory.
     * @throws IOException when the connection breaks or the reply ends without its last line.
     */
    public static ReplyLine call(final Path runDirectory, final ControlRequest request,
        final Consumer<ReplyLine> onLine) throws IOException
    {
        final Path socket = ControlProtocol.socketPath(runDirectory);
        if (!Files.exists(socket))
        {
            throw new NoDaemonException("no daemon runs with run directory " + runDirectory + " (no " + socket +
                ")", null);
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            try
            {
                channel.connect(UnixDomainSocketAddress.of(socket));
            }
            catch (final SocketException ex)
            {
                throw new NoDaemonException("no daemon runs with run directory " + runDirectory + " (" + socket +
                    ": " + ex.getMessage() + ")", ex);
            }
            final ByteBuffer bytes = ByteBuffer.wrap(request.toLine().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
            final BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8));
            for (String text = in.readLine(); text != null; text = in.readLine())
            {
                final ReplyLine line = ReplyLine.parse(text);
                if (line.isFinal())
                {
                    return line;
                }
                onLine.accept(line);
            }
            throw new IOException("the daemon closed " + socket + " without finishing its answer");
        }
    }
}
