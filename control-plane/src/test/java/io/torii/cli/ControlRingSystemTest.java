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
import io.torii.dataplane.handoff.IkeDatagramAdapter;
import io.torii.dataplane.handoff.IkeDatagramProxy;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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

    /**
     * IKE and ESP in UDP share port 4500 (RFC 3948 §2.2), whose socket the dataplane owns: a peer's IKE
     * behind the non-ESP marker reaches the control plane on the IKE-in ring, and the control plane's
     * answer on the IKE-out ring reaches the peer from port 4500, behind the marker.
     */
    @Test
    void ikeOnTheNatTPortReachesTheControlPlaneAndItsAnswerThePeer() throws Exception
    {
        assumeTrue(Commands.isRoot(), "needs root (CI runs as root)");
        try (DemoNetwork network = new DemoNetwork("tik" + ProcessHandle.current().pid() % 100_000);
            ChildProcess gateway = DemoGateways.startDaemon(network.gatewayA(), dir.resolve("a"),
                EMPTY.formatted("192.0.2.1"));
            ControlRings rings = ControlRings.open(dir.resolve("a")))
        {
            // The peer sends IKE from its own port 4500 and prints, in hex, the first datagram it gets back.
            final Process peer = new ProcessBuilder("ip", "netns", "exec", network.gatewayB(), "/usr/bin/python3", "-c",
                """
                import socket
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(('192.0.2.2', 4500))
                s.settimeout(20)
                s.sendto(bytes(4) + bytes(range(1, 41)), ('192.0.2.1', 4500))
                print(s.recvfrom(2000)[0].hex(), flush=True)
                """).redirectErrorStream(true).start();
            try
            {
                final List<String> received = new ArrayList<>();
                final IkeDatagramAdapter up = new IkeDatagramAdapter(rings.ikeInRing());
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (received.isEmpty() && System.nanoTime() < deadline && peer.isAlive())
                {
                    if (up.poll((datagram, length) ->
                    {
                        final byte[] ike = new byte[length];
                        datagram.buffer().getBytes(datagram.ikeOffset(), ike);
                        received.add(datagram.remotePort() + " " + datagram.localPort() + " " +
                            HexFormat.of().formatHex(ike));
                    }, 1) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                final StringBuilder expected = new StringBuilder();
                for (int i = 1; i <= 40; i++)
                {
                    expected.append(HexFormat.of().toHexDigits((byte)i));
                }
                assertThat(received).containsExactly("4500 4500 " + expected);

                final byte[] answer = new byte[32];
                Arrays.fill(answer, (byte)0x5A);
                assertThat(new IkeDatagramProxy(rings.ikeOutRing()).send(
                    new InetSocketAddress(Packets.address("192.0.2.1"), 4500),
                    new InetSocketAddress(Packets.address("192.0.2.2"), 4500), answer, 0, answer.length)).isTrue();
                assertThat(peer.waitFor(20, TimeUnit.SECONDS)).as("peer got an answer").isTrue();
                final String printed = new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(printed).isEqualTo("00000000" + "5a".repeat(32));
            }
            finally
            {
                peer.destroyForcibly();
            }
            assertThat(gateway.output()).doesNotContain("worker error");
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
