package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.SystemTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A live Torii daemon with a static AH tunnel (RFC 4302) on a raw WAN port, against scapy's
 * independent AH code playing the far gateway:
 * <pre>
 *  [hostA] 10.1.0.2 --- [gatewayA: torii daemon] 192.0.2.1 ==== 192.0.2.2 [scapy, in gatewayB's namespace]
 * </pre>
 * Scapy sends an AH-protected echo request from "10.2.0.2"; Torii verifies it, strips AH and hands
 * it to host A, whose echo reply Torii protects with AH back; scapy must verify its ICV. Needs root
 * (namespaces, raw sockets) and Debian's python3-scapy.
 */
@SystemTest
class AhScapyPeerSystemTest
{
    private static final Path SCRIPT = Path.of("src/test/python/scapy_ah_peer.py");
    private static final int SPI_A_TO_B = 0xa4000001;
    private static final int SPI_B_TO_A = 0xa4000002;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sha256, SHA2-256-128, 32", "sha384, SHA2-384-192, 48", "sha512, SHA2-512-256, 64"})
    void scapysAhReachesTheHostAndTheHostsReplyVerifiesInScapy(final String proposal, final String scapyAlgorithm,
        final int keyLength) throws Exception
    {
        assumeTrue(Commands.isRoot(), "needs root (CI runs as root)");
        assumeTrue(Commands.run(List.of("/usr/bin/python3", "-c", "import scapy.layers.ipsec")).exitCode() == 0,
            "needs Debian's python3-scapy");
        final Random random = new Random(keyLength);
        final String keyAToB = key(random, keyLength);
        final String keyBToA = key(random, keyLength);
        try (DemoNetwork network = new DemoNetwork("tah" + ProcessHandle.current().pid() % 10_000 + keyLength);
            ChildProcess gateway = DemoGateways.startDaemon(network.gatewayA(), dir.resolve(proposal),
                config(proposal, keyAToB, keyBToA)))
        {
            DemoNetwork.run("ip", "-n", network.gatewayA(), "route", "add", "10.2.0.0/24", "dev", DemoGateways.TUN);
            final Path spec = Files.writeString(dir.resolve(proposal + ".json"), """
                {"iface": "dv2b", "peer": "192.0.2.2", "gateway": "192.0.2.1", "mode": "tunnel",
                 "inner_src": "10.2.0.2", "inner_dst": "10.1.0.2",
                 "to_torii": {"spi": %d, "seq": 1, "auth_algo": "%s", "auth_key": "%s"},
                 "from_torii": {"spi": %d, "seq": 1, "auth_algo": "%s", "auth_key": "%s"}}
                """.formatted(Integer.toUnsignedLong(SPI_B_TO_A), scapyAlgorithm, keyBToA,
                Integer.toUnsignedLong(SPI_A_TO_B), scapyAlgorithm, keyAToB));

            final Commands.Result scapy = Commands.run(List.of("ip", "netns", "exec", network.gatewayB(),
                "/usr/bin/python3", SCRIPT.toString(), spec.toString()));

            assertThat(scapy.exitCode()).as(scapy.output() + "\ngateway said:\n" + gateway.output()).isZero();
            assertThat(scapy.output()).contains("ok: echo reply from 10.1.0.2 verified by scapy");
        }
    }

    private static String key(final Random random, final int length)
    {
        final byte[] key = new byte[length];
        random.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    private static String config(final String proposal, final String keyAToB, final String keyBToA)
    {
        return """
            dataplane {
              wan {
                port = raw
                address = 192.0.2.1
              }
              lan {
                port = tun
                interface = torii0
                mtu = 1400
              }
            }
            sas {
              a-to-b {
                spi = 0x%x
                src = 192.0.2.1
                dst = 192.0.2.2
                protocol = ah
                proposal = %s
                integ_key = 0x%s
              }
              b-to-a {
                spi = 0x%x
                src = 192.0.2.2
                dst = 192.0.2.1
                protocol = ah
                proposal = %s
                integ_key = 0x%s
              }
            }
            tunnels {
              site {
                local_ts = 10.1.0.0/24
                remote_ts = 10.2.0.0/24
                out = a-to-b
                in = b-to-a
              }
            }
            """.formatted(SPI_A_TO_B, proposal, keyAToB, SPI_B_TO_A, proposal, keyBToA);
    }
}
