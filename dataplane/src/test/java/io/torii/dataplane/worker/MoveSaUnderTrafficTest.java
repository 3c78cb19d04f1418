package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.EventIntervals;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.testing.Packets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways, programmed only through the control ring, move a tunnel's SAs to new endpoints while traffic
 * flows, as MOBIKE (RFC 4555) does when B's address changes:
 * <pre>
 *   A 192.0.2.1 ==== ESP-in-UDP 4500:4500 ==== B 192.0.2.2
 *   A 192.0.2.1 ==== ESP-in-UDP 4500:61000 ==== B 203.0.113.9 (B roamed behind a NAT)
 *   A 192.0.2.1 ==== plain ESP ==== B 203.0.113.9 (the NAT went away: encapsulation off)
 * </pre>
 * No SA is rekeyed: sequence numbers run on across each move, the replay windows remember what came before,
 * and every packet arrives once and in order.
 */
class MoveSaUnderTrafficTest
{
    private static final int A_TO_B = 0x1000;
    private static final int B_TO_A = 0x2000;
    private static final int IPV4_HEADER = 20;
    private static final int UDP_HEADER = 8;

    private final EventGateway a = new EventGateway(EventIntervals.DEFAULTS);
    private final EventGateway b = new EventGateway(EventIntervals.DEFAULTS);
    private final List<byte[]> sent = new ArrayList<>();
    private final List<byte[]> delivered = new ArrayList<>();
    private final List<byte[]> wire = new ArrayList<>();

    @BeforeEach
    void tunnelUp()
    {
        a.policies("10.1.0.0/24", "10.2.0.0/24");
        b.policies("10.2.0.0/24", "10.1.0.0/24");
        a.addSa(EventGateway.sa("a-out", A_TO_B, "192.0.2.1", "192.0.2.2", 1), Direction.OUTBOUND, SaLifetimes.NONE);
        b.addSa(EventGateway.sa("b-in", A_TO_B, "192.0.2.1", "192.0.2.2", 1), Direction.INBOUND, SaLifetimes.NONE);
        b.addSa(EventGateway.sa("b-out", B_TO_A, "192.0.2.2", "192.0.2.1", 2), Direction.OUTBOUND, SaLifetimes.NONE);
        a.addSa(EventGateway.sa("a-in", B_TO_A, "192.0.2.2", "192.0.2.1", 2), Direction.INBOUND, SaLifetimes.NONE);
    }

    @AfterEach
    void close()
    {
        a.close();
        b.close();
    }

    /** Sends numbered packets from A's LAN, keeps what A put on the wire, and carries it to B's LAN. */
    private void trafficAToB(final int packets)
    {
        for (int i = 0; i < packets; i++)
        {
            final byte[] packet = Packets.udp("10.1.0.5", "10.2.0.7", 40 + sent.size() % 50, sent.size());
            sent.add(packet);
            a.lan.inject(packet);
        }
        a.worker.doWork();
        for (final byte[] esp : a.wan.drain())
        {
            wire.add(esp);
            b.wan.inject(esp);
        }
        b.worker.doWork();
        delivered.addAll(b.lan.drain());
    }

    private void move(final EventGateway gateway, final int spi, final Direction direction, final String source,
        final int sourcePort, final String destination, final int destinationPort, final boolean udp)
    {
        final long before = gateway.completed;
        assertThat(gateway.control.moveSa(gateway.control.nextCorrelationId(), spi, IpsecProtocol.ESP, direction,
            Packets.address(source), sourcePort, Packets.address(destination), destinationPort, udp)).isTrue();
        gateway.settle();
        assertThat(gateway.completed).isEqualTo(before + 1);
    }

    /** B roamed: both gateways move both SAs of the pair; A sends to B's new address and NAT port. */
    private void bRoamsBehindANat()
    {
        move(a, A_TO_B, Direction.OUTBOUND, "192.0.2.1", 4500, "203.0.113.9", 61000, true);
        move(a, B_TO_A, Direction.INBOUND, "203.0.113.9", 61000, "192.0.2.1", 4500, true);
        move(b, A_TO_B, Direction.INBOUND, "192.0.2.1", 4500, "203.0.113.9", 4500, true);
        move(b, B_TO_A, Direction.OUTBOUND, "203.0.113.9", 4500, "192.0.2.1", 4500, true);
    }

    private static String outerDestination(final byte[] packet)
    {
        return (packet[16] & 0xFF) + "." + (packet[17] & 0xFF) + "." + (packet[18] & 0xFF) + "." + (packet[19] & 0xFF);
    }

    private static long espSequence(final byte[] packet)
    {
        final int espStart = IPV4_HEADER + (packet[9] == IpProtocols.UDP ? UDP_HEADER : 0);
        return Integer.toUnsignedLong(ByteBuffer.wrap(packet).getInt(espStart + 4));
    }

