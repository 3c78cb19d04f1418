package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.cli.demo.ChildProcess;
import io.torii.cli.demo.DemoGateways;
import io.torii.cli.demo.DemoNetwork;
import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.handoff.ControlRings;
import io.torii.dataplane.handoff.DataplaneEvents;
import io.torii.dataplane.handoff.EventsAdapter;
import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.handoff.RingDataplaneControl;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.SystemTest;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons start with no SAs at all; another process (this test, standing in for the IKE daemon)
 * opens each one's control ring in its run directory and installs policies and SAs through the one
 * narrow interface, reading the answers off the events ring. Then traffic crosses.
 */
@SystemTest
class ControlRingSystemTest
{
    private static final String EMPTY = """
        dataplane {
          wan {
            port = udp
            address = %s
          }
          lan {
            port = tun
            interface = torii0
            mtu = 1400
          }
        }
        """;

    @TempDir
    Path dir;

    @Test
    void saProgrammedFromAnotherProcessCarryTraffic() throws Exception
    {
        assumeTrue(Commands.isRoot(), "needs root (CI runs as root)");
        try (DemoNetwork network = new DemoNetwork("tcr" + ProcessHandle.current().pid() % 100_000);
            ChildProcess gatewayA = DemoGateways.startDaemon(network.gatewayA(), dir.resolve("a"),
                EMPTY.formatted("192.0.2.1"));
            ChildProcess gatewayB = DemoGateways.startDaemon(network.gatewayB(), dir.resolve("b"),
                EMPTY.formatted("192.0.2.2")))
        {
            network.routeThroughTunnels(DemoGateways.TUN);
            program(dir.resolve("a"), "10.1.0.0/24", "10.2.0.0/24", 0xc1000001, 0xc1000002, "192.0.2.1", "192.0.2.2");
            program(dir.resolve("b"), "10.2.0.0/24", "10.1.0.0/24", 0xc1000002, 0xc1000001, "192.0.2.2", "192.0.2.1");

            final String ping = DemoNetwork.run("ip", "netns", "exec", network.hostA(), "ping", "-c", "3", "-i", "0.2",
                "-W", "2", DemoNetwork.HOST_B);
            assertThat(ping).contains("3 received");
            assertThat(gatewayA.output() + gatewayB.output()).doesNotContain("worker error");
        }
    }

    /** Installs one tunnel's policies and SA pair through the run directory's control ring. */
    private static void program(final Path runDirectory, final String local, final String remote, final int outSpi,
        final int inSpi, final String self, final String peer) throws Exception
    {
        try (ControlRings rings = ControlRings.open(runDirectory))
        {
            final RingDataplaneControl control = new RingDataplaneControl(rings.controlRing());
            final Answers answers = new Answers();
            final EventsAdapter events = new EventsAdapter(rings.eventsRing(), answers);
            final int tunnel = 3;
            assertThat(control.addPolicy(control.nextCorrelationId(), 10, local, remote, PolicyDirection.OUTBOUND,
                PolicyAction.PROTECT, 5, tunnel)).isTrue();
            assertThat(control.addPolicy(control.nextCorrelationId(), 11, local, remote, PolicyDirection.INBOUND,
                PolicyAction.PROTECT, 5, tunnel)).isTrue();
            assertThat(control.addSa(control.nextCorrelationId(), sa(outSpi, self, peer), Direction.OUTBOUND, tunnel,
                SaLifetimes.NONE)).isTrue();
            assertThat(control.addSa(control.nextCorrelationId(), sa(inSpi, peer, self), Direction.INBOUND, tunnel,
                SaLifetimes.NONE)).isTrue();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answers.completed + answers.failed.size() < 4 && System.nanoTime() < deadline)
            {
                if (events.poll(16) == 0)
                {
                    Thread.onSpinWait();
                }
            }
            assertThat(answers.failed).isEmpty();
            assertThat(answers.completed).as("every request answered").isEqualTo(4);
        }
    }

    private static SaConfig sa(final int spi, final String from, final String to)
    {
        final byte[] key = new byte[EncryptionAlgorithm.AES_GCM_16_256.keyMaterialLength()];
        for (int i = 0; i < key.length; i++)
        {
            key[i] = (byte)(spi * 31 + i);
        }
        return new SaConfig("ring-" + Integer.toHexString(spi), spi, Packets.address(from), Packets.address(to),
            IpsecProtocol.ESP, IpsecMode.TUNNEL, true, 4500, 4500, EncryptionAlgorithm.AES_GCM_16_256,
            IntegrityAlgorithm.NONE, key, new byte[0], true, 0, 128, 0);
    }

    /** Counts answers; other events are not expected here. */
    private static final class Answers implements DataplaneEvents
    {
        long completed;
        final List<String> failed = new ArrayList<>();

        @Override
        public void onSpiAllocated(final long correlationId, final IpsecProtocol protocol, final int spi)
        {
        }

        @Override
        public void onCompleted(final long correlationId)
        {
            completed++;
        }

        @Override
        public void onFailed(final long correlationId, final String reason)
        {
            failed.add(reason);
        }

        @Override
        public void onSoftLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
            final LifetimeLimit limit)
        {
        }

        @Override
        public void onHardLifetime(final int spi, final IpsecProtocol protocol, final Direction direction,
            final LifetimeLimit limit)
        {
        }

        @Override
        public void onSequenceExhausted(final int spi, final IpsecProtocol protocol)
        {
        }

        @Override
        public void onAcquire(final int policyId, final int ipProtocol, final InetAddress source, final int sourcePort,
            final InetAddress destination, final int destinationPort)
        {
        }

        @Override
        public void onSaStatistics(final int spi, final IpsecProtocol protocol, final Direction direction,
            final long packets, final long bytes, final long dropped)
        {
        }
    }
}
