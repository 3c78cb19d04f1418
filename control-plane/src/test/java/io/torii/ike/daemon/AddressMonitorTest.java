package io.torii.ike.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The address monitor polls once a period and tells its listener of changes only. */
class AddressMonitorTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final InetAddress OLD = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress NEW = InetAddress.ofLiteral("192.0.2.9");
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private final FakeAddressSource host = new FakeAddressSource();
    private final List<String> told = new ArrayList<>();
    private long now = 5 * SECOND;
    private boolean delivering = true;
    private final AddressMonitor monitor = new AddressMonitor(host, () -> now, SECOND, 10 * SECOND,
        (addresses, changed, at) -> told.add(at / SECOND + "s " + (changed ? "" : "routes ") + addresses.stream()
            .map(InetAddress::getHostAddress).sorted().toList()) && delivering);

    @Test
    void theFirstPollLearnsTheAddressesAndLaterOnesReportOnlyChanges()
    {
        host.held.addAll(Set.of(LOOPBACK, OLD));
        assertThat(monitor.doWork()).isZero();
        now += SECOND;
        assertThat(monitor.doWork()).as("nothing changed").isZero();

        host.held.add(NEW);
        now += SECOND;
        assertThat(monitor.doWork()).isEqualTo(1);
        host.held.remove(OLD);
        now += SECOND;
        assertThat(monitor.doWork()).isEqualTo(1);

        assertThat(told).containsExactly("7s [127.0.0.1, 192.0.2.1, 192.0.2.9]", "8s [127.0.0.1, 192.0.2.9]");
        assertThat(monitor.changes()).isEqualTo(2);
    }

    @Test
    void betweenPollsTheHostIsNotAsked()
    {
        host.held.add(OLD);
        monitor.doWork();
        host.held.add(NEW);
        for (int i = 0; i < 10; i++)
        {
            now += SECOND / 20;
            assertThat(monitor.doWork()).as("%d ms after the last poll", (i + 1) * 50).isZero();
        }
        assertThat(host.polls).isEqualTo(1);
        assertThat(told).isEmpty();
        now += SECOND / 2;
        assertThat(monitor.doWork()).isEqualTo(1);
        assertThat(host.polls).isEqualTo(2);
    }

    @Test
    void anUnreadableAnswerIsNoChangeAndTheNextPollComparesWithWhatWasSeenBefore()
    {
        host.held.add(OLD);
        monitor.doWork();
        host.held.clear();
        now += SECOND;
        assertThat(monitor.doWork()).as("an empty answer is not every address gone").isZero();
        host.held.add(OLD);
        now += SECOND;
        assertThat(monitor.doWork()).as("the same addresses as before the unreadable poll").isZero();
        assertThat(told).isEmpty();
    }

    @Test
    void periodsThatCannotWorkAreRefused()
    {
        assertThatThrownBy(() -> new AddressMonitor(host, () -> now, 0, SECOND, (addresses, changed, at) -> true))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressMonitor(host, () -> now, SECOND, SECOND / 2,
            (addresses, changed, at) -> true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAChangeTheRoutesAreLookedAtAgainEveryRouteCheckPeriod()
    {
        host.held.add(OLD);
        monitor.doWork();
        int work = 0;
        for (int second = 1; second <= 25; second++)
        {
            now += SECOND;
            work += monitor.doWork();
            if (second == 14)
            {
                // A change restarts the route check period.
                host.held.add(NEW);
            }
        }

        assertThat(told).containsExactly("15s routes [192.0.2.1]", "20s [192.0.2.1, 192.0.2.9]",
            "30s routes [192.0.2.1, 192.0.2.9]");
        assertThat(work).isEqualTo(3);
        assertThat(monitor.changes()).isEqualTo(1);
    }

    @Test
    void aChangeThatCouldNotBeHandedOnIsReportedAgainAtTheNextPoll()
    {
        host.held.add(OLD);
        monitor.doWork();
        host.move(OLD, NEW, OLD);
        delivering = false;
        now += SECOND;
        monitor.doWork();
        delivering = true;
        now += SECOND;
        monitor.doWork();
        now += SECOND;
        assertThat(monitor.doWork()).as("handed on, so no longer a change").isZero();

        assertThat(told).containsExactly("6s [192.0.2.9]", "7s [192.0.2.9]");
        assertThat(monitor.changes()).isEqualTo(1);
    }
}
