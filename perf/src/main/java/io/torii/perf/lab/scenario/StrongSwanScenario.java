package io.torii.perf.lab.scenario;

import io.torii.cli.demo.DemoNetwork;
import io.torii.perf.lab.Figure;
import io.torii.perf.lab.Scenario;
import io.torii.perf.lab.ScenarioContext;
import io.torii.perf.lab.ike.CharonInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The end-to-end topology of {@link EndToEndScenario} with a strongSwan charon on each gateway instead of
 * Torii: kernel-libipsec (this kernel has no ESP, so strongSwan's ESP runs in userspace too, always in
 * UDP), PSK, AES-256-GCM as in Torii's tunnel; the same traffic, so every end-to-end Torii figure has a
 * strongSwan figure beside it.
 * <pre>
 *  [hostA] -- [gatewayA charon | ipsec0] 192.0.2.1 === 192.0.2.2 [ipsec0 | charon gatewayB] -- [hostB]
 * </pre>
 */
public final class StrongSwanScenario implements Scenario
{
    @Override
    public String name()
    {
        return "strongswan";
    }

    @Override
    public String description()
    {
        return "strongSwan (kernel-libipsec) on both gateways, the e2e traffic";
    }

    @Override
    public Optional<String> missingPrerequisite()
    {
        final Optional<String> missing = Commands.missing("ip", "iperf3", "ping");
        if (missing.isPresent())
        {
            return missing;
        }
        return CharonInstance.installed() ? Optional.empty() :
            Optional.of(CharonInstance.CHARON + " is not installed (./torii bootstrap installs strongSwan)");
    }

    @Override
    public Duration budget(final boolean quick)
    {
        return Duration.ofSeconds(quick ? 35 : 150);
    }

    @Override
    public void run(final ScenarioContext context) throws Exception
    {
        final String psk = "0s" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        final Path root = Files.createTempDirectory("tb-ss");
        context.progress("starting charon on both gateways, initiating the tunnel");
        try (DemoNetwork network = new DemoNetwork(EndToEndScenario.prefix('s')))
        {
            final CharonInstance gatewayB = CharonInstance.start(network.gatewayB(), root.resolve("b"),
                swanctl("192.0.2.2", "192.0.2.1", "b", "a", "10.2.0.0/24", "10.1.0.0/24", psk));
            try (CharonInstance gatewayA = CharonInstance.start(network.gatewayA(), root.resolve("a"),
                swanctl("192.0.2.1", "192.0.2.2", "a", "b", "10.1.0.0/24", "10.2.0.0/24", psk)))
            {
                gatewayA.swanctl("--initiate", "--child", "net", "--timeout", "20");
                new TrafficMeasurement(context, network).measure(Figure.STRONGSWAN, "libipsec");
            }
            finally
            {
                gatewayB.close();
            }
        }
        finally
        {
            DemoNetwork.run("rm", "-rf", root.toString());
        }
    }

    /** @return one gateway's swanctl.conf: PSK, AES-256-GCM for IKE and ESP, the two LANs as selectors. */
    static String swanctl(final String self, final String peer, final String selfName, final String peerName,
        final String localTs, final String remoteTs, final String psk)
    {
        return """
            connections {
              gw {
                local_addrs = %s
                remote_addrs = %s
                proposals = aes256gcm16-prfsha256-x25519
                local {
                  auth = psk
                  id = gateway-%s.bench.example
                }
                remote {
                  auth = psk
                  id = gateway-%s.bench.example
                }
                children {
                  net {
                    local_ts = %s
                    remote_ts = %s
                    esp_proposals = aes256gcm16
                  }
                }
              }
            }
            secrets {
              ike-gw {
                secret = %s
              }
            }
            """.formatted(self, peer, selfName, peerName, localTs, remoteTs, psk);
    }
}
