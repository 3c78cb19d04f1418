package io.torii.dataplane.spd;

import static io.torii.dataplane.spd.SelectorPackets.OFFSET;
import static io.torii.dataplane.spd.SelectorPackets.TCP;
import static io.torii.dataplane.spd.SelectorPackets.UDP;
import static io.torii.dataplane.spd.SelectorPackets.concat;
import static io.torii.dataplane.spd.SelectorPackets.fragmentHeader;
import static io.torii.dataplane.spd.SelectorPackets.ipv4;
import static io.torii.dataplane.spd.SelectorPackets.ipv6;
import static io.torii.dataplane.spd.SelectorPackets.length;
import static io.torii.dataplane.spd.SelectorPackets.ports;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Lookups and the inbound check allocate nothing: measured with the JVM's per-thread allocation
 * counter over many calls that alternate flows (so both cache hits and full scans run), where a
 * boxed id, an iterator or a hidden array would cost at least 16 bytes a call.
 */
class PolicyTableNoAllocationTest
{
    private static final int CALLS = 1_000_000;

    @Test
    void lookupsDoNotAllocate()
    {
        final PolicyTable table = new PolicyTable();
        for (int i = 0; i < 20; i++)
        {
            table.add(i, SecurityPolicy.of("10." + i + ".0.0/16[tcp], 2001:db8:" + i + "::/48",
                "10.200.0.0/16[tcp/443], 2001:db8:ff::/48", PolicyDirection.OUTBOUND, PolicyAction.PROTECT,
                i, i));
        }
        table.add(100, SecurityPolicy.of("0.0.0.0/0, ::/0", "0.0.0.0/0, ::/0", PolicyDirection.OUTBOUND,
            PolicyAction.DISCARD, 1000, 0));
        final UnsafeBuffer[] packets =
        {
            ipv4("10.19.0.1", "10.200.0.1", TCP, ports(40000, 443)),
            ipv4("10.19.0.1", "10.200.0.1", TCP, ports(40000, 443)),
            ipv4("10.3.0.1", "10.200.0.1", TCP, 0x2000 | 77, ports(40000, 443)),
            ipv6("2001:db8:13::1", "2001:db8:ff::1", UDP, ports(1, 2)),
            ipv6("2001:db8:13::1", "2001:db8:ff::1", 44, concat(fragmentHeader(UDP, 9, false), ports(1, 2))),
            ipv4("192.0.2.1", "198.51.100.1", UDP, ports(1, 2)),
        };
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long sink = run(table, packets, CALLS / 10);

        final long before = threads.getCurrentThreadAllocatedBytes();
        sink += run(table, packets, CALLS);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isNotZero();
        assertThat(table.outboundCacheHits()).isPositive();
        assertThat(allocated).as("bytes allocated over %d lookups", CALLS).isLessThan(CALLS / 4);
    }

    private static long run(final PolicyTable table, final UnsafeBuffer[] packets, final int calls)
    {
        long sink = 0;
        for (int i = 0; i < calls; i++)
        {
            final UnsafeBuffer packet = packets[i % packets.length];
            final int id = table.lookupOutbound(packet, OFFSET, length(packet));
            sink += id + table.tunnelId(id);
            sink += table.action(id) == PolicyAction.PROTECT ? 1 : 0;
            sink += table.allowsInbound(id, packet, OFFSET, length(packet)) ? 1 : 0;
            sink += table.lookupInbound(packet, OFFSET, length(packet));
        }
        return sink;
    }
}
