package io.torii.dataplane.worker;

import static io.torii.dataplane.worker.EventGateway.SECOND;
import static io.torii.dataplane.worker.EventGateway.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.EventIntervals;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A protect policy whose tunnel has no outbound SA (strongSwan's trap policy): its packets are dropped as
 * {@link Disposition#ACQUIRE}, never sent in clear, and the control plane gets one acquire per policy per
 * interval, with the first packet's addresses, protocol and ports, through the real events ring.
 */
class AcquireEventsTest
{
    private final EventGateway gateway = new EventGateway(new EventIntervals(0, SECOND));

    @AfterEach
    void close()
    {
        gateway.close();
    }

    private void send(final String source, final String destination)
    {
        gateway.lan.inject(Packets.udp(source, destination, 60, 1));
        gateway.settle();
    }

    @Test
    void theFirstPacketRaisesAnAcquireAndThePolicyWaitsForTheInterval()
    {
        gateway.policies("10.1.0.0/24", "10.2.0.0/24");

        send("10.1.0.5", "10.2.0.7");
        send("10.1.0.6", "10.2.0.8");
        assertThat(gateway.takeEvents()).containsExactly("acquire 100 17 10.1.0.5 5000 10.2.0.7 6000");
        gateway.now += SECOND / 2;
        send("10.1.0.6", "10.2.0.8");
        assertThat(gateway.takeEvents()).as("within the interval").isEmpty();
        gateway.now += SECOND / 2;
        send("10.1.0.6", "10.2.0.8");
        assertThat(gateway.takeEvents()).containsExactly("acquire 100 17 10.1.0.6 5000 10.2.0.8 6000");

        assertThat(gateway.wan.drain()).as("nothing leaves in clear").isEmpty();
        assertThat(gateway.table.counters().total(Disposition.ACQUIRE)).isEqualTo(4);
    }

    @Test
    void eachPolicyIsLimitedOnItsOwnAndIpv6AddressesGoUpWhole()
    {
        gateway.policies("10.1.0.0/24", "10.2.0.0/24");
        gateway.control.addPolicy(gateway.control.nextCorrelationId(), 200, "2001:db8:1::/48", "2001:db8:2::/48",
            PolicyDirection.OUTBOUND, PolicyAction.PROTECT, 10, 9);
        gateway.settle();

        send("10.1.0.5", "10.2.0.7");
        send("2001:db8:1::5", "2001:db8:2::7");

        assertThat(gateway.takeEvents()).containsExactly(
            "acquire 100 17 10.1.0.5 5000 10.2.0.7 6000",
            "acquire 200 17 2001:db8:1:0:0:0:0:5 5000 2001:db8:2:0:0:0:0:7 6000");
    }

    @Test
    void onceTheSaIsInstalledPacketsAreProtectedAndNoAcquireFollows()
    {
        gateway.policies("10.1.0.0/24", "10.2.0.0/24");
        send("10.1.0.5", "10.2.0.7");
        assertThat(gateway.takeEvents()).hasSize(1);

        gateway.addSa(sa("out", 0x1000, "192.0.2.1", "192.0.2.2", 1), Direction.OUTBOUND, SaLifetimes.NONE);
        gateway.now += 5 * SECOND;
        send("10.1.0.5", "10.2.0.7");

        assertThat(gateway.takeEvents()).isEmpty();
        assertThat(gateway.wan.drain()).singleElement().satisfies(esp -> assertThat(esp[9]).isEqualTo((byte)17));
        assertThat(gateway.table.counters().total(Disposition.ACQUIRE)).isEqualTo(1);
    }
}
