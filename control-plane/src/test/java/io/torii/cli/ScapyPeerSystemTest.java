package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.InteropTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live Torii gateway against scapy's independent ESP code playing the far gateway:
 * <pre>
 *  [hostA] 10.1.0.2 --- [gatewayA: torii daemon] 192.0.2.1 ==== 192.0.2.2 [scapy, in gatewayB's namespace]
 * </pre>
 * Scapy sends an ESP-in-UDP echo request from "10.2.0.2"; Torii decrypts it and hands it to host A,
 * whose echo reply Torii encrypts back; scapy must decrypt it. Needs root (namespaces) and
 * Debian's python3-scapy.
 */
@InteropTest
class ScapyPeerSystemTest
{
    private static final Path SCRIPT = Path.of("src/test/python/scapy_live_peer.py");

    @TempDir
    Path dir;

    @Test
    void scapysEspReachesTheHostAndTheHostsReplyDecryptsInScapy() throws Exception
    {
        assumeTrue(Commands.isRoot(), "needs root (CI runs as root)");
        assumeTrue(Commands.run(List.of("/usr/bin/python3", "-c", "import scapy.layers.ipsec")).exitCode() == 0,
            "needs Debian's python3-scapy");
        final DemoGateways gateways = new DemoGateways();
        try (DemoNetwork network = new DemoNetwork("tsp" + ProcessHandle.current().pid() % 100_000);
            ChildProcess gateway = DemoGateways.startDaemon(network.gatewayA(), dir.resolve("a"), gateways.configA()))
        {
            DemoNetwork.run("ip", "-n", network.gatewayA(), "route", "add", "10.2.0.0/24", "dev", DemoGateways.TUN);
            final Path spec = Files.writeString(dir.resolve("spec.json"), """
                {"iface": "dv2b", "peer": "192.0.2.2", "gateway": "192.0.2.1",
                 "inner_src": "10.2.0.2", "inner_dst": "10.1.0.2",
                 "to_torii": {"spi": %d, "seq": 1, "esn": true, "crypt_algo": "AES-GCM", "crypt_key": "%s"},
                 "from_torii": {"spi": %d, "seq": 1, "esn": true, "crypt_algo": "AES-GCM", "crypt_key": "%s"}}
                """.formatted(0xc0de0002L, gateways.keyBToA().substring(2), 0xc0de0001L, gateways.keyAToB().substring(2)));

            final Commands.Result scapy = Commands.run(List.of("ip", "netns", "exec", network.gatewayB(),
                "/usr/bin/python3", SCRIPT.toString(), spec.toString()));

            assertThat(scapy.exitCode()).as(scapy.output() + "\ngateway said:\n" + gateway.output()).isZero();
            assertThat(scapy.output()).contains("ok: echo reply from 10.1.0.2");
        }
    }
}
