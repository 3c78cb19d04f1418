package io.torii.dataplane.worker;

import static io.torii.dataplane.worker.AhTunnelConfigs.SPI_A_TO_B;
import static io.torii.dataplane.worker.AhTunnelConfigs.SPI_B_TO_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.port.memory.MemoryPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two gateways joined by in-memory WAN ports and one AH tunnel (RFC 4302), each driven one duty cycle
 * at a time ({@link AhTunnelConfigs} draws the addresses): tunnel and transport mode, IPv4 and IPv6
 * outside and inside, HMAC-SHA-256/384/512. What crosses the wire is checked as AH, its ICV against
 * the JDK's HMAC over the packet with the mutable fields zeroed, and replayed, tampered and unknown
 * packets end with their own counted dispositions.
 */
class AhGatewayWorkerTest
{
    private final MemoryPort lanA = new MemoryPort("lanA");
    private final MemoryPort lanB = new MemoryPort("lanB");
    private final MemoryPort wanA = new MemoryPort("wanA");
    private final MemoryPort wanB = new MemoryPort("wanB");
    private final SaTable tableA = new SaTable(8);
    private final SaTable tableB = new SaTable(8);
    private GatewayWorker gatewayA;
    private GatewayWorker gatewayB;

    @AfterEach
    void close()
    {
        tableA.close();
        tableB.close();
    }

