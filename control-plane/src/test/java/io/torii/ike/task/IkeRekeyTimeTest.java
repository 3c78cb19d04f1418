package io.torii.ike.task;

import static io.torii.ike.task.IkeRekeyExchangeTest.expect;
import static io.torii.ike.task.RekeyingPeers.MOON_NEW_SPIS;
import static io.torii.ike.task.RekeyingPeers.MOON_SPI;
import static io.torii.ike.task.RekeyingPeers.SECOND;
import static io.torii.ike.task.RekeyingPeers.SUN_SPI;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.IkeLifetime;
import io.torii.ike.message.ExchangeType;
import io.torii.ike.net.IkeDatagram;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * IKE SA lifetimes from swanctl.conf (rekey_time, rand_time, over_time), on a clock the test turns: the
 * rekey when due, the rekey's jitter, the successor's own schedule, and the Delete when a rekey did not
 * complete within over_time.
 */
class IkeRekeyTimeTest
{
    private static final String SUN_NEVER = "rekey_time = 0s";
    private static final String PROPOSALS = "aes256gcm16-prfsha256-x25519";

    @Test
    void theSaIsRekeyedAtRekeyTimeAndTheSuccessorAgainAfterIt()
    {
        final RekeyingPeers peers = new RekeyingPeers("rekey_time = 30s\nrand_time = 0s", SUN_NEVER, PROPOSALS,
            PROPOSALS, 21);
        final IkeSession first = peers.moon();
        assertThat(peers.moonTimers(29 * SECOND)).isEmpty();
        // At 30 s: moon -> sun   CREATE_CHILD_SA with IKE proposals, ID 2.
        final List<IkeDatagram> rekey = peers.moonTimers(30 * SECOND);
        expect(rekey.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, false, 2);
        peers.relay(rekey, List.of(), 30 * SECOND);
        assertThat(first.state()).isEqualTo(IkeSession.State.CLOSED);
        final IkeSession second = peers.moon();
        assertThat(second.initiatorSpi()).isEqualTo(MOON_NEW_SPIS + 1);
        // The successor's clock starts at its birth: its rekey comes 30 s later, at 60 s, with ID 0.
        assertThat(peers.moonTimers(59 * SECOND)).isEmpty();
        final List<IkeDatagram> again = peers.moonTimers(60 * SECOND);
        expect(again.getFirst(), MOON_NEW_SPIS + 1, peers.sun().responderSpi(), ExchangeType.CREATE_CHILD_SA,
            false, 0);
        peers.relay(again, List.of(), 60 * SECOND);
        assertThat(peers.moon().initiatorSpi()).isEqualTo(MOON_NEW_SPIS + 2);
        assertThat(peers.moon().children()).hasSize(1);
        assertThat(peers.moonInstaller.removed).isEmpty();
    }

    @Test
    void randTimeMovesTheRekeyEarlierByAtMostItself()
    {
        final RekeyingPeers peers = new RekeyingPeers("rekey_time = 30s\nrand_time = 10s", SUN_NEVER, PROPOSALS,
            PROPOSALS, 22);
        long rekeyedAt = -1;
        for (long second = 0; second <= 30 && rekeyedAt < 0; second++)
        {
            if (!peers.moonTimers(second * SECOND).isEmpty())
            {
                rekeyedAt = second;
            }
        }
        assertThat(rekeyedAt).isBetween(20L, 30L);
    }

    @Test
    void theScheduleSubtractsARandomPartOfRandTimeAndExpiresOverTimeLater()
    {
        final IkeLifetime lifetime = new IkeLifetime(Duration.ofHours(4), Duration.ZERO, Duration.ofMinutes(24),
            Duration.ofMinutes(24));
        final Random random = new Random(5);
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < 200; i++)
        {
            final IkeRekeySchedule schedule = IkeRekeySchedule.start(lifetime, 1_000, random);
            earliest = Math.min(earliest, schedule.rekeyAt());
            latest = Math.max(latest, schedule.rekeyAt());
            assertThat(schedule.expireAt() - schedule.rekeyAt()).isEqualTo(Duration.ofMinutes(24).toNanos());
        }
        assertThat(earliest).isGreaterThan(1_000 + Duration.ofMinutes(216).toNanos());
        assertThat(latest).isLessThanOrEqualTo(1_000 + Duration.ofHours(4).toNanos());
        assertThat(latest - earliest).as("the jitter spreads").isGreaterThan(Duration.ofMinutes(20).toNanos());
        final IkeRekeySchedule never = IkeRekeySchedule.start(new IkeLifetime(Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO), 0, random);
        assertThat(never.enabled()).isFalse();
        assertThat(never.rekeyDue(Long.MAX_VALUE)).isFalse();
        assertThat(never.expired(Long.MAX_VALUE)).isFalse();
    }

    /**
     * Sun is gone: moon's rekey at 30 s goes unanswered; at 40 s (over_time 10 s) moon gives the rekey up and
     * deletes the SA, with the next message ID; unanswered too, the SA goes and takes its Child SAs along.
     */
    @Test
    void anSaWhoseRekeyDoesNotCompleteWithinOverTimeIsDeleted()
    {
        final RekeyingPeers peers = new RekeyingPeers("rekey_time = 30s\nrand_time = 0s\nover_time = 10s",
            SUN_NEVER, PROPOSALS, PROPOSALS, 23);
        final IkeSession moon = peers.moon();
        final List<IkeDatagram> rekey = peers.moonTimers(30 * SECOND);
        expect(rekey.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, false, 2);
        for (long second = 31; second < 40; second++)
        {
            peers.moonTimers(second * SECOND).forEach(datagram ->
                expect(datagram, MOON_SPI, SUN_SPI, ExchangeType.CREATE_CHILD_SA, false, 2));
        }
        final List<IkeDatagram> delete = peers.moonTimers(40 * SECOND);
        expect(delete.getFirst(), MOON_SPI, SUN_SPI, ExchangeType.INFORMATIONAL, false, 3);
        assertThat(moon.takeEvents()).anyMatch(event -> event.contains("over_time"));
        for (long second = 41; second < 400 && moon.state() != IkeSession.State.CLOSED; second++)
        {
            peers.moonTimers(second * SECOND);
        }
        assertThat(moon.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(peers.moonSessions).hasSize(1);
        assertThat(peers.moonInstaller.active()).isEmpty();
        assertThat(moon.context().keys.closed()).isTrue();
    }

    /** A replaced SA whose Delete never comes goes by itself after 90 s, leaving the Child SAs installed. */
    @Test
    void aReplacedSaThatIsNeverDeletedGoesQuietly()
    {
        final RekeyingPeers peers = RekeyingPeers.manual(24);
        final IkeSession oldSun = peers.sun();
        // moon -> sun   the rekey; sun answers, and moon's Delete of the old SA is lost.
        peers.toSun(peers.moon().rekeyIke(0), 0);
        assertThat(oldSun.superseded()).isTrue();
        assertThat(oldSun.onTimer(89 * SECOND)).isEmpty();
        assertThat(oldSun.state()).isEqualTo(IkeSession.State.ESTABLISHED);
        assertThat(oldSun.onTimer(90 * SECOND)).isEmpty();
        assertThat(oldSun.state()).isEqualTo(IkeSession.State.CLOSED);
        assertThat(oldSun.takeEvents()).isEmpty();
        assertThat(peers.sun().children()).hasSize(1);
        assertThat(peers.sunInstaller.removed).isEmpty();
    }
}
