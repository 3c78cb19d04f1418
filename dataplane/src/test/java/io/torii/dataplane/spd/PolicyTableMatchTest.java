package io.torii.dataplane.spd;

import static io.torii.dataplane.spd.SelectorPackets.GRE;
import static io.torii.dataplane.spd.SelectorPackets.ICMP;
import static io.torii.dataplane.spd.SelectorPackets.ICMPV6;
import static io.torii.dataplane.spd.SelectorPackets.OFFSET;
import static io.torii.dataplane.spd.SelectorPackets.TCP;
import static io.torii.dataplane.spd.SelectorPackets.UDP;
import static io.torii.dataplane.spd.SelectorPackets.concat;
import static io.torii.dataplane.spd.SelectorPackets.fragmentHeader;
import static io.torii.dataplane.spd.SelectorPackets.icmp;
import static io.torii.dataplane.spd.SelectorPackets.ipv4;
import static io.torii.dataplane.spd.SelectorPackets.ipv6;
import static io.torii.dataplane.spd.SelectorPackets.length;
import static io.torii.dataplane.spd.SelectorPackets.optionsHeader;
import static io.torii.dataplane.spd.SelectorPackets.ports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outbound lookups: which policy, if any, a cleartext packet matches, at the edges of address
 * ranges, prefixes, protocols and ports, across families, priorities and changes to the table.
 */
class PolicyTableMatchTest
{
    private final PolicyTable table = new PolicyTable();

    private void add(final int id, final String local, final String remote, final int priority)
    {
        table.add(id, SecurityPolicy.of(local, remote, PolicyDirection.OUTBOUND, PolicyAction.PROTECT, priority,
            100 + id));
    }

    private int lookup(final UnsafeBuffer packet)
    {
        return table.lookupOutbound(packet, OFFSET, length(packet));
    }

    private int udp4(final String source, final String destination)
    {
        return lookup(ipv4(source, destination, UDP, ports(5000, 6000)));
    }

