package io.torii.dataplane.ah;

import static io.torii.dataplane.ah.TestPackets.IP_OFFSET;
import static io.torii.dataplane.ah.TestPackets.frame;
import static io.torii.dataplane.ah.TestPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AhMutableFieldsIpv4Test
{
    // TOS 0xb8, DF set, TTL 64, checksum 0xabcd, protocol AH, 192.0.2.1 -> 198.51.100.2.
    private static final String FIXED = "b8 0054 | 1234 4000 | 40 33 abcd | c0000201 | c6336402";
    private static final String FIXED_ZEROED = "00 0054 | 1234 0000 | 00 33 0000 | c0000201 | c6336402";

    static Stream<Arguments> zeroed()
    {
        return Stream.of(
            Arguments.of("no options",
                "45 " + FIXED,
                "45 " + FIXED_ZEROED),
            Arguments.of("reserved flag and DF, every TOS, TTL and checksum bit",
                "45 ff 0054 | 1234 c000 | ff 33 ffff | c0000201 | c6336402",
                "45 00 0054 | 1234 0000 | 00 33 0000 | c0000201 | c6336402"),
            Arguments.of("router alert is immutable",
                "46 " + FIXED + " | 94 04 0000",
                "46 " + FIXED_ZEROED + " | 94 04 0000"),
            Arguments.of("security, extended and commercial security, SDMDD are immutable",
                "4c " + FIXED + " | 82 0b 0102030405060708 09 | 01 | 85 04 aabb | 86 06 01020304 | 95 04 cdef | 00 00",
                "4c " + FIXED_ZEROED + " | 82 0b 0102030405060708 09 | 01 | 85 04 aabb | 86 06 01020304 | 95 04 cdef" +
                    " | 00 00"),
            Arguments.of("record route is zeroed whole",
                "48 " + FIXED + " | 07 0b 08 c0000201 00000000 | 00",
                "48 " + FIXED_ZEROED + " | 00 00 00 00000000 00000000 | 00"),
            Arguments.of("timestamp is zeroed whole",
                "48 " + FIXED + " | 44 0c 09 01 11223344 55667788",
                "48 " + FIXED_ZEROED + " | 00 00 00 00 00000000 00000000"),
            Arguments.of("unknown option is zeroed whole",
                "46 " + FIXED + " | 9e 04 ffff",
                "46 " + FIXED_ZEROED + " | 00 00 0000"),
            Arguments.of("mixed: NOP and router alert kept, record route zeroed, bytes after EOL kept",
                "49 " + FIXED + " | 01 | 94 04 0000 | 07 07 04 c0000201 | 00 | aa bb 00",
                "49 " + FIXED_ZEROED + " | 01 | 94 04 0000 | 00 00 00 00000000 | 00 | aa bb 00"),
            Arguments.of("loose source route under way: destination becomes the last hop",
                "48 " + FIXED + " | 83 0b 04 cb007105 cb007109 | 00",
                "48 00 0054 | 1234 0000 | 00 33 0000 | c0000201 | cb007109 | 00 00 00 00000000 00000000 | 00"),
            Arguments.of("strict source route finished: destination already final",
                "47 " + FIXED + " | 89 07 08 cb007105 | 00",
                "47 " + FIXED_ZEROED + " | 00 00 00 00000000 | 00"),
            Arguments.of("empty source route",
                "46 " + FIXED + " | 83 03 04 00",
                "46 " + FIXED_ZEROED + " | 00 00 00 00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroed")
    void zeroesExactlyTheMutableFieldsAndRestoresTheOriginal(
        final String name, final String header, final String expectedHeader)
    {
        final byte[] original = frame(hex(header));
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes);
        final int ahOffset = IP_OFFSET + hex(header).length;
        final MutableFieldsSave save = new MutableFieldsSave();

        final int status = AhMutableFields.zero(packet, IP_OFFSET, ahOffset, save);

        assertThat(status).isEqualTo(AhMutableFields.OK);
        assertThat(bytes).isEqualTo(frame(hex(expectedHeader)));
        assertThat(packet.position()).isZero();
        assertThat(packet.limit()).isEqualTo(original.length);

        AhMutableFields.restore(packet, save);

        assertThat(bytes).isEqualTo(original);
        assertThat(save.isEmpty()).isTrue();
    }

    static Stream<Arguments> refused()
    {
        final String base = FIXED;
        return Stream.of(
            Arguments.of("IHL 4", "44 " + base, 20, AhMutableFields.MALFORMED),
            Arguments.of("IHL 0", "40 " + base, 20, AhMutableFields.MALFORMED),
            Arguments.of("IHL past the AH offset", "46 " + base + " | 01010101", 20, AhMutableFields.MALFORMED),
            Arguments.of("IHL short of the AH offset", "45 " + base + " | 01010101", 24, AhMutableFields.MALFORMED),
            Arguments.of("AH offset inside the fixed header", "45 " + base, 12, AhMutableFields.MALFORMED),
            Arguments.of("protocol is not AH", "45 b8 0054 1234 4000 40 06 abcd c0000201 c6336402", 20,
                AhMutableFields.MALFORMED),
            Arguments.of("version 5", "55 " + base, 20, AhMutableFields.MALFORMED),
            Arguments.of("first fragment (more fragments)", "45 b8 0054 1234 2000 40 33 abcd c0000201 c6336402", 20,
                AhMutableFields.MALFORMED),
            Arguments.of("last fragment (offset)", "45 b8 0054 1234 4001 40 33 abcd c0000201 c6336402", 20,
                AhMutableFields.MALFORMED),
            Arguments.of("option length 0", "46 " + base + " | 07 00 0000", 24, AhMutableFields.MALFORMED),
            Arguments.of("option length 1", "46 " + base + " | 07 01 0000", 24, AhMutableFields.MALFORMED),
            Arguments.of("immutable option length 1", "46 " + base + " | 94 01 0000", 24, AhMutableFields.MALFORMED),
            Arguments.of("option runs past the header", "46 " + base + " | 07 08 0400", 24,
                AhMutableFields.MALFORMED),
            Arguments.of("option type without a length byte", "46 " + base + " | 01 01 01 07", 24,
                AhMutableFields.MALFORMED),
            Arguments.of("record route zeroed, then a bad option",
                "47 " + base + " | 07 07 04 00000000 | 44", 28, AhMutableFields.MALFORMED),
            Arguments.of("source route length not 3 + 4n", "47 " + base + " | 83 06 04 000000 | 0000", 28,
                AhMutableFields.MALFORMED),
            Arguments.of("source route pointer 3", "47 " + base + " | 83 07 03 c0000202 | 00", 28,
                AhMutableFields.MALFORMED),
            Arguments.of("source route pointer not on an address", "47 " + base + " | 83 07 05 c0000202 | 00", 28,
                AhMutableFields.MALFORMED),
            Arguments.of("two source routes", "49 " + base + " | 83 07 04 cb007105 | 89 07 08 cb007109 | 0000", 36,
                AhMutableFields.MALFORMED),
            Arguments.of("source route pointer far past the end", "47 " + base + " | 83 07 0c c0000202 | 00", 28,
                AhMutableFields.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesAndLeavesThePacketUntouched(
        final String name, final String header, final int ahLength, final int expectedStatus)
    {
        final byte[] original = frame(hex(header));
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes);
        final MutableFieldsSave save = new MutableFieldsSave();

        final int status = AhMutableFields.zero(packet, IP_OFFSET, IP_OFFSET + ahLength, save);

        assertThat(status).isEqualTo(expectedStatus);
        assertThat(bytes).isEqualTo(original);
        assertThat(save.isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("smallCapacities")
    void saveAreaOverflowIsAStatusAndLeavesThePacketUntouched(final int capacity)
    {
        // 6 fixed bytes, 4 for the destination, 11 for the option: 21 in all.
        final byte[] original = frame(hex("48 " + FIXED + " | 83 0b 04 cb007105 cb007109 | 00"));
        final byte[] bytes = original.clone();
        final MutableFieldsSave save = new MutableFieldsSave(capacity);

        final int status = AhMutableFields.zero(ByteBuffer.wrap(bytes), IP_OFFSET, IP_OFFSET + 32, save);

        assertThat(status).isEqualTo(AhMutableFields.SAVE_AREA_FULL);
        assertThat(bytes).isEqualTo(original);
        assertThat(save.isEmpty()).isTrue();
    }

    static Stream<Integer> smallCapacities()
    {
        return Stream.of(1, 5, 6, 9, 10, 20);
    }

    @ParameterizedTest(name = "capacity {0}")
    @MethodSource("exactCapacities")
    void saveAreaOfExactlyTheMutableBytesIsEnough(final int capacity)
    {
        final byte[] original = frame(hex("48 " + FIXED + " | 83 0b 04 cb007105 cb007109 | 00"));
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes);
        final MutableFieldsSave save = new MutableFieldsSave(capacity);

        assertThat(AhMutableFields.zero(packet, IP_OFFSET, IP_OFFSET + 32, save)).isEqualTo(AhMutableFields.OK);
        assertThat(save.savedBytes()).isEqualTo(21);
        AhMutableFields.restore(packet, save);
        assertThat(bytes).isEqualTo(original);
    }

    static Stream<Integer> exactCapacities()
    {
        return Stream.of(21, 22, MutableFieldsSave.DEFAULT_CAPACITY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroed")
    void mutableFieldsDoNotAffectTheIcvForm(final String name, final String header, final String expectedHeader)
    {
        final byte[] sent = frame(hex(header));
        final byte[] received = sent.clone();
        // What routers may do: rewrite DSCP/ECN, set DF, decrement TTL, recompute the checksum.
        received[IP_OFFSET + 1] ^= 0x03;
        received[IP_OFFSET + 6] |= 0x40;
        received[IP_OFFSET + 8]--;
        received[IP_OFFSET + 10] ^= 0x5a;
        final int ahOffset = IP_OFFSET + hex(header).length;

        assertThat(AhMutableFields.zero(ByteBuffer.wrap(sent), IP_OFFSET, ahOffset, new MutableFieldsSave()))
            .isEqualTo(AhMutableFields.OK);
        assertThat(AhMutableFields.zero(ByteBuffer.wrap(received), IP_OFFSET, ahOffset, new MutableFieldsSave()))
            .isEqualTo(AhMutableFields.OK);
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void sourceRouteGivesTheSameFormAtTheSenderAndAtTheFinalDestination()
    {
        // Sender: to R1 (198.51.100.2), then R2 (203.0.113.5), then D (203.0.113.9).
        final String sent = "48 " + FIXED + " | 83 0b 04 cb007105 cb007109 | 00";
        // Arrived: each hop moved the next address into the destination and recorded its own
        // address (R1 out 198.51.100.254, R2 out 203.0.113.254) in its place; pointer past the end.
        final String arrived = "48 b8 0054 | 1234 4000 | 3e 33 9999 | c0000201 | cb007109" +
            " | 83 0b 0c c63364fe cb0071fe | 00";
        final byte[] atSender = frame(hex(sent));
        final byte[] atReceiver = frame(hex(arrived));
        final int ahOffset = IP_OFFSET + 32;

        assertThat(AhMutableFields.zero(ByteBuffer.wrap(atSender), IP_OFFSET, ahOffset, new MutableFieldsSave()))
            .isEqualTo(AhMutableFields.OK);
        assertThat(AhMutableFields.zero(ByteBuffer.wrap(atReceiver), IP_OFFSET, ahOffset, new MutableFieldsSave()))
            .isEqualTo(AhMutableFields.OK);
        assertThat(atReceiver).isEqualTo(atSender);
    }
}