    @Test
    void outboundPacketsTakeTheNewAddressAndPortAndKeepTheirSequence()
    {
        trafficAToB(10);
        bRoamsBehindANat();
        trafficAToB(10);

        assertThat(wire).hasSize(20);
        for (int i = 0; i < 20; i++)
        {
            final ByteBuffer packet = ByteBuffer.wrap(wire.get(i));
            assertThat(wire.get(i)[9]).as("outer protocol of packet " + i).isEqualTo((byte)IpProtocols.UDP);
            assertThat(outerDestination(wire.get(i))).isEqualTo(i < 10 ? "192.0.2.2" : "203.0.113.9");
            assertThat(packet.getShort(IPV4_HEADER + 2) & 0xFFFF).isEqualTo(i < 10 ? 4500 : 61000);
            assertThat(packet.getInt(IPV4_HEADER + UDP_HEADER)).isEqualTo(A_TO_B);
            assertThat(espSequence(wire.get(i))).as("the SA's sequence runs on across the move").isEqualTo(i + 1);
        }
        assertThat(ByteBuffer.wrap(wire.get(15)).getShort(10) & 0xFFFF).as("outer header checksum")
            .isEqualTo(Packets.ipv4Checksum(wire.get(15)));
        assertThat(delivered).as("every packet, once, in order").containsExactlyElementsOf(sent);
    }

    @Test
    void encapsulationSwitchesOffAndTheInnerMtuGrowsByTheUdpHeader()
    {
        trafficAToB(5);
        final int tunnelMtuInUdp = a.worker.tunnels().innerMtu(EventGateway.TUNNEL);
        bRoamsBehindANat();
        move(a, A_TO_B, Direction.OUTBOUND, "192.0.2.1", 0, "203.0.113.9", 0, false);
        move(b, A_TO_B, Direction.INBOUND, "192.0.2.1", 0, "203.0.113.9", 0, false);
        trafficAToB(5);

        final byte[] last = wire.getLast();
        assertThat(last[9]).as("plain ESP").isEqualTo((byte)IpProtocols.ESP);
        assertThat(outerDestination(last)).isEqualTo("203.0.113.9");
        assertThat(ByteBuffer.wrap(last).getInt(IPV4_HEADER)).isEqualTo(A_TO_B);
        assertThat(espSequence(last)).isEqualTo(10);
        assertThat(a.table.config(a.slotOf(A_TO_B, Direction.OUTBOUND)).udpEncapsulation()).isFalse();
        assertThat(a.worker.tunnels().innerMtu(EventGateway.TUNNEL)).isGreaterThan(tunnelMtuInUdp);
        assertThat(delivered).containsExactlyElementsOf(sent);
    }

    @Test
    void theReplayWindowSurvivesTheMoveSoAnOldPacketStaysARepeat()
    {
        trafficAToB(3);
        final byte[] captured = wire.get(1);
        bRoamsBehindANat();
        trafficAToB(3);

        b.wan.inject(captured);
        b.worker.doWork();

        assertThat(b.lan.drain()).as("a replayed packet from before the move").isEmpty();
        assertThat(delivered).containsExactlyElementsOf(sent);
    }

    @Test
    void theInboundSaAcceptsThePeerFromItsNewAddress()
    {
        bRoamsBehindANat();
        final byte[] packet = Packets.udp("10.2.0.7", "10.1.0.5", 64, 7);
        b.lan.inject(packet);
        b.worker.doWork();
        final List<byte[]> esp = b.wan.drain();
        assertThat(esp).singleElement().satisfies(out -> assertThat(new byte[] {out[12], out[13], out[14], out[15]})
            .containsExactly(203, 0, 113, 9));
        a.wan.inject(esp.getFirst());
        a.worker.doWork();

        assertThat(a.lan.drain()).singleElement().isEqualTo(packet);
        final SaConfig inbound = a.table.config(a.slotOf(B_TO_A, Direction.INBOUND));
        assertThat(inbound.source().getHostAddress()).isEqualTo("203.0.113.9");
        assertThat(inbound.sourcePort()).isEqualTo(61000);
    }

    @Test
    void movingAnSaThatIsNotInstalledFailsWithAReason()
    {
        assertThat(a.control.moveSa(a.control.nextCorrelationId(), 0x9999, IpsecProtocol.ESP, Direction.OUTBOUND,
            Packets.address("192.0.2.1"), 4500, Packets.address("192.0.2.3"), 4500, true)).isTrue();
        while (a.controlAdapter.poll(16) > 0)
        {
            a.worker.doWork();
        }
        a.eventsAdapter.poll(16);

        assertThat(a.failures).singleElement().asString().contains("no OUTBOUND SA with SPI 0x9999");
    }
}
