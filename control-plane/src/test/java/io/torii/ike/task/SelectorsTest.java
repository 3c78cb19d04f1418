package io.torii.ike.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.message.payload.TrafficSelector;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.9 narrowing: intersections of proposed and allowed selectors, protocol and ports included. */
class SelectorsTest
{
    private static TrafficSelector v4(final String start, final String end, final int protocol, final int fromPort,
        final int toPort)
    {
        return new TrafficSelector(TrafficSelector.TS_IPV4_ADDR_RANGE, protocol, fromPort, toPort,
            InetAddress.ofLiteral(start).getAddress(), InetAddress.ofLiteral(end).getAddress());
    }

    @Test
    void addressRangesPortsAndProtocolsIntersect()
    {
        final TrafficSelector wide = v4("10.0.0.0", "10.255.255.255", 0, 0, 65535);
        final TrafficSelector web = v4("10.1.0.0", "10.1.0.255", 6, 80, 443);
        assertThat(Selectors.intersect(wide, web)).isEqualTo(web);
        assertThat(Selectors.intersect(web, wide)).isEqualTo(web);
        assertThat(Selectors.intersect(web, v4("10.1.0.128", "10.2.0.0", 6, 443, 8080)))
            .isEqualTo(v4("10.1.0.128", "10.1.0.255", 6, 443, 443));
        assertThat(Selectors.intersect(web, v4("10.1.0.0", "10.1.0.255", 17, 0, 65535))).as("tcp vs udp").isNull();
        assertThat(Selectors.intersect(web, v4("10.2.0.0", "10.2.0.255", 0, 0, 65535))).as("disjoint").isNull();
        assertThat(Selectors.intersect(web, v4("10.1.0.0", "10.1.0.255", 6, 8080, 8080))).as("ports").isNull();
    }

    @Test
    void opaquePortsMeetOnlyOpaquePortsAndFamiliesNeverMix()
    {
        final TrafficSelector opaque = v4("10.1.0.0", "10.1.0.255", 17, 65535, 0);
        assertThat(Selectors.intersect(opaque, v4("10.1.0.0", "10.1.0.255", 0, 0, 65535))).isNull();
        assertThat(Selectors.intersect(opaque, opaque)).isEqualTo(opaque);
        final TrafficSelector v6 = new TrafficSelector(TrafficSelector.TS_IPV6_ADDR_RANGE, 0, 0, 65535,
            InetAddress.ofLiteral("2001:db8::").getAddress(), InetAddress.ofLiteral("2001:db8::ffff").getAddress());
        assertThat(Selectors.intersect(v6, v4("0.0.0.0", "255.255.255.255", 0, 0, 65535))).isNull();
    }

    @Test
    void narrowingKeepsEveryNonEmptyIntersectionOnceAndWithinChecksSubsets()
    {
        final List<TrafficSelector> proposed = List.of(v4("10.0.0.0", "10.0.255.255", 0, 0, 65535),
            v4("192.168.0.0", "192.168.0.255", 0, 0, 65535));
        final List<TrafficSelector> allowed = List.of(v4("10.0.1.0", "10.0.1.255", 0, 0, 65535),
            v4("10.0.2.0", "10.0.2.255", 0, 0, 65535), v4("172.16.0.0", "172.16.0.255", 0, 0, 65535));
        final List<TrafficSelector> narrowed = Selectors.narrow(proposed, allowed);
        assertThat(narrowed).containsExactly(v4("10.0.1.0", "10.0.1.255", 0, 0, 65535),
            v4("10.0.2.0", "10.0.2.255", 0, 0, 65535));
        assertThat(Selectors.within(narrowed, proposed)).isTrue();
        assertThat(Selectors.within(proposed, narrowed)).isFalse();
        assertThat(Selectors.within(List.of(), proposed)).as("an empty answer is no answer").isFalse();
    }
}
