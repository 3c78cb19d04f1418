package io.torii.ike.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.spd.TrafficSelector;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Negotiated selectors written for the dataplane's policies, read back by its own parser, and as routes. */
class SelectorTextTest
{
    private static io.torii.ike.message.payload.TrafficSelector wire(final String start, final String end,
        final int protocol, final int fromPort, final int toPort)
    {
        final byte[] first = InetAddress.ofLiteral(start).getAddress();
        return new io.torii.ike.message.payload.TrafficSelector(first.length == 4 ?
            io.torii.ike.message.payload.TrafficSelector.TS_IPV4_ADDR_RANGE :
            io.torii.ike.message.payload.TrafficSelector.TS_IPV6_ADDR_RANGE, protocol, fromPort, toPort, first,
            InetAddress.ofLiteral(end).getAddress());
    }

    @Test
    void theDataplaneParsesWhatIsWrittenToTheSameSelectors()
    {
        final String text = SelectorText.swanctl(List.of(wire("10.1.0.0", "10.1.0.255", 0, 0, 65535),
            wire("192.0.2.5", "192.0.2.9", 6, 80, 80), wire("2001:db8::", "2001:db8::ff", 17, 500, 4500)));
        final List<TrafficSelector> parsed = TrafficSelector.parseList(text);
        assertThat(parsed).hasSize(3);
        assertThat(parsed.get(0)).isEqualTo(TrafficSelector.parse("10.1.0.0/24"));
        assertThat(parsed.get(1).protocol()).isEqualTo(6);
        assertThat(parsed.get(1).fromPort()).isEqualTo(80);
        assertThat(parsed.get(1).toPort()).isEqualTo(80);
        assertThat(parsed.get(2).toPort()).isEqualTo(4500);
    }

    @Test
    void rangesBecomeTheFewestCidrBlocks()
    {
        assertThat(SelectorText.cidrs(wire("10.1.0.0", "10.1.0.255", 0, 0, 65535))).containsExactly("10.1.0.0/24");
        assertThat(SelectorText.cidrs(wire("10.1.0.1", "10.1.0.6", 0, 0, 65535)))
            .containsExactly("10.1.0.1/32", "10.1.0.2/31", "10.1.0.4/31", "10.1.0.6/32");
        assertThat(SelectorText.cidrs(wire("0.0.0.0", "255.255.255.255", 0, 0, 65535))).containsExactly("0.0.0.0/0");
        assertThat(SelectorText.cidrs(wire("2001:db8::", "2001:db8::ffff", 0, 0, 65535)))
            .containsExactly("2001:db8:0:0:0:0:0:0/112");
    }
}