    private int udp6(final String source, final String destination)
    {
        return lookup(ipv6(source, destination, UDP, ports(5000, 6000)));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "10.1.0.0, 10.2.0.0, 1",
        "10.1.0.255, 10.2.255.255, 1",
        "10.0.255.255, 10.2.0.1, -1",
        "10.1.1.0, 10.2.0.1, -1",
        "10.1.0.1, 10.1.255.255, -1",
        "10.1.0.1, 10.3.0.0, -1",
        "10.2.0.1, 10.1.0.1, -1" })
    void prefixBounds(final String source, final String destination, final int expected)
    {
        add(1, "10.1.0.0/24", "10.2.0.0/16", 10);

        assertThat(udp4(source, destination)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "10.1.0.0, -1",
        "10.1.0.1, 1",
        "10.1.0.5, 1",
        "10.1.0.9, 1",
        "10.1.0.10, -1" })
    void rangeBounds(final String source, final int expected)
    {
        add(1, "10.1.0.1-10.1.0.9", "0.0.0.0/0", 10);

        assertThat(udp4(source, "192.0.2.1")).isEqualTo(expected);
    }

    @Test
    void ipv4ZeroPrefixMatchesEveryIpv4AddressAndNoIpv6()
    {
        add(1, "0.0.0.0/0", "0.0.0.0/0", 10);

        assertThat(udp4("0.0.0.0", "255.255.255.255")).isEqualTo(1);
        assertThat(udp4("255.255.255.255", "0.0.0.0")).isEqualTo(1);
        assertThat(udp4("128.0.0.0", "127.255.255.255")).isEqualTo(1);
        assertThat(udp6("::", "::")).isEqualTo(PolicyTable.NONE);
        assertThat(udp6("2001:db8::1", "2001:db8::2")).isEqualTo(PolicyTable.NONE);
    }

    @Test
    void ipv6ZeroPrefixMatchesEveryIpv6AddressAndNoIpv4()
    {
        add(1, "::/0", "::/0", 10);

        assertThat(udp6("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo(1);
        assertThat(udp6("8000::", "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo(1);
        assertThat(udp4("0.0.0.0", "0.0.0.0")).isEqualTo(PolicyTable.NONE);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "192.0.2.7, 1",
        "192.0.2.6, -1",
        "192.0.2.8, -1",
        "64.0.2.7, -1" })
    void slash32MatchesOneAddress(final String source, final int expected)
    {
        add(1, "192.0.2.7/32", "0.0.0.0/0", 10);

        assertThat(udp4(source, "10.0.0.1")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2001:db8::7, 1",
        "2001:db8::6, -1",
        "2001:db8::8, -1",
        "2001:db9::7, -1",
        "2001:db8:0:1::7, -1" })
    void slash128MatchesOneAddress(final String source, final int expected)
    {
        add(1, "2001:db8::7/128", "::/0", 10);

        assertThat(udp6(source, "2001:db8::1")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2001:db8::, 1",
        "2001:db8::7fff:ffff:ffff:ffff, 1",
        "2001:db8::8000:0:0:0, -1",
        "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, -1",
        "2001:db8:0:1::, -1" })
    void ipv6PrefixesThatSplitTheLowHalf(final String destination, final int expected)
    {
        add(1, "::/0", "2001:db8::/65", 10);

        assertThat(udp6("2001:db8::1", destination)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2001:db8:0:7fff:ffff:ffff:ffff:ffff, -1",
        "2001:db8:0:8000::, 1",
        "2001:db8:0:ffff:ffff:ffff:ffff:ffff, 1",
        "2001:db8:1::, -1" })
    void ipv6PrefixesThatSplitTheHighHalf(final String destination, final int expected)
    {
        add(1, "::/0", "2001:db8:0:8000::/49", 10);

        assertThat(udp6("2001:db8::1", destination)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}->{2}: {3}")
    @CsvSource({
        "6, 40000, 443, 1",
        "6, 40000, 444, -1",
        "6, 40000, 442, -1",
        "17, 40000, 443, -1",
        "6, 999, 1000, -1",
        "6, 1000, 443, 1",
        "6, 2000, 443, 1",
        "6, 2001, 443, -1" })
    void protocolAndPorts(final int protocol, final int sourcePort, final int destinationPort, final int expected)
    {
        // The local selector restricts source ports, the remote one destination ports.
        add(1, "10.1.0.0/16[tcp/1000-2000], 10.1.0.0/16[tcp/40000]", "10.2.0.0/16[tcp/443]", 10);

        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", protocol, ports(sourcePort, destinationPort))))
            .isEqualTo(expected);
    }

    @Test
    void anyProtocolSelectorMatchesEveryProtocol()
    {
        add(1, "10.1.0.0/16", "10.2.0.0/16", 10);

        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, ports(1, 2)))).isEqualTo(1);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", GRE, new byte[8]))).isEqualTo(1);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", ICMP, icmp(8, 0)))).isEqualTo(1);
    }

    @Test
    void protocolWithoutPortsMatchesProtocolSelectors()
    {
        add(1, "10.1.0.0/16[gre]", "10.2.0.0/16", 10);

        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", GRE, new byte[4]))).isEqualTo(1);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", UDP, ports(1, 2)))).isEqualTo(PolicyTable.NONE);
    }

    @ParameterizedTest(name = "type {0} code {1}: {2}")
    @CsvSource({
        "8, 0, 1",
        "8, 255, 1",
        "0, 0, -1",
        "9, 0, -1",
        "3, 1, 2" })
    void icmpTypeAndCodeActAsPorts(final int type, final int code, final int expected)
    {
        // Echo requests of any code (type 8 in the high byte); then port unreachable alone (3/1).
        add(1, "10.1.0.0/16[icmp/2048-2303]", "10.2.0.0/16[icmp]", 10);
        add(2, "10.1.0.0/16[icmp]", "10.2.0.0/16[icmp/769]", 10);

        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", ICMP, icmp(type, code)))).isEqualTo(expected);
    }

    @Test
    void icmpv6UsesItsOwnProtocolNumber()
    {
        add(1, "::/0[ipv6-icmp/32768]", "::/0", 10);

        assertThat(lookup(ipv6("2001:db8::1", "2001:db8::2", ICMPV6, icmp(128, 0)))).isEqualTo(1);
        assertThat(lookup(ipv6("2001:db8::1", "2001:db8::2", ICMPV6, icmp(129, 0)))).isEqualTo(PolicyTable.NONE);
        assertThat(lookup(ipv6("2001:db8::1", "2001:db8::2", ICMP, icmp(128, 0)))).isEqualTo(PolicyTable.NONE);
    }

    @Test
    void laterIpv4FragmentsMatchOnlyAnyOrOpaquePorts()
    {
        add(1, "10.1.0.0/16[tcp]", "10.2.0.0/16[tcp/443]", 10);
        add(2, "10.1.0.0/16[tcp/opaque]", "10.2.0.0/16[tcp/opaque]", 20);
        add(3, "10.1.0.0/16[tcp]", "10.2.0.0/16[tcp]", 30);

        // First fragment (offset 0, more fragments): ports are there and read.
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, 0x2000, ports(40000, 443)))).isEqualTo(1);
        // Later fragment: the bytes after the header look like port 443 but are payload.
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, 0x2000 | 185, ports(40000, 443)))).isEqualTo(2);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, 185, ports(40000, 443)))).isEqualTo(2);
        table.remove(2);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, 185, ports(40000, 443)))).isEqualTo(3);
        // An opaque selector does not match a packet whose ports are known.
        add(4, "10.1.0.0/16[tcp/opaque]", "10.2.0.0/16[tcp/opaque]", 0);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, ports(40000, 443)))).isEqualTo(1);
    }

    @Test
    void laterIpv6FragmentsMatchOnlyAnyOrOpaquePorts()
    {
        add(1, "2001:db8:1::/48[udp]", "2001:db8:2::/48[udp/53]", 10);
        add(2, "2001:db8:1::/48[udp]", "2001:db8:2::/48[udp]", 20);

        final byte[] first = concat(fragmentHeader(UDP, 0, true), ports(5353, 53));
        final byte[] later = concat(fragmentHeader(UDP, 100, false), ports(5353, 53));
        assertThat(lookup(ipv6("2001:db8:1::1", "2001:db8:2::1", 44, first))).isEqualTo(1);
        assertThat(lookup(ipv6("2001:db8:1::1", "2001:db8:2::1", 44, later))).isEqualTo(2);
    }

    @Test
    void ipv6ExtensionHeadersAreSkippedToTheUpperLayer()
    {
        add(1, "::/0[tcp]", "::/0[tcp/22]", 10);

        final byte[] chain = concat(optionsHeader(60), optionsHeader(44), fragmentHeader(TCP, 0, false),
            ports(40000, 22));
        assertThat(lookup(ipv6("2001:db8::1", "2001:db8::2", 0, chain))).isEqualTo(1);
        final byte[] otherPort = concat(optionsHeader(TCP), ports(40000, 23));
        assertThat(lookup(ipv6("2001:db8::1", "2001:db8::2", 60, otherPort))).isEqualTo(PolicyTable.NONE);
    }

    @Test
    void ipv4AndIpv6ShareOneTable()
    {
        add(4, "10.1.0.0/16", "10.2.0.0/16", 10);
        add(6, "2001:db8:1::/48", "2001:db8:2::/48", 10);
        add(46, "10.1.0.0/16, 2001:db8:1::/48", "10.3.0.0/16, 2001:db8:3::/48", 10);

        assertThat(udp4("10.1.0.1", "10.2.0.1")).isEqualTo(4);
        assertThat(udp6("2001:db8:1::1", "2001:db8:2::1")).isEqualTo(6);
        assertThat(udp4("10.1.0.1", "10.3.0.1")).isEqualTo(46);
        assertThat(udp6("2001:db8:1::1", "2001:db8:3::1")).isEqualTo(46);
        // A family's local selector never pairs with the other family's remote one.
        assertThat(udp6("2001:db8:1::1", "2001:db8:2::1")).isNotEqualTo(46);
    }

    @Test
    void lowerPriorityNumberWinsThenInsertionOrder()
    {
        add(1, "10.0.0.0/8", "0.0.0.0/0", 20);
        add(2, "10.1.0.0/16", "0.0.0.0/0", 10);
        add(3, "10.1.0.0/16", "0.0.0.0/0", 10);
        add(4, "10.1.2.0/24", "0.0.0.0/0", 5);

        assertThat(udp4("10.1.2.3", "192.0.2.1")).isEqualTo(4);
        assertThat(udp4("10.1.3.3", "192.0.2.1")).isEqualTo(2);
        assertThat(udp4("10.9.3.3", "192.0.2.1")).isEqualTo(1);

        assertThat(table.remove(2)).isTrue();
        assertThat(udp4("10.1.3.3", "192.0.2.1")).isEqualTo(3);
        assertThat(table.remove(4)).isTrue();
        assertThat(udp4("10.1.2.3", "192.0.2.1")).isEqualTo(3);
        assertThat(table.remove(3)).isTrue();
        assertThat(udp4("10.1.2.3", "192.0.2.1")).isEqualTo(1);
        assertThat(table.remove(1)).isTrue();
        assertThat(udp4("10.1.2.3", "192.0.2.1")).isEqualTo(PolicyTable.NONE);
        assertThat(table.size()).isZero();
    }

    @Test
    void removeAndReAdd()
    {
        add(1, "10.0.0.0/8", "0.0.0.0/0", 10);

        assertThat(table.remove(7)).isFalse();
        assertThat(table.remove(1)).isTrue();
        assertThat(table.remove(1)).isFalse();
        assertThat(table.policy(1)).isNull();
        assertThat(table.action(1)).isNull();
        assertThat(table.tunnelId(1)).isEqualTo(PolicyTable.NONE);
        add(1, "10.0.0.0/8", "0.0.0.0/0", 10);
        assertThat(udp4("10.1.2.3", "192.0.2.1")).isEqualTo(1);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void addingAPolicyClearsTheLastMatch()
    {
        add(1, "10.0.0.0/8", "0.0.0.0/0", 10);
        assertThat(udp4("10.1.2.3", "192.0.2.1")).isEqualTo(1);
        final long hitsBefore = table.outboundCacheHits();
        assertThat(udp4("10.1.2.3", "192.0.2.1")).isEqualTo(1);
        assertThat(table.outboundCacheHits()).isEqualTo(hitsBefore + 1);

        add(2, "10.1.0.0/16", "0.0.0.0/0", 5);
        assertThat(udp4("10.1.2.3", "192.0.2.1")).isEqualTo(2);
        // A different flow misses the cache and gets its own answer.
        assertThat(udp4("10.9.2.3", "192.0.2.1")).isEqualTo(1);
        assertThat(table.outboundCacheHits()).isEqualTo(hitsBefore + 1);
    }

    @Test
    void cachedAnswersTrackPortsAndNoMatch()
    {
        add(1, "10.0.0.0/8[udp/5000]", "0.0.0.0/0", 10);

        for (int round = 0; round < 2; round++)
        {
            assertThat(lookup(ipv4("10.0.0.1", "10.9.0.1", UDP, ports(5000, 1)))).isEqualTo(1);
            assertThat(lookup(ipv4("10.0.0.1", "10.9.0.1", UDP, ports(5000, 1)))).isEqualTo(1);
            assertThat(lookup(ipv4("10.0.0.1", "10.9.0.1", UDP, ports(5001, 1)))).isEqualTo(PolicyTable.NONE);
            assertThat(lookup(ipv4("10.0.0.1", "10.9.0.1", UDP, ports(5001, 1)))).isEqualTo(PolicyTable.NONE);
        }
        assertThat(table.outboundCacheHits()).isEqualTo(4);
    }

    @Test
    void inboundPoliciesAreNotOutboundAnswers()
    {
        table.add(1, SecurityPolicy.of("10.1.0.0/16", "10.2.0.0/16", PolicyDirection.INBOUND, PolicyAction.BYPASS,
            10, 0));

        assertThat(udp4("10.1.0.1", "10.2.0.1")).isEqualTo(PolicyTable.NONE);
    }

    @Test
    void actionAndTunnelOfTheMatch()
    {
        table.add(7, SecurityPolicy.of("10.1.0.0/16[udp/500]", "0.0.0.0/0", PolicyDirection.OUTBOUND,
            PolicyAction.BYPASS, 1, 0));
        table.add(8, SecurityPolicy.of("10.1.0.0/16", "10.2.0.0/16", PolicyDirection.OUTBOUND,
            PolicyAction.PROTECT, 10, 42));
        table.add(9, SecurityPolicy.of("0.0.0.0/0", "0.0.0.0/0", PolicyDirection.OUTBOUND,
            PolicyAction.DISCARD, 100, 0));

        final int ike = lookup(ipv4("10.1.0.1", "10.2.0.1", UDP, ports(500, 500)));
        final int tunnel = udp4("10.1.0.1", "10.2.0.1");
        final int other = udp4("10.1.0.1", "10.3.0.1");
        assertThat(table.action(ike)).isEqualTo(PolicyAction.BYPASS);
        assertThat(table.action(tunnel)).isEqualTo(PolicyAction.PROTECT);
        assertThat(table.tunnelId(tunnel)).isEqualTo(42);
        assertThat(table.action(other)).isEqualTo(PolicyAction.DISCARD);
        assertThat(table.policy(tunnel).remote()).containsExactly(TrafficSelector.parse("10.2.0.0/16"));
    }

    @Test
    void malformedPacketsMatchNothing()
    {
        add(1, "0.0.0.0/0", "0.0.0.0/0", 10);
        add(2, "::/0", "::/0", 10);
        final UnsafeBuffer good = ipv4("10.0.0.1", "10.0.0.2", UDP, ports(1, 2));
        assertThat(lookup(good)).isEqualTo(1);

        // Cut inside the IPv4 header, then inside the UDP ports.
        assertThat(table.lookupOutbound(good, OFFSET, 19)).isEqualTo(PolicyTable.NONE);
        assertThat(table.lookupOutbound(good, OFFSET, 27)).isEqualTo(PolicyTable.NONE);
        assertThat(table.lookupOutbound(good, OFFSET, 0)).isEqualTo(PolicyTable.NONE);
        assertThat(table.lookupOutbound(good, good.capacity() - 4, 8)).isEqualTo(PolicyTable.NONE);
        // A first fragment too short for its ports.
        assertThat(lookup(ipv4("10.0.0.1", "10.0.0.2", TCP, 0x2000, new byte[2]))).isEqualTo(PolicyTable.NONE);
        // Version 5, and an IHL below 5.
        final UnsafeBuffer version5 = ipv4("10.0.0.1", "10.0.0.2", UDP, ports(1, 2));
        version5.putByte(OFFSET, (byte)0x55);
        assertThat(lookup(version5)).isEqualTo(PolicyTable.NONE);
        final UnsafeBuffer shortHeader = ipv4("10.0.0.1", "10.0.0.2", UDP, ports(1, 2));
        shortHeader.putByte(OFFSET, (byte)0x44);
        assertThat(lookup(shortHeader)).isEqualTo(PolicyTable.NONE);
        // IPv6 whose payload length runs past the buffer, and whose extension header does.
        final UnsafeBuffer longV6 = ipv6("2001:db8::1", "2001:db8::2", UDP, ports(1, 2));
        longV6.putShort(OFFSET + 4, (short)200, java.nio.ByteOrder.BIG_ENDIAN);
        assertThat(lookup(longV6)).isEqualTo(PolicyTable.NONE);
        final byte[] runaway = concat(new byte[] {UDP, 9, 0, 0, 0, 0, 0, 0}, ports(1, 2));
        assertThat(lookup(ipv6("2001:db8::1", "2001:db8::2", 60, runaway))).isEqualTo(PolicyTable.NONE);
    }

    @Test
    void bytesAfterTheIpLengthAreIgnored()
    {
        add(1, "0.0.0.0/0[udp]", "0.0.0.0/0[udp/6000]", 10);
        final UnsafeBuffer packet = ipv4("10.0.0.1", "10.0.0.2", UDP, ports(5000, 6000));

        assertThat(table.lookupOutbound(packet, OFFSET, 28)).isEqualTo(1);
        assertThat(table.lookupOutbound(packet, OFFSET, packet.capacity() - OFFSET)).isEqualTo(1);
    }

    @Test
    void rejectsBadAdds() throws Exception
    {
        add(1, "10.0.0.0/8", "0.0.0.0/0", 10);

        assertThatIllegalArgumentException().isThrownBy(() -> add(1, "10.0.0.0/8", "0.0.0.0/0", 10))
            .withMessageContaining("policy id 1 is already in the table");
        assertThatIllegalArgumentException().isThrownBy(() -> add(-2, "10.0.0.0/8", "0.0.0.0/0", 10))
            .withMessageContaining("policy id must be 0 or more");
        assertThatIllegalArgumentException().isThrownBy(() -> add(2, "dynamic", "0.0.0.0/0", 10))
            .withMessageContaining("must be resolved");
        assertThat(table.size()).isEqualTo(1);

        final SecurityPolicy dynamic = SecurityPolicy.of("dynamic[udp/500]", "dynamic", PolicyDirection.OUTBOUND,
            PolicyAction.BYPASS, 1, 0);
        assertThat(dynamic.isResolved()).isFalse();
        final SecurityPolicy resolved =
            dynamic.resolve(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("198.51.100.1"));
        assertThat(resolved.isResolved()).isTrue();
        table.add(2, resolved);
        assertThat(lookup(ipv4("192.0.2.1", "198.51.100.1", UDP, ports(500, 500)))).isEqualTo(2);
        assertThat(lookup(ipv4("192.0.2.1", "198.51.100.1", UDP, ports(501, 500)))).isEqualTo(PolicyTable.NONE);
        assertThat(lookup(ipv4("192.0.2.2", "198.51.100.1", UDP, ports(500, 500)))).isEqualTo(PolicyTable.NONE);
    }

    @Test
    void aWarmingPassIsWorthItOnlyOnceTheRemoteAddressesOutgrowTheCache()
    {
        final int threshold = OrderedPolicies.WARM_FROM_ADDRESSES;
        for (int id = 0; id < threshold; id++)
        {
            add(id, "10.1.0.0/16", "10.2." + (id >>> 8) + "." + (id & 0xFF) + "/32", 10);
        }
        // A second policy on a remote address already there adds no address.
        add(threshold, "10.3.0.0/16", "10.2.0.0/32", 20);
        assertThat(table.outboundWorthWarming()).isFalse();

        add(threshold + 1, "10.1.0.0/16", "10.4.0.1/32", 10);
        assertThat(table.outboundWorthWarming()).isTrue();
        assertThat(udp4("10.1.2.3", "10.4.0.1")).isEqualTo(threshold + 1);

        table.remove(threshold + 1);
        assertThat(table.outboundWorthWarming()).isFalse();
    }

    @Test
    void withNoPolicyNamingPortsTheFlowsBetweenTwoAddressesShareTheCachedAnswer()
    {
        add(1, "10.1.0.0/16", "10.2.0.0/16", 10);
        add(2, "10.1.0.0/16", "10.3.0.0/16", 10);
        final long before = table.outboundCacheHits();

        for (int flow = 0; flow < 10; flow++)
        {
            assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", UDP, ports(10_000 + flow, 53)))).isEqualTo(1);
        }
        // A later fragment (ports not known) of the same addresses: an any-port policy matches it too.
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", UDP, 185, ports(1, 2)))).isEqualTo(1);
        assertThat(table.outboundCacheHits() - before).isEqualTo(10);
        // Another protocol or address is another key.
        assertThat(lookup(ipv4("10.1.0.1", "10.3.0.1", UDP, ports(10_000, 53)))).isEqualTo(2);
        assertThat(table.outboundCacheHits() - before).isEqualTo(10);
    }

    @Test
    void oncePortsAreNamedAFlowWithOtherPortsIsLookedUpAgain()
    {
        add(1, "10.1.0.0/16", "10.2.0.0/16", 10);
        table.add(2, SecurityPolicy.of("10.1.0.0/16", "10.2.0.0/16[tcp/443]", PolicyDirection.OUTBOUND,
            PolicyAction.BYPASS, 5, 0));

        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, ports(40_000, 80)))).isEqualTo(1);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, ports(40_000, 443)))).isEqualTo(2);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, ports(40_001, 80)))).isEqualTo(1);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, ports(40_001, 443)))).isEqualTo(2);

        table.remove(2);
        final long before = table.outboundCacheHits();
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, ports(40_000, 443)))).isEqualTo(1);
        assertThat(lookup(ipv4("10.1.0.1", "10.2.0.1", TCP, ports(40_002, 443)))).isEqualTo(1);
        assertThat(table.outboundCacheHits() - before).isEqualTo(1);
    }
}
