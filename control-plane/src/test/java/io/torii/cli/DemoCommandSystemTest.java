package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.SystemTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a newcomer runs it: {@code torii demo} brings up the tunnel, moves
 * traffic through it, shows counters and leaves no namespace behind.
 */
@SystemTest
class DemoCommandSystemTest
{
    @Test
    void theDemoCarriesPingAndIperfThroughTheTunnelAndCleansUp()
    {
        assumeTrue(Commands.isRoot(), "the demo needs root (CI runs as root)");
        assumeTrue(Commands.run(java.util.List.of("which", "iperf3")).exitCode() == 0,
            "iperf3 missing: ./torii bootstrap installs it");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = new ToriiMain().run(new String[] {"demo"}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        final String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(shown + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(shown).contains("5 packets transmitted, 5 received").contains("receiver")
            .contains("CHILD_SA site established").contains("site-in").contains("torii daemon: stopped").contains("done: namespaces removed");
        assertThat(Commands.check("ip", "netns", "list")).doesNotContain("td" + ProcessHandle.current().pid() % 100_000);
    }
}
