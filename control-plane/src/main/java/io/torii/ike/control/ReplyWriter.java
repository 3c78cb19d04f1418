package io.torii.ike.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes reply lines to a control connection.
 */
final class ReplyWriter
{
    private final WritableByteChannel channel;

    ReplyWriter(final WritableByteChannel channel)
    {
        this.channel = channel;
    }

    /**
     * @param line the line to send.
     * @throws IOException when the client went away.
     */
    void send(final ReplyLine line) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(line.toWire().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining())
        {
            channel.write(bytes);
        }
    }
}