    static Stream<Arguments> tunnels()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final String algorithm : List.of("sha256", "sha384", "sha512"))
        {
            for (final boolean outerIpv6 : new boolean[] {false, true})
            {
                for (final boolean innerIpv6 : new boolean[] {false, true})
                {
                    cases.add(Arguments.of(true, outerIpv6, innerIpv6, algorithm));
                }
                cases.add(Arguments.of(false, outerIpv6, outerIpv6, algorithm));
            }
        }
        return cases.stream();
    }

    private static GatewayWorker gateway(final DaemonConfig config, final MemoryPort lan, final MemoryPort wan,
        final SaTable table)
    {
        final PolicyTable policies = new PolicyTable();
        final TunnelTable tunnels = new TunnelTable(policies, table.capacity());
        StaticTunnels.install(config, table, tunnels, new JdkCryptoEngine());
        return new GatewayWorker(0, lan, wan, table, policies, tunnels, SaEventListener.NONE, 32, null,
            new ShardMap(1), new PacketHandoff[] {null}, null);
    }

    private void start(final boolean tunnelMode, final boolean outerIpv6, final boolean innerIpv6,
        final String algorithm)
    {
        gatewayA = gateway(AhTunnelConfigs.config(true, tunnelMode, outerIpv6, innerIpv6, algorithm, "raw"), lanA,
            wanA, tableA);
        gatewayB = gateway(AhTunnelConfigs.config(false, tunnelMode, outerIpv6, innerIpv6, algorithm, "raw"), lanB,
            wanB, tableB);
    }

    /** @return a packet from side A to side B: between hosts in tunnel mode, the gateways in transport mode. */
    private static byte[] aToB(final boolean tunnelMode, final boolean outerIpv6, final boolean innerIpv6,
        final int payload, final long seed)
    {
        return tunnelMode ?
            Packets.udp(AhTunnelConfigs.host(true, innerIpv6, 5), AhTunnelConfigs.host(false, innerIpv6, 7), payload,
                seed) :
            Packets.udp(AhTunnelConfigs.gateway(true, outerIpv6), AhTunnelConfigs.gateway(false, outerIpv6), payload,
                seed);
    }

    private static int protocolOf(final byte[] packet)
    {
        return (packet[0] & 0xF0) == 0x60 ? packet[6] & 0xFF : packet[9] & 0xFF;
    }

    private static int ahOffset(final byte[] packet)
    {
        return (packet[0] & 0xF0) == 0x60 ? 40 : (packet[0] & 0x0F) * 4;
    }

    @ParameterizedTest(name = "tunnel={0} outer v6={1} inner v6={2} {3}")
    @MethodSource("tunnels")
    void packetsCrossBothWaysAsAhAndArriveUnchanged(final boolean tunnelMode, final boolean outerIpv6,
        final boolean innerIpv6, final String algorithm)
    {
        start(tunnelMode, outerIpv6, innerIpv6, algorithm);
        final List<byte[]> toB = List.of(aToB(tunnelMode, outerIpv6, innerIpv6, 0, 1),
            aToB(tunnelMode, outerIpv6, innerIpv6, 1000, 2), aToB(tunnelMode, outerIpv6, innerIpv6, 77, 3));
        toB.forEach(lanA::inject);

        assertThat(gatewayA.doWork()).isEqualTo(3);
        final List<byte[]> wire = wanA.drain();
        assertThat(wire).hasSize(3);
        for (int i = 0; i < wire.size(); i++)
        {
            final byte[] packet = wire.get(i);
            assertThat(protocolOf(packet)).as("AH on the wire").isEqualTo(IpProtocols.AH);
            final int ah = ahOffset(packet);
            assertThat(ByteBuffer.wrap(packet).getInt(ah + 4)).as("SPI").isEqualTo(SPI_A_TO_B);
            assertThat(ByteBuffer.wrap(packet).getInt(ah + 8)).as("sequence").isEqualTo(i + 1);
            assertThat(packet[ah] & 0xFF).as("next header").isEqualTo(tunnelMode ?
                (innerIpv6 ? IpProtocols.IPV6 : IpProtocols.IPV4) : IpProtocols.UDP);
            assertThat(icvVerifies(packet, AhTunnelConfigs.key(algorithm, 1), algorithm)).as("ICV by the JDK's HMAC")
                .isTrue();
        }
        wire.forEach(wanB::inject);
        gatewayB.doWork();
        assertThat(lanB.drain()).containsExactlyElementsOf(toB);
        final int inB = tableB.findInbound(IpProtocols.AH, SPI_A_TO_B);
        assertThat(tableB.counters().count(inB, Disposition.OK)).isEqualTo(3);

        final byte[] reply = tunnelMode ?
            Packets.udp(AhTunnelConfigs.host(false, innerIpv6, 7), AhTunnelConfigs.host(true, innerIpv6, 5), 50, 4) :
            Packets.udp(AhTunnelConfigs.gateway(false, outerIpv6), AhTunnelConfigs.gateway(true, outerIpv6), 50, 4);
        lanB.inject(reply);
        gatewayB.doWork();
        final byte[] replyWire = wanB.drain().getFirst();
        assertThat(ByteBuffer.wrap(replyWire).getInt(ahOffset(replyWire) + 4)).isEqualTo(SPI_B_TO_A);
        wanA.inject(replyWire);
        gatewayA.doWork();
        assertThat(lanA.drain()).containsExactly(reply);
    }

    /**
     * An independent ICV check: HMAC over the packet with the mutable fields and the ICV zeroed
     * (RFC 4302 §3.3.3.1), truncated to the RFC 4868 length, must equal the ICV sent.
     */
    private static boolean icvVerifies(final byte[] packet, final byte[] key, final String algorithm)
    {
        final byte[] zeroed = packet.clone();
        final int ah = ahOffset(packet);
        if ((packet[0] & 0xF0) == 0x60)
        {
            // Version stays; traffic class, flow label and hop limit are mutable (§3.3.3.1.2.1).
            zeroed[0] = 0x60;
            zeroed[1] = 0;
            zeroed[2] = 0;
            zeroed[3] = 0;
            zeroed[7] = 0;
        }
        else
        {
            // TOS, flags and fragment offset, TTL and checksum are mutable (§3.3.3.1.1.1).
            zeroed[1] = 0;
            zeroed[6] = 0;
            zeroed[7] = 0;
            zeroed[8] = 0;
            zeroed[10] = 0;
            zeroed[11] = 0;
        }
        final int icvLength = switch (algorithm)
        {
            case "sha256" -> 16;
            case "sha384" -> 24;
            default -> 32;
        };
        Arrays.fill(zeroed, ah + 12, ah + 12 + icvLength, (byte)0);
        try
        {
            final String jca = "Hmac" + algorithm.toUpperCase(java.util.Locale.ROOT);
            final Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            final byte[] full = mac.doFinal(zeroed);
            return Arrays.equals(full, 0, icvLength, packet, ah + 12, ah + 12 + icvLength);
        }
        catch (final java.security.GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @ParameterizedTest(name = "tunnel={0} outer v6={1} inner v6={2} {3}")
    @MethodSource("tunnels")
    void replayedTamperedAndUnknownAhIsDroppedAndCountedWhileMutableFieldsMayChange(final boolean tunnelMode,
        final boolean outerIpv6, final boolean innerIpv6, final String algorithm)
    {
        start(tunnelMode, outerIpv6, innerIpv6, algorithm);
        for (int i = 0; i < 4; i++)
        {
            lanA.inject(aToB(tunnelMode, outerIpv6, innerIpv6, 40, i));
        }
        gatewayA.doWork();
        final List<byte[]> wire = wanA.drain();
        final byte[] tampered = wire.get(1).clone();
        tampered[tampered.length - 1] ^= 1;
        final byte[] hopped = wire.get(2).clone();
        // A router on the way lowers the TTL or hop limit: mutable, so the ICV still holds.
        hopped[outerIpv6 ? 7 : 8]--;
        if (!outerIpv6)
        {
            hopped[10] = 0;
            hopped[11] = 0;
            final int checksum = Packets.ipv4Checksum(hopped);
            hopped[10] = (byte)(checksum >> 8);
            hopped[11] = (byte)checksum;
        }
        final byte[] unknown = wire.get(3).clone();
        unknown[ahOffset(unknown) + 7] ^= 0x01;

        wanB.inject(wire.get(0));
        wanB.inject(wire.get(0));
        wanB.inject(tampered);
        wanB.inject(hopped);
        wanB.inject(unknown);
        gatewayB.doWork();

        assertThat(lanB.drain()).hasSize(2);
        final int inB = tableB.findInbound(IpProtocols.AH, SPI_A_TO_B);
        assertThat(tableB.counters().count(inB, Disposition.OK)).isEqualTo(2);
        assertThat(tableB.counters().count(inB, Disposition.REPLAY)).isEqualTo(1);
        assertThat(tableB.counters().count(inB, Disposition.ICV_FAILURE)).isEqualTo(1);
        assertThat(tableB.counters().total(Disposition.NO_SA)).isEqualTo(1);
        assertThat(tableB.counters().total(Disposition.NOT_IPSEC)).as("AH never reaches the ESP engine").isZero();

        // The tampered packet did not advance the window: the genuine one still arrives.
        wanB.inject(wire.get(1));
        gatewayB.doWork();
        assertThat(lanB.drain()).hasSize(1);
    }

    @Test
    void anAhSaOnAUdpWanPortIsAConfigurationErrorNamingTheFileAndLine()
    {
        final DaemonConfig config = AhTunnelConfigs.config(true, true, false, false, "sha256", "udp");
        final PolicyTable policies = new PolicyTable();

        assertThatThrownBy(() -> StaticTunnels.install(config, tableA, new TunnelTable(policies, 8),
            new JdkCryptoEngine()))
            .isInstanceOf(SettingsException.class)
            .hasMessageContaining("ah-test.conf:")
            .hasMessageContaining("is AH")
            .hasMessageContaining("port = udp");
    }

    /** A's tunnel carries at most 1500 - 20 (outer IPv4) - 28 (AH with a 16-byte ICV). */
    @Test
    void theTunnelMtuAccountsForAhAndOversizedPacketsAreFragmentedFirst()
    {
        start(true, false, false, "sha256");
        final byte[] fits = Packets.udp("10.1.0.5", "10.2.0.7", 1452 - 28, 1);
        final byte[] tooBig = Packets.udp("10.1.0.5", "10.2.0.7", 1452 - 27, 2);
        tooBig[6] = 0;
        tooBig[10] = 0;
        tooBig[11] = 0;
        final int checksum = Packets.ipv4Checksum(tooBig);
        tooBig[10] = (byte)(checksum >> 8);
        tooBig[11] = (byte)checksum;
        lanA.inject(fits);
        lanA.inject(tooBig);

        gatewayA.doWork();

        final List<byte[]> wire = wanA.drain();
        assertThat(wire).hasSize(3).allSatisfy(packet -> assertThat(packet.length).isLessThanOrEqualTo(1500));
        assertThat(wire.getFirst().length).isEqualTo(1500);
        assertThat(tableA.counters().total(Disposition.FRAGMENTED)).isEqualTo(1);
        wire.forEach(wanB::inject);
        gatewayB.doWork();
        assertThat(lanB.drain()).hasSize(3).first().isEqualTo(fits);
    }
}
