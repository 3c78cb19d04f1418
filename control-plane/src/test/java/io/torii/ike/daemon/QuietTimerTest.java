package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.task.IkeSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manager's timer passes quiet SAs over between visits {@link IkeSaManager#QUIET_VISIT_NANOS} apart: an
 * idle, established SA's own timers are in seconds, and visiting thousands of them every 20 ms tick cost the
 * IKE threads a quarter of their time under load. What comes due on a quiet SA is then at most that late; an
 * SA with a request in flight is visited every tick, so its retransmissions keep their schedule.
 */
class QuietTimerTest
{
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000 * MILLI;
    private static final long TICK = 10 * MILLI;

    @Test
    void aQuietSasLivenessCheckIsAtMostOneVisitLateAndItsRetransmissionsKeepTheirSchedule()
    {
        final LifecyclePeers peers = new LifecyclePeers("dpd_delay = 5s", "dpd_action = clear", "", "");
        assertThat(peers.moon.initiate("gw", peers.now)).isNull();
        peers.pump();
        final IkeSession session = peers.moon.sessions().values().iterator().next();
        assertThat(session.state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(session.quiet()).as("established, nothing in flight").isTrue();
        final long lastHeard = peers.now;
        peers.killSun();

        // Every tick runs the timer; what moon sends goes nowhere, and is timed.
        final List<Long> sends = new ArrayList<>();
        boolean quietAtFirstSend = true;
        for (long at = lastHeard + TICK; at <= lastHeard + 8 * SECOND; at += TICK)
        {
            peers.now = at;
            peers.moon.onTimer(at);
            if (!peers.toSun.isEmpty())
            {
                sends.add(at - lastHeard);
                if (sends.size() == 1)
                {
                    quietAtFirstSend = session.quiet();
                }
                peers.toSun.clear();
            }
        }

        assertThat(sends).as("the liveness check and its retransmissions (1 s, then 2 s)")
            .hasSizeGreaterThanOrEqualTo(2);
        assertThat(sends.getFirst()).as("the check, dpd_delay after the last message, at most one quiet visit late")
            .isBetween(5 * SECOND, 5 * SECOND + IkeSaManager.QUIET_VISIT_NANOS);
        assertThat(quietAtFirstSend).as("a request in flight").isFalse();
        assertThat(sends.get(1) - sends.getFirst()).as("the first retransmission, 1 s on, to the tick")
            .isEqualTo((long)(LifecyclePeers.QUICK.timeoutSeconds() * SECOND));
    }

    @Test
    void aQuietSaIsVisitedAFewTimesASecondAndOneWithARequestInFlightEveryTick()
    {
        final LifecyclePeers peers = new LifecyclePeers("dpd_delay = 5s", "dpd_action = clear", "", "");
        assertThat(peers.moon.initiate("gw", peers.now)).isNull();
        peers.pump();
        final IkeSession session = peers.moon.sessions().values().iterator().next();
        final long start = peers.now;

        final long quietVisits = visitsOverOneSecond(peers, start);
        assertThat(session.quiet()).isTrue();
        assertThat(quietVisits).as("100 ticks, one visit per quiet interval")
            .isBetween(SECOND / IkeSaManager.QUIET_VISIT_NANOS, SECOND / IkeSaManager.QUIET_VISIT_NANOS + 1);

        // The peer goes silent; at 5 s moon checks liveness and waits for the answer.
        peers.killSun();
        visitsOverOneSecond(peers, start + 4 * SECOND);
        visitsOverOneSecond(peers, start + 5 * SECOND);
        assertThat(session.quiet()).as("the liveness check in flight").isFalse();
        assertThat(visitsOverOneSecond(peers, start + 6 * SECOND)).as("every tick").isEqualTo(SECOND / TICK);
    }

    /** Runs moon's timer every tick for the second after {@code from}; returns how many SA visits it made. */
    private static long visitsOverOneSecond(final LifecyclePeers peers, final long from)
    {
        final long before = peers.moon.timerVisits();
        for (long at = from + TICK; at <= from + SECOND; at += TICK)
        {
            peers.now = at;
            peers.moon.onTimer(at);
            peers.pump();
            peers.toSun.clear();
        }
        return peers.moon.timerVisits() - before;
    }
}
