package io.torii.dataplane.spd;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.testing.Packets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The address index must not change which policy wins: random tables mixing single-host and
 * subnet selectors at random priorities answer every lookup exactly as a plain first-match scan in
 * precedence order would.
 */
class PolicyIndexModelTest
{
    @Test
    void indexedLookupsAgreeWithAFirstMatchScan()
    {
        final Random random = new Random(4301);
        for (int round = 0; round < 20; round++)
        {
            final PolicyTable table = new PolicyTable();
            final List<SecurityPolicy> inOrder = new ArrayList<>();
            final List<Integer> ids = new ArrayList<>();
            for (int id = 0; id < 60; id++)
            {
                final String remote = random.nextBoolean() ? "10.2." + random.nextInt(4) + "." + random.nextInt(8) :
                    "10.2." + random.nextInt(4) + ".0/" + (22 + random.nextInt(9));
                final String local = random.nextInt(4) == 0 ? "10.1.0." + random.nextInt(4) : "10.1.0.0/24";
                final SecurityPolicy policy = SecurityPolicy.of(local, remote, PolicyDirection.OUTBOUND,
                    PolicyAction.PROTECT, random.nextInt(5), id);
                table.add(id, policy);
                inOrder.add(policy);
                ids.add(id);
            }
            if (round % 2 == 1)
            {
                for (int i = 0; i < 10; i++)
                {
                    final int victim = random.nextInt(ids.size());
                    table.remove(ids.get(victim));
                    ids.remove(victim);
                    inOrder.remove(victim);
                }
            }
            for (int probe = 0; probe < 300; probe++)
            {
                final String source = "10.1.0." + random.nextInt(6);
                final String destination = "10.2." + random.nextInt(5) + "." + random.nextInt(10);
                final byte[] packet = Packets.udp(source, destination, 4, probe);

                final int found = table.lookupOutbound(new UnsafeBuffer(packet), 0, packet.length);

                assertThat(found).as("%s -> %s", source, destination).isEqualTo(firstMatch(inOrder, ids, source,
                    destination));
            }
        }
    }

    /** The reference: lowest priority first, then the order of adding. */
    private static int firstMatch(final List<SecurityPolicy> policies, final List<Integer> ids, final String source,
        final String destination)
    {
        int best = PolicyTable.NONE;
        int bestPriority = Integer.MAX_VALUE;
        for (int i = 0; i < policies.size(); i++)
        {
            final SecurityPolicy policy = policies.get(i);
            if (policy.priority() < bestPriority && covers(policy.local(), source) && covers(policy.remote(), destination))
            {
                best = ids.get(i);
                bestPriority = policy.priority();
            }
        }
        return best;
    }

    private static boolean covers(final List<TrafficSelector> selectors, final String address)
    {
        return selectors.stream().anyMatch(selector -> selector.contains(Packets.address(address)));
    }
}
