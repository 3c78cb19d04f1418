package io.torii.perf.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.config.IkeConnection;
import io.torii.ike.config.SwanctlLoad;
import io.torii.ike.config.SwanctlReader;
import io.torii.perf.lab.ProfileHook;
import io.torii.perf.lab.ike.IkeLoadGenerator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioConfigTest
{
    @Test
    void theResponderConfigurationReadsAsTheGeneratorExpects()
    {
        final SwanctlLoad load = SwanctlReader.read(IkeScenario.responderSwanctl("0s0011"), "responder");

        final IkeConnection bench = load.config().connections().get("bench");
        assertThat(load.warnings()).isEmpty();
        assertThat(bench).isNotNull();
        assertThat(bench.proposals()).containsExactly(IkeLoadGenerator.IKE_PROPOSAL);
        assertThat(load.config().sharedSecrets()).singleElement().satisfies(secret ->
            assertThat(secret.ids()).isEmpty());
    }

    @Test
    void theStrongSwanGatewaysMirrorEachOther()
    {
        final String a = StrongSwanScenario.swanctl("192.0.2.1", "192.0.2.2", "a", "b", "10.1.0.0/24",
            "10.2.0.0/24", "0s00");
        final String b = StrongSwanScenario.swanctl("192.0.2.2", "192.0.2.1", "b", "a", "10.2.0.0/24",
            "10.1.0.0/24", "0s00");

        final IkeConnection gatewayA = SwanctlReader.read(a, "a").config().connections().get("gw");
        final IkeConnection gatewayB = SwanctlReader.read(b, "b").config().connections().get("gw");
        assertThat(gatewayA.localAddrs()).isEqualTo(gatewayB.remoteAddrs());
        assertThat(gatewayA.remoteAddrs()).isEqualTo(gatewayB.localAddrs());
    }

    @Test
    void theAfXdpPortReplacesTheUdpPortOnTheWanInterface()
    {
        final String demo = "dataplane {\n  wan {\n    port = udp\n    address = 192.0.2.1\n  }\n}\n";

        assertThat(EndToEndScenario.configFor(demo, "afxdp", "dv2a"))
            .contains("    port = afxdp\n    interface = dv2a\n").doesNotContain("port = udp");
        assertThat(EndToEndScenario.configFor(demo, "udp", "dv2a")).isEqualTo(demo);
    }

    @Test
    void theGeneratorsResultLineIsReadByName()
    {
        final Map<String, Double> result = IkeScenario.result("ike-rate-start\nike-load latency_sas=30 " +
            "setup_p50_us=1830 setup_p99_us=2410 rate_sas=300 seconds=0.912 sas_per_s=438.6\n");

        assertThat(result).containsEntry("sas_per_s", 438.6).containsEntry("setup_p50_us", 1830.0)
            .containsEntry("rate_sas", 300.0);
        assertThat(IkeScenario.result("ike-load failed: timeout")).isEmpty();
        assertThat(IkeScenario.result("")).isEmpty();
    }

    @Test
    void withoutAProfileNothingChanges()
    {
        assertThat(ProfileHook.dataplaneSettings(Optional.empty())).isEmpty();
        assertThat(ProfileHook.applied(Optional.empty())).isFalse();
    }
}
