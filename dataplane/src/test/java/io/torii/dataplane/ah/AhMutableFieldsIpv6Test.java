package io.torii.dataplane.ah;

import static io.torii.dataplane.ah.TestPackets.IPV6_DESTINATION;
import static io.torii.dataplane.ah.TestPackets.IP_OFFSET;
import static io.torii.dataplane.ah.TestPackets.address;
import static io.torii.dataplane.ah.TestPackets.frame;
import static io.torii.dataplane.ah.TestPackets.hex;
import static io.torii.dataplane.ah.TestPackets.ipv6;
import static io.torii.dataplane.ah.TestPackets.ipv6Zeroed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AhMutableFieldsIpv6Test
{
    private static final int HOP_BY_HOP = 0x00;
    private static final int ROUTING = 0x2b;
    private static final int FRAGMENT = 0x2c;
    private static final int DESTINATION_OPTIONS = 0x3c;
    private static final int AH = 0x33;
    private static final int MOBILITY = 0x87;

    // A three-hop type 0 route to A13 through A10, A11, A12: the same packet at each stage.
    private static final String RH0_AT_SENDER =
        ipv6(ROUTING, address(0x10)) + " | 33 06 00 03 00000000 " + address(0x11) + address(0x12) + address(0x13);
    private static final String RH0_AFTER_ONE_HOP =
        ipv6(ROUTING, address(0x11)) + " | 33 06 00 02 00000000 " + address(0x10) + address(0x12) + address(0x13);
    private static final String RH0_AFTER_TWO_HOPS =
        ipv6(ROUTING, address(0x12)) + " | 33 06 00 01 00000000 " + address(0x10) + address(0x11) + address(0x13);
    private static final String RH0_ARRIVED =
        ipv6(ROUTING, address(0x13)) + " | 33 06 00 00 00000000 " + address(0x10) + address(0x11) + address(0x12);
    private static final String RH0_ICV_FORM =
        ipv6Zeroed(ROUTING, address(0x13)) + " | 33 06 00 00 00000000 " + address(0x10) + address(0x11) +
        address(0x12);

    // Mobile IPv6: sent to the care-of address A20, carrying the home address A21.
    private static final String RH2_ICV_FORM = ipv6Zeroed(ROUTING, address(0x21)) + " | 33 02 02 00 00000000 " +
        address(0x20);

    static Stream<Arguments> zeroed()
    {
        return Stream.of(
            Arguments.of("no extension headers",
                ipv6(AH, IPV6_DESTINATION),
                ipv6Zeroed(AH, IPV6_DESTINATION)),
            Arguments.of("hop-by-hop: mutable option data zeroed, router alert, Pad1 and PadN kept",
                ipv6(HOP_BY_HOP, IPV6_DESTINATION) + " | 33 01 | 3e 04 11223344 | 05 02 0000 | 00 | 01 01 00",
                ipv6Zeroed(HOP_BY_HOP, IPV6_DESTINATION) + " | 33 01 | 3e 04 00000000 | 05 02 0000 | 00 | 01 01 00"),
            Arguments.of("hop-by-hop: immutable option kept",
                ipv6(HOP_BY_HOP, IPV6_DESTINATION) + " | 33 00 | c2 04 00012345",
                ipv6Zeroed(HOP_BY_HOP, IPV6_DESTINATION) + " | 33 00 | c2 04 00012345"),
            Arguments.of("hop-by-hop: mutable option with no data",
                ipv6(HOP_BY_HOP, IPV6_DESTINATION) + " | 33 00 | 3e 00 | 01 02 0000",
                ipv6Zeroed(HOP_BY_HOP, IPV6_DESTINATION) + " | 33 00 | 3e 00 | 01 02 0000"),
            Arguments.of("destination options: one of each kind",
                ipv6(DESTINATION_OPTIONS, IPV6_DESTINATION) + " | 33 01 | 1e 02 aabb | 7f 04 cafebabe | 01 02 0000",
                ipv6Zeroed(DESTINATION_OPTIONS, IPV6_DESTINATION) +
                    " | 33 01 | 1e 02 aabb | 7f 04 00000000 | 01 02 0000"),
            Arguments.of("hop-by-hop, destination options, routing done, destination options",
                ipv6(HOP_BY_HOP, IPV6_DESTINATION) + " | 3c 00 | 01 04 00000000 | 2b 00 | 3e 04 01020304" +
                    " | 3c 02 00 00 00000000 " + address(1) + " | 33 00 | 01 04 00000000",
                ipv6Zeroed(HOP_BY_HOP, IPV6_DESTINATION) + " | 3c 00 | 01 04 00000000 | 2b 00 | 3e 04 00000000" +
                    " | 3c 02 00 00 00000000 " + address(1) + " | 33 00 | 01 04 00000000"),
            Arguments.of("routing type 0 at the sender", RH0_AT_SENDER, RH0_ICV_FORM),
            Arguments.of("routing type 0 after one hop", RH0_AFTER_ONE_HOP, RH0_ICV_FORM),
            Arguments.of("routing type 0 after two hops", RH0_AFTER_TWO_HOPS, RH0_ICV_FORM),
            Arguments.of("routing type 0 arrived", RH0_ARRIVED, RH0_ICV_FORM),
            Arguments.of("routing type 0 without addresses",
                ipv6(ROUTING, IPV6_DESTINATION) + " | 33 00 00 00 00000000",
                ipv6Zeroed(ROUTING, IPV6_DESTINATION) + " | 33 00 00 00 00000000"),
            Arguments.of("routing type 2 as sent",
                ipv6(ROUTING, address(0x20)) + " | 33 02 02 01 00000000 " + address(0x21), RH2_ICV_FORM),
            Arguments.of("routing type 2 already processed",
                ipv6(ROUTING, address(0x21)) + " | 33 02 02 00 00000000 " + address(0x20), RH2_ICV_FORM),
            Arguments.of("routing type 0 under hop-by-hop with a mutable option",
                ipv6(HOP_BY_HOP, address(0x10)) + " | 2b 00 | 3e 04 99999999 | 33 04 00 02 00000000 " +
                    address(0x11) + address(0x12),
                ipv6Zeroed(HOP_BY_HOP, address(0x12)) + " | 2b 00 | 3e 04 00000000 | 33 04 00 00 00000000 " +
                    address(0x10) + address(0x11)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroed")
    void zeroesExactlyTheMutableFieldsAndRestoresTheOriginal(
        final String name, final String headers, final String expectedHeaders)
    {
        final byte[] original = frame(hex(headers));
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes);
        final MutableFieldsSave save = new MutableFieldsSave();

        final int status = AhMutableFields.zero(packet, IP_OFFSET, IP_OFFSET + hex(headers).length, save);

        assertThat(status).isEqualTo(AhMutableFields.OK);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(HexFormat.of().formatHex(frame(hex(expectedHeaders))));
        assertThat(packet.position()).isZero();
        assertThat(packet.limit()).isEqualTo(original.length);

        AhMutableFields.restore(packet, save);

        assertThat(bytes).isEqualTo(original);
        assertThat(save.isEmpty()).isTrue();
    }

    static Stream<Arguments> refused()
    {
        final String dst = IPV6_DESTINATION;
        final int malformed = AhMutableFields.MALFORMED;
        final int unsupported = AhMutableFields.UNSUPPORTED;
        return Stream.of(
            Arguments.of("fragment header", ipv6(FRAGMENT, dst) + " | 33 00 0000 12345678", 48, malformed),
            Arguments.of("fragment after hop-by-hop",
                ipv6(HOP_BY_HOP, dst) + " | 2c 00 | 3e 04 01020304 | 33 00 0000 12345678", 56, malformed),
            Arguments.of("shorter than the IPv6 header", ipv6(AH, dst), 39, malformed),
            Arguments.of("chain ends before the AH offset",
                ipv6(AH, dst) + " | 3c 00 01 04 00000000", 48, malformed),
            Arguments.of("extension header runs past the AH offset",
                ipv6(DESTINATION_OPTIONS, dst) + " | 33 01 | 01 0c 000000000000000000000000", 48, malformed),
            Arguments.of("no room for an extension header before the AH offset",
                ipv6(DESTINATION_OPTIONS, dst) + " | 33 00 01 04", 44, malformed),
            Arguments.of("chain ends at the AH offset but does not name AH",
                ipv6(DESTINATION_OPTIONS, dst) + " | 06 00 | 01 04 00000000", 48, malformed),
            Arguments.of("upper-layer header instead of AH", ipv6(0x06, dst), 40, malformed),
            Arguments.of("hop-by-hop not first",
                ipv6(DESTINATION_OPTIONS, dst) + " | 00 00 | 01 04 00000000 | 33 00 | 01 04 00000000", 56, malformed),
            Arguments.of("option data runs past its header",
                ipv6(DESTINATION_OPTIONS, dst) + " | 33 00 | 3e 05 00000000", 48, malformed),
            Arguments.of("option type without a length byte",
                ipv6(DESTINATION_OPTIONS, dst) + " | 33 00 | 01 02 0000 | 00 | 3e", 48, malformed),
            Arguments.of("mutable option zeroed, then a bad option",
                ipv6(HOP_BY_HOP, dst) + " | 33 01 | 3e 04 11223344 | 01 07 0000 00000000", 56, malformed),
            Arguments.of("routing type 0 with an odd length",
                ipv6(ROUTING, dst) + " | 33 01 00 00 00000000 0000000000000000", 56, malformed),
            Arguments.of("routing type 0 with segments left past its addresses",
                ipv6(ROUTING, dst) + " | 33 02 00 02 00000000 " + address(1), 64, malformed),
            Arguments.of("routing type 2 with two addresses",
                ipv6(ROUTING, dst) + " | 33 04 02 01 00000000 " + address(1) + address(2), 80, malformed),
            Arguments.of("routing type 2 with segments left 2",
                ipv6(ROUTING, dst) + " | 33 02 02 02 00000000 " + address(1), 64, malformed),
            Arguments.of("two routing headers",
                ipv6(ROUTING, dst) + " | 2b 00 00 00 00000000 | 33 00 00 00 00000000", 56, malformed),
            Arguments.of("routing type 4 (segment routing)",
                ipv6(ROUTING, dst) + " | 33 02 04 00 00 00 0000 " + address(1), 64, unsupported),
            Arguments.of("routing type 3 (RPL) under way",
                ipv6(ROUTING, dst) + " | 33 02 03 01 00000000 " + address(1), 64, unsupported),
            Arguments.of("home address option",
                ipv6(DESTINATION_OPTIONS, dst) + " | 33 02 | 01 02 0000 | c9 10 " + address(0x21), 64, unsupported),
            Arguments.of("mobility header before AH", ipv6(MOBILITY, dst) + " | 33 00 0000 00000000", 48, unsupported),
            Arguments.of("experimental extension header before AH",
                ipv6(0xfd, dst) + " | 33 00 0000 00000000", 48, unsupported));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesAndLeavesThePacketUntouched(
        final String name, final String headers, final int ahLength, final int expectedStatus)
    {
        final byte[] original = frame(hex(headers));
        final byte[] bytes = original.clone();
        final MutableFieldsSave save = new MutableFieldsSave();

        final int status = AhMutableFields.zero(ByteBuffer.wrap(bytes), IP_OFFSET, IP_OFFSET + ahLength, save);

        assertThat(status).isEqualTo(expectedStatus);
        assertThat(bytes).isEqualTo(original);
        assertThat(save.isEmpty()).isTrue();
    }

    static Stream<Arguments> capacities()
    {
        // Hop-by-hop of 256 bytes holding one mutable option with 252 data bytes: 4 + 1 + 252 to save.
        final StringBuilder bigOption = new StringBuilder(ipv6(HOP_BY_HOP, IPV6_DESTINATION) + " | 33 1f | 3e fc ");
        bigOption.append("5a".repeat(252));
        // A route with three addresses still to visit: 4 + 1 + 1 + 16 + 48 to save.
        return Stream.of(
            Arguments.of("big mutable option", bigOption.toString(), 4, AhMutableFields.SAVE_AREA_FULL),
            Arguments.of("big mutable option", bigOption.toString(), 64, AhMutableFields.SAVE_AREA_FULL),
            Arguments.of("big mutable option", bigOption.toString(), 256, AhMutableFields.SAVE_AREA_FULL),
            Arguments.of("big mutable option", bigOption.toString(), 257, AhMutableFields.OK),
            Arguments.of("route", RH0_AT_SENDER, 5, AhMutableFields.SAVE_AREA_FULL),
            Arguments.of("route", RH0_AT_SENDER, 6, AhMutableFields.SAVE_AREA_FULL),
            Arguments.of("route", RH0_AT_SENDER, 22, AhMutableFields.SAVE_AREA_FULL),
            Arguments.of("route", RH0_AT_SENDER, 69, AhMutableFields.SAVE_AREA_FULL),
            Arguments.of("route", RH0_AT_SENDER, 70, AhMutableFields.OK));
    }

    @ParameterizedTest(name = "{0}, capacity {2}")
    @MethodSource("capacities")
    void saveAreaOverflowIsAStatusAndLeavesThePacketUntouched(
        final String name, final String headers, final int capacity, final int expectedStatus)
    {
        final byte[] original = frame(hex(headers));
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes);
        final MutableFieldsSave save = new MutableFieldsSave(capacity);

        final int status = AhMutableFields.zero(packet, IP_OFFSET, IP_OFFSET + hex(headers).length, save);

        assertThat(status).isEqualTo(expectedStatus);
        if (status == AhMutableFields.OK)
        {
            assertThat(bytes).isNotEqualTo(original);
            AhMutableFields.restore(packet, save);
        }
        assertThat(bytes).isEqualTo(original);
        assertThat(save.isEmpty()).isTrue();
    }

    /**
     * Walks a type 0 route hop by hop as RFC 8200 §4.4 describes it (swap the destination with the
     * next address, decrement segments left; routers also lower the hop limit) and checks that the
     * packet has the same ICV form at every stage.
     */
    @ParameterizedTest(name = "{0} addresses")
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void routingTypeZeroHasOneIcvFormAlongTheWholeRoute(final int addresses)
    {
        final StringBuilder headers = new StringBuilder(ipv6(ROUTING, address(0x100)));
        headers.append(String.format(" | 33 %02x 00 %02x 00000000", addresses * 2, addresses));
        for (int i = 1; i <= addresses; i++)
        {
            headers.append(address(0x100 + i));
        }
        final byte[] packet = frame(hex(headers.toString()));
        final int routing = IP_OFFSET + 40;
        final int ahOffset = routing + 8 + addresses * 16;
        final byte[] expected = icvForm(packet, ahOffset);
        assertThat(Arrays.copyOfRange(expected, IP_OFFSET + 24, IP_OFFSET + 40))
            .isEqualTo(hex(address(0x100 + addresses)));

        for (int hop = 0; hop < addresses; hop++)
        {
            final int segmentsLeft = packet[routing + 3];
            final int next = routing + 8 + (addresses - segmentsLeft) * 16;
            for (int b = 0; b < 16; b++)
            {
                final byte swap = packet[IP_OFFSET + 24 + b];
                packet[IP_OFFSET + 24 + b] = packet[next + b];
                packet[next + b] = swap;
            }
            packet[routing + 3] = (byte)(segmentsLeft - 1);
            packet[IP_OFFSET + 7]--;

            assertThat(icvForm(packet, ahOffset)).as("after hop %d", hop + 1).isEqualTo(expected);
        }
    }

    private static byte[] icvForm(final byte[] packet, final int ahOffset)
    {
        final byte[] copy = packet.clone();
        assertThat(AhMutableFields.zero(ByteBuffer.wrap(copy), IP_OFFSET, ahOffset, new MutableFieldsSave()))
            .isEqualTo(AhMutableFields.OK);
        return copy;
    }
}
