package io.torii.perf.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
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
        final BenchOptions options = BenchOptions.parse("ike", "--quick", "loop", "--profile", "small-branch",
            "ike", "--out", "/tmp/r").options();

        assertThat(options.scenarios()).containsExactly("ike", "loop");
        assertThat(options.quick()).isTrue();
        assertThat(options.profile()).contains("small-branch");
        assertThat(options.resultsRoot()).isEqualTo(Path.of("/tmp/r"));
    }

    @Test
    void aNamedProfileReachesTheGatewaysAsATopLevelSetting()
    {
        assertThat(ProfileHook.dataplaneSettings(Optional.of("mid-size"))).isEqualTo("\nprofile = mid-size\n");
        assertThat(ProfileHook.applied(Optional.of("mid-size"))).isTrue();
        assertThat(ProfileHook.dataplaneSettings(Optional.empty())).isEmpty();
        assertThat(ProfileHook.applied(Optional.empty())).isFalse();
    }

    @Test
    void badArgumentsGiveAReason()
    {
        assertThat(BenchOptions.parse("warp").failure()).contains("unknown scenario 'warp'");
        assertThat(BenchOptions.parse("--fast").failure()).contains("unknown option '--fast'");
        assertThat(BenchOptions.parse("--profile").failure()).isEqualTo("--profile needs a value");
        assertThat(BenchOptions.parse("--profile", "--quick").ok()).isFalse();
        assertThat(BenchOptions.parse("--profile", "branch-4core").failure())
            .isEqualTo("unknown hardware profile 'branch-4core': expected any of generic-vm, small-branch, " +
                "mid-size, aggregation");
        assertThat(BenchOptions.parse("--help").options().help()).isTrue();
    }
}
