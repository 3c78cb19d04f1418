package io.torii.ike.dos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.ike.dos.HalfOpenTracker.Verdict;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** strongSwan's thresholds: cookies from 3 half-open SAs per address or 30 in all, drops from 5 per address. */
class HalfOpenTrackerTest
{
    private final HalfOpenTracker tracker = new HalfOpenTracker(HalfOpenLimits.STRONGSWAN_DEFAULTS);

    private static InetAddress address(final int host)
    {
        try
        {
            return InetAddress.getByAddress(new byte[] {(byte)203, 0, 113, (byte)host});
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void oneAddressGetsAnswersThenCookieDemandsThenNothing()
    {
        final InetAddress peer = address(1);
        for (int i = 0; i < 3; i++)
        {
            assertThat(tracker.verdict(peer)).as("with %d half-open", i).isEqualTo(Verdict.ANSWER);
            tracker.opened(peer);
        }
        assertThat(tracker.verdict(peer)).isEqualTo(Verdict.REQUIRE_COOKIE);
        tracker.opened(peer);
        tracker.opened(peer);
        assertThat(tracker.verdict(peer)).isEqualTo(Verdict.DROP);
        assertThat(tracker.verdict(address(2))).as("others unaffected").isEqualTo(Verdict.ANSWER);

        tracker.closed(peer);
        assertThat(tracker.verdict(peer)).isEqualTo(Verdict.REQUIRE_COOKIE);
        assertThat(tracker.dropped()).isEqualTo(1);
        assertThat(tracker.cookiesDemanded()).isEqualTo(2);
    }

    @Test
    void thirtyHalfOpenInAllDemandCookiesFromEveryone()
    {
        for (int host = 1; host <= 15; host++)
        {
            tracker.opened(address(host));
            tracker.opened(address(host));
        }
        assertThat(tracker.total()).isEqualTo(30);
        assertThat(tracker.verdict(address(99))).isEqualTo(Verdict.REQUIRE_COOKIE);
        tracker.closed(address(1));
        assertThat(tracker.verdict(address(99))).isEqualTo(Verdict.ANSWER);
    }

    @Test
    void zeroThresholdsMeanAlwaysCookiesAndNeverDrops()
    {
        final HalfOpenTracker strict = new HalfOpenTracker(new HalfOpenLimits(0, 3, 0, 1));
        for (int i = 0; i < 10; i++)
        {
            strict.opened(address(1));
        }
        assertThat(strict.verdict(address(1))).isEqualTo(Verdict.REQUIRE_COOKIE);
        assertThat(strict.verdict(address(2))).isEqualTo(Verdict.REQUIRE_COOKIE);
    }

    @Test
    void closingWhatWasNeverOpenIsABookkeepingError()
    {
        assertThatThrownBy(() -> tracker.closed(address(7))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new HalfOpenLimits(-1, 3, 5, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Handlers share one tracker: counts opened and closed on four threads at once add up, per address too. */
    @Test
    void handlersOpeningAndClosingAtOnceLeaveExactCounts() throws Exception
    {
        final int threads = 4;
        final int rounds = 20_000;
        final CyclicBarrier start = new CyclicBarrier(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads))
        {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                done.add(pool.submit(() ->
                {
                    start.await();
                    for (int i = 0; i < rounds; i++)
                    {
                        // Two addresses every thread uses, so that updates of one address's count collide.
                        final InetAddress peer = address(1 + (i & 1));
                        tracker.opened(peer);
                        if (i % 3 != 0)
                        {
                            tracker.closed(peer);
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> future : done)
            {
                future.get(60, TimeUnit.SECONDS);
            }
        }

        final int leftOpen = threads * ((rounds + 2) / 3);
        assertThat(tracker.total()).isEqualTo(leftOpen);
        assertThat(tracker.halfOpen(address(1)) + tracker.halfOpen(address(2))).isEqualTo(leftOpen);
    }
}
