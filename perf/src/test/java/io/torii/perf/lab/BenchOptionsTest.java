package io.torii.perf.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest
{
    @Test
    void noScenarioMeansAllInOrder()
    {
        final BenchOptions options = BenchOptions.parse().options();

        assertThat(options.scenarios()).containsExactly("crypto", "loop", "e2e", "ike", "strongswan");
        assertThat(options.quick()).isFalse();
        assertThat(options.profile()).isEmpty();
        assertThat(options.resultsRoot()).isEqualTo(Path.of("perf", "results"));
    }

    @Test
    void scenariosOptionsAndProfileAreTaken()
    {
        final BenchOptions options = BenchOptions.parse("ike", "--quick", "loop", "--profile", "branch-4core",
            "ike", "--out", "/tmp/r").options();

        assertThat(options.scenarios()).containsExactly("ike", "loop");
        assertThat(options.quick()).isTrue();
        assertThat(options.profile()).contains("branch-4core");
        assertThat(options.resultsRoot()).isEqualTo(Path.of("/tmp/r"));
    }

    @Test
    void badArgumentsGiveAReason()
    {
        assertThat(BenchOptions.parse("warp").failure()).contains("unknown scenario 'warp'");
        assertThat(BenchOptions.parse("--fast").failure()).contains("unknown option '--fast'");
        assertThat(BenchOptions.parse("--profile").failure()).isEqualTo("--profile needs a value");
        assertThat(BenchOptions.parse("--profile", "--quick").ok()).isFalse();
        assertThat(BenchOptions.parse("--help").options().help()).isTrue();
    }
}
