package io.torii.ike.control;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The daemon's log, passed through to where it went before and also handed line by line to listeners:
 * an {@code initiate} request streams the lines of its SA back to the command, as swanctl does.
 * Listeners run on the thread that logs (the IKE agent's), so they only queue the line. Lines reach the
 * delegate whole, one write each, so that threads logging at once never mix their lines.
 */
public final class LogTap extends OutputStream
{
    private final PrintStream delegate;
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * @param delegate where every line still goes.
     */
    public LogTap(final PrintStream delegate)
    {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return a print stream that writes through this tap, flushing at each line. */
    public PrintStream printStream()
    {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    /**
     * @param listener told each complete line, without its LF, until removed.
     */
    public void addListener(final Consumer<String> listener)
    {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @param listener a listener added before.
     */
    public void removeListener(final Consumer<String> listener)
    {
        listeners.remove(listener);
    }

    @Override
    public synchronized void write(final int b)
    {
        if (b == '\n')
        {
            final String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            // One call per whole line: other threads print to the same stream, and lines must not mix.
            delegate.print(text + "\n");
            delegate.flush();
            for (final Consumer<String> listener : listeners)
            {
                listener.accept(text);
            }
        }
        else
        {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(final byte[] bytes, final int offset, final int length)
    {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        for (int i = offset; i < offset + length; i++)
        {
            write(bytes[i]);
        }
    }

    @Override
    public void flush()
    {
        delegate.flush();
    }
}
