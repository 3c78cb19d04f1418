package io.torii.dataplane.spd;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.testing.Packets;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The flat host index must answer as a first-match scan does, through many adds and removes: host
 * policies of IPv4 and IPv6 (enough to grow the index and make probe runs collide, then remove from
 * the middle of them), several policies on one remote host (which leave the index), policies
 * restricted to a protocol and port (which never enter it), subnets at random priorities, both
 * directions; and the action and tunnel a lookup leaves must be those of the policy it found.
 */
class HostPolicyIndexModelTest
{
    private static final int UDP = 17;
    /** The ports of {@link Packets#udp}: source 5000, destination 6000. */
    private static final int SOURCE_PORT = 5000;
    private static final int DESTINATION_PORT = 6000;

    private record Entry(int id, SecurityPolicy policy)
    {
    }

    @Test
    void hostIndexAnswersAsAFirstMatchScanThroughAddsAndRemoves()
    {
        final Random random = new Random(1624);
        for (int round = 0; round < 12; round++)
        {
            final boolean ipv6 = round % 3 == 2;
            final PolicyTable table = new PolicyTable();
            final List<Entry> live = new ArrayList<>();
            int nextId = 0;
            for (int step = 0; step < 900; step++)
            {
                if (!live.isEmpty() && random.nextInt(3) == 0)
                {
                    final Entry victim = live.remove(random.nextInt(live.size()));
                    assertThat(table.remove(victim.id())).isTrue();
                }
                else
                {
                    final Entry added = new Entry(nextId++, randomPolicy(random, ipv6, round % 2 == 0));
                    table.add(added.id(), added.policy());
                    live.add(added);
                }
                if (step % 30 == 29)
                {
                    probe(table, live, random, ipv6);
                }
            }
        }
    }

    private static void probe(final PolicyTable table, final List<Entry> live, final Random random, final boolean ipv6)
    {
        for (int probe = 0; probe < 200; probe++)
        {
            final String local = host(ipv6, "1", random.nextInt(6));
            final String remote = host(ipv6, "2", random.nextInt(400));
            final boolean outbound = random.nextBoolean();
            final byte[] packet = outbound ? Packets.udp(local, remote, 4, probe) : Packets.udp(remote, local, 4, probe);
            final UnsafeBuffer buffer = new UnsafeBuffer(packet);

            final int found = outbound ? table.lookupOutbound(buffer, 0, packet.length) :
                table.lookupInbound(buffer, 0, packet.length);

            final int expected = firstMatch(live, outbound, local, remote);
            assertThat(found).as("%s %s <-> %s", outbound ? "out" : "in", local, remote).isEqualTo(expected);
            assertThat(table.lastAction()).isEqualTo(expected == PolicyTable.NONE ? null : table.action(expected));
            assertThat(table.lastTunnelId()).isEqualTo(table.tunnelId(expected));
        }
    }

    private static SecurityPolicy randomPolicy(final Random random, final boolean ipv6, final boolean outbound)
    {
        final int kind = random.nextInt(10);
        final String remote = kind == 0 ? (ipv6 ? "fd02::/120" : "10.2.0.0/" + (23 + random.nextInt(3))) :
            host(ipv6, "2", random.nextInt(400));
        final String local = random.nextInt(3) == 0 ? host(ipv6, "1", random.nextInt(6)) :
            ipv6 ? "fd01::/125" : "10.1.0.0/30";
        final PolicyAction action = PolicyAction.values()[random.nextInt(PolicyAction.values().length)];
        final PolicyDirection direction = outbound == random.nextInt(4) > 0 ? PolicyDirection.OUTBOUND :
            PolicyDirection.INBOUND;
        final SecurityPolicy plain = SecurityPolicy.of(local, remote, direction, action, random.nextInt(4),
            random.nextInt(1000));
        if (random.nextInt(6) != 0)
        {
            return plain;
        }
        // Restricted to UDP and one remote port, which the packets carry or not.
        final int port = random.nextBoolean() ? SOURCE_PORT : DESTINATION_PORT;
        final TrafficSelector wide = plain.remote().getFirst();
        final TrafficSelector narrow = TrafficSelector.ofSubnet(address(remote.replaceAll("/.*", "")),
            prefix(remote, ipv6), UDP, port, port);
        assertThat(narrow.family()).isEqualTo(wide.family());
        return new SecurityPolicy(plain.local(), List.of(narrow), direction, action, plain.priority(),
            plain.tunnelId());
    }

    /** The reference: lowest priority first, then the order of adding; every field compared. */
    private static int firstMatch(final List<Entry> live, final boolean outbound, final String local,
        final String remote)
    {
        final PolicyDirection direction = outbound ? PolicyDirection.OUTBOUND : PolicyDirection.INBOUND;
        final int localPort = outbound ? SOURCE_PORT : DESTINATION_PORT;
        final int remotePort = outbound ? DESTINATION_PORT : SOURCE_PORT;
        int best = PolicyTable.NONE;
        int bestPriority = Integer.MAX_VALUE;
        for (final Entry entry : live)
        {
            final SecurityPolicy policy = entry.policy();
            if (policy.direction() == direction && policy.priority() < bestPriority &&
                covers(policy.local(), local, localPort) && covers(policy.remote(), remote, remotePort))
            {
                best = entry.id();
                bestPriority = policy.priority();
            }
        }
        return best;
    }

    private static boolean covers(final List<TrafficSelector> selectors, final String address, final int port)
    {
        return selectors.stream().anyMatch(selector -> selector.contains(address(address)) &&
            (selector.protocol() == TrafficSelector.ANY_PROTOCOL || selector.protocol() == UDP) &&
            port >= selector.fromPort() && port <= selector.toPort());
    }

    private static String host(final boolean ipv6, final String side, final int number)
    {
        return ipv6 ? "fd0" + side + "::" + Integer.toHexString(number) :
            "10." + side + "." + number / 256 + "." + number % 256;
    }

    private static int prefix(final String literal, final boolean ipv6)
    {
        final int slash = literal.indexOf('/');
        return slash < 0 ? (ipv6 ? 128 : 32) : Integer.parseInt(literal.substring(slash + 1));
    }

    private static InetAddress address(final String literal)
    {
        return Packets.address(literal);
    }
}
