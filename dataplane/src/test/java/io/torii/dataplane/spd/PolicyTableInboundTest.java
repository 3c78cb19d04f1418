package io.torii.dataplane.spd;

import static io.torii.dataplane.spd.SelectorPackets.OFFSET;
import static io.torii.dataplane.spd.SelectorPackets.TCP;
import static io.torii.dataplane.spd.SelectorPackets.UDP;
import static io.torii.dataplane.spd.SelectorPackets.ipv4;
import static io.torii.dataplane.spd.SelectorPackets.ipv6;
import static io.torii.dataplane.spd.SelectorPackets.length;
import static io.torii.dataplane.spd.SelectorPackets.ports;
import static org.assertj.core.api.Assertions.assertThat;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The inbound side: the check that a decrypted packet stays within its SA's selectors, with the
 * packet's source matched against the remote side, and the lookup for traffic that arrived in the
 * clear.
 */
class PolicyTableInboundTest
{
    private static final int WEB = 5;

    private final PolicyTable table = new PolicyTable();

    PolicyTableInboundTest()
    {
        // Local web servers on port 80 and 8080, reached from the remote site's clients.
        table.add(WEB, SecurityPolicy.of("10.1.0.0/24[tcp/80], 10.1.0.0/24[tcp/8080], 2001:db8:1::/64[tcp/80]",
            "10.2.0.0/16[tcp], 2001:db8:2::/64[tcp]", PolicyDirection.INBOUND, PolicyAction.PROTECT, 10, 3));
    }

    private boolean allows(final UnsafeBuffer packet)
    {
        return table.allowsInbound(WEB, packet, OFFSET, length(packet));
    }

    @ParameterizedTest(name = "{0}:{1} -> {2}:{3} {4}")
    @CsvSource({
        "10.2.0.5, 40000, 10.1.0.7, 80, true",
        "10.2.255.255, 1, 10.1.0.255, 8080, true",
        "10.2.0.5, 40000, 10.1.0.7, 81, false",
        "10.2.0.5, 40000, 10.1.1.7, 80, false",
        "10.3.0.5, 40000, 10.1.0.7, 80, false",
        // The outbound direction of the same flow is not inbound traffic.
        "10.1.0.7, 80, 10.2.0.5, 40000, false" })
    void checksDecryptedIpv4AgainstSwappedSelectors(
        final String source, final int sourcePort, final String destination, final int destinationPort,
        final boolean expected)
    {
        assertThat(allows(ipv4(source, destination, TCP, ports(sourcePort, destinationPort)))).isEqualTo(expected);
    }

    @Test
    void checksDecryptedIpv6AndProtocol()
    {
        assertThat(allows(ipv6("2001:db8:2::9", "2001:db8:1::1", TCP, ports(40000, 80)))).isTrue();
        assertThat(allows(ipv6("2001:db8:2::9", "2001:db8:1::1", UDP, ports(40000, 80)))).isFalse();
        assertThat(allows(ipv6("2001:db8:3::9", "2001:db8:1::1", TCP, ports(40000, 80)))).isFalse();
        // Families do not mix: an IPv4 remote never pairs with an IPv6 local.
        assertThat(allows(ipv4("10.2.0.5", "10.1.0.7", UDP, ports(40000, 80)))).isFalse();
    }

    @Test
    void unknownPolicyOrMalformedPacketIsRefused()
    {
        final UnsafeBuffer good = ipv4("10.2.0.5", "10.1.0.7", TCP, ports(40000, 80));

        assertThat(table.allowsInbound(WEB, good, OFFSET, length(good))).isTrue();
        assertThat(table.allowsInbound(WEB + 1, good, OFFSET, length(good))).isFalse();
        assertThat(table.allowsInbound(PolicyTable.NONE, good, OFFSET, length(good))).isFalse();
        assertThat(table.allowsInbound(WEB, good, OFFSET, 23)).isFalse();
        table.remove(WEB);
        assertThat(table.allowsInbound(WEB, good, OFFSET, length(good))).isFalse();
    }

    @Test
    void lookupInboundFindsPoliciesForCleartextArrivals()
    {
        table.add(1, SecurityPolicy.of("10.1.0.1[udp/500]", "0.0.0.0/0[udp]", PolicyDirection.INBOUND,
            PolicyAction.BYPASS, 1, 0));
        table.add(2, SecurityPolicy.of("10.1.0.0/16", "10.2.0.0/16", PolicyDirection.OUTBOUND,
            PolicyAction.PROTECT, 0, 9));

        final UnsafeBuffer ike = ipv4("203.0.113.9", "10.1.0.1", UDP, ports(500, 500));
        assertThat(table.lookupInbound(ike, OFFSET, length(ike))).isEqualTo(1);
        final UnsafeBuffer web = ipv4("10.2.0.5", "10.1.0.7", TCP, ports(40000, 80));
        final int found = table.lookupInbound(web, OFFSET, length(web));
        assertThat(found).isEqualTo(WEB);
        assertThat(table.action(found)).isEqualTo(PolicyAction.PROTECT);
        // Policy 2 is outbound: it covers 10.2 -> 10.1 only in lookupOutbound's sense, never inbound.
        final UnsafeBuffer other = ipv4("10.2.0.5", "10.1.0.7", UDP, ports(1, 2));
        assertThat(table.lookupInbound(other, OFFSET, length(other))).isEqualTo(PolicyTable.NONE);
        assertThat(table.lookupOutbound(other, OFFSET, length(other))).isEqualTo(PolicyTable.NONE);
        final UnsafeBuffer out = ipv4("10.1.0.7", "10.2.0.5", UDP, ports(1, 2));
        assertThat(table.lookupOutbound(out, OFFSET, length(out))).isEqualTo(2);
    }
}
