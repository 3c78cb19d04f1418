package io.torii.interop;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed number of echo requests at a fixed rate from one namespace, running in the background while a
 * test does other things, and counted at the end from ping's own summary
 * ({@code 2400 packets transmitted, 2400 received, 0% packet loss}). Loss is what the tunnel dropped:
 * each reply has {@value #REPLY_WAIT_SECONDS} s to come back, far more than a round trip through two
 * userspace gateways on one machine takes, so a late reply is not mistaken for a lost one.
 */
final class CountedPing implements AutoCloseable
{
    /** How long ping waits for the last reply ({@code -W}). */
    static final int REPLY_WAIT_SECONDS = 2;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    private final Process ping;
    private final int count;
    private final Duration interval;

    /**
     * The counts.
     *
     * @param transmitted echo requests sent.
     * @param received replies received.
     * @param output what ping printed, for failure messages.
     */
    record Result(int transmitted, int received, String output)
    {
        /** @return requests without a reply. */
        int lost()
        {
            return transmitted - received;
        }
    }

    private CountedPing(final Process ping, final int count, final Duration interval)
    {
        this.ping = ping;
        this.count = count;
        this.interval = interval;
    }

    /**
     * Starts ping; it prints only its summary ({@code -q}).
     *
     * @param namespace where it runs.
     * @param destination the address pinged.
     * @param interval the gap between requests; below 200 ms needs root.
     * @param duration how long it sends; the count is this divided by the interval.
     * @return the running ping.
     */
    static CountedPing start(final String namespace, final String destination, final Duration interval,
        final Duration duration)
    {
        final int count = (int)Math.max(1, duration.toMillis() / interval.toMillis());
        final String gap = String.format(java.util.Locale.ROOT, "%.3f", interval.toMillis() / 1000.0);
        try
        {
            final Process process = new ProcessBuilder("ip", "netns", "exec", namespace, "ping", "-q", "-n", "-i", gap,
                "-c", Integer.toString(count), "-W", Integer.toString(REPLY_WAIT_SECONDS), destination)
                .redirectErrorStream(true).start();
            ProcessGuard.watch(process);
            return new CountedPing(process, count, interval);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start ping in " + namespace, ex);
        }
    }

    /** @return whether ping is still sending or waiting for its last replies. */
    boolean isRunning()
    {
        return ping.isAlive();
    }

    /**
     * Waits for ping to finish and reads its summary.
     *
     * @return the counts; transmitted is -1 when ping printed no summary (it could not run).
     * @throws IllegalStateException when ping runs well past its expected time.
     */
    Result await()
    {
        final long limit = interval.toMillis() * count + TimeUnit.SECONDS.toMillis(REPLY_WAIT_SECONDS + 30);
        try
        {
            if (!ping.waitFor(limit, TimeUnit.MILLISECONDS))
            {
                close();
                throw new IllegalStateException("ping ran longer than " + limit + " ms");
            }
            final String output = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ProcessGuard.release(ping);
            return parse(output);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for ping", ex);
        }
    }

    /**
     * Waits until one ping through the tunnel is answered: an SA shown installed by one side's listing may
     * still be on its way into the other side's dataplane, and a counted run must not start before both
     * carry traffic.
     *
     * @param lab the lab the namespace belongs to.
     * @param namespace where to ping from.
     * @param destination the address to ping.
     * @param timeout how long to keep trying.
     * @return true when a reply came back in time.
     */
    static boolean awaitReply(final NetworkLab lab, final String namespace, final String destination,
        final Duration timeout)
    {
        final Commands.Result last = Polling.until(() -> lab.exec(namespace, "ping", "-c", "1", "-W", "1",
            destination), result -> result.exitCode() == 0, timeout);
        return last.exitCode() == 0;
    }

    /**
     * @param output what ping printed.
     * @return its counts; -1 transmitted when there is no summary line.
     */
    static Result parse(final String output)
    {
        final Matcher summary = SUMMARY.matcher(output);
        if (!summary.find())
        {
            return new Result(-1, 0, output);
        }
        return new Result(Integer.parseInt(summary.group(1)), Integer.parseInt(summary.group(2)), output);
    }

    /** Stops ping if it still runs. */
    @Override
    public void close()
    {
        if (ping.isAlive())
        {
            ProcessGuard.stop(ping, Duration.ofSeconds(2));
        }
    }
}
