package io.torii.dataplane.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixture every system test stands on: it builds two hosts that can reach each other and
 * leaves nothing behind.
 *
 * <pre>
 *   [ a ] tv1a 192.0.2.1/24 ---veth--- 192.0.2.2/24 tv1b [ b ]
 * </pre>
 */
@SystemTest
class NetworkLabSystemTest
{
    @BeforeAll
    static void needsRoot()
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
    }

    @Test
    void twoNamespacesOnAVethPairReachEachOtherAndAreRemovedOnClose()
    {
        final List<String> made;
        try (NetworkLab lab = new NetworkLab())
        {
            final String a = lab.namespace("a");
            final String b = lab.namespace("b");
            lab.link(a, "192.0.2.1/24", b, "192.0.2.2/24");

            final Commands.Result ping = lab.exec(a, "ping", "-c", "1", "-W", "5", "192.0.2.2");
            assertThat(ping.exitCode()).as(ping.output()).isZero();

            final Commands.Result unreachable = lab.exec(a, "ping", "-c", "1", "-W", "1", "198.51.100.9");
            assertThat(unreachable.exitCode()).as("no route leaves the lab").isNotZero();
            made = lab.namespaces();
        }

        final String remaining = Commands.check("ip", "netns", "list");
        for (final String name : made)
        {
            assertThat(remaining).doesNotContain(name);
        }
    }
}
