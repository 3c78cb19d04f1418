package io.torii.dataplane.port.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.udp.UdpPackets.Endpoint;
import io.torii.dataplane.testing.Packets;
import io.torii.nativeshim.NativeShim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UDP port over the loopback interface of this host's namespace: no root, no namespaces,
 * ports the kernel picks. The namespace tests cover two hosts on a link.
 */
class UdpEspPortLoopbackTest
{
    @BeforeAll
    static void needsShim()
    {
        assumeTrue(NativeShim.isAvailable(), NativeShim::status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aBurstArrivesWholeAndInOrder(final String loopback)
    {
        final UdpPortConfig config = UdpPortConfig.of(Packets.address(loopback)).withPort(0);
        try (UdpEspPort a = new UdpEspPort(config);
            UdpEspPort b = new UdpEspPort(config))
        {
            final Endpoint from = new Endpoint(Packets.address(loopback), a.localPort());
            final Endpoint to = new Endpoint(Packets.address(loopback), b.localPort());
            final PacketBatch out = new PacketBatch();
            for (int i = 0; i < out.capacity(); i++)
            {
                final byte[] packet = UdpPackets.build(from, to, 0x28, 33, UdpPackets.payload(i));
                out.add(packet, 0, packet.length);
            }

            assertThat(a.transmit(out)).isEqualTo(out.capacity());

            final PacketBatch in = new PacketBatch();
            UdpPackets.receive(b, in, out.capacity());
            for (int i = 0; i < in.size(); i++)
            {
                UdpPackets.assertReceived(in, i, from, to, 0x28, 33, UdpPackets.payload(i));
            }
            assertThat(a.transmitted()).isEqualTo(out.capacity());
            assertThat(b.received()).isEqualTo(out.capacity());
            assertThat(a.transmitDrops() + b.receiveErrors()).isZero();
        }
    }
}
