package io.torii.dataplane.ah;

import static io.torii.dataplane.ah.TestPackets.IPV6_DESTINATION;
import static io.torii.dataplane.ah.TestPackets.IP_OFFSET;
import static io.torii.dataplane.ah.TestPackets.frame;
import static io.torii.dataplane.ah.TestPackets.hex;
import static io.torii.dataplane.ah.TestPackets.ipv6;
import static io.torii.dataplane.ah.TestPackets.ipv6Zeroed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.status.Disposition;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AhMutableFieldsTest
{
    private static final String IPV4 = "45 b8 0054 1234 4000 40 33 abcd c0000201 c6336402";

    @ParameterizedTest(name = "ipOffset {0}, ahOffset {1}, limit {2}")
    @CsvSource({
        "-1, 20, 60",
        "0, 0, 60",
        "20, 0, 60",
        "0, 20, 19",
        "0, 61, 60",
        "0, 20, 0",
    })
    void offsetsOutsideTheBufferAreMalformed(final int ipOffset, final int ahOffset, final int limit)
    {
        final byte[] original = new byte[60];
        System.arraycopy(hex(IPV4), 0, original, 0, 20);
        final byte[] bytes = original.clone();
        final ByteBuffer packet = ByteBuffer.wrap(bytes).limit(limit);

        assertThat(AhMutableFields.zero(packet, ipOffset, ahOffset, new MutableFieldsSave()))
            .isEqualTo(AhMutableFields.MALFORMED);
        assertThat(bytes).isEqualTo(original);
    }

    @Test
    void worksOnDirectBuffersAndLeavesPositionLimitAndOrderAlone()
    {
        final byte[] original = frame(hex(ipv6(0x33, IPV6_DESTINATION)));
        final ByteBuffer packet = ByteBuffer.allocateDirect(original.length + 10);
        packet.put(original).position(3).limit(original.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        final MutableFieldsSave save = new MutableFieldsSave();

        final int status = AhMutableFields.zero(packet, IP_OFFSET, IP_OFFSET + 40, save);

        assertThat(status).isEqualTo(AhMutableFields.OK);
        assertThat(packet.position()).isEqualTo(3);
        assertThat(packet.limit()).isEqualTo(original.length + 4);
        assertThat(packet.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(contents(packet, original.length)).isEqualTo(frame(hex(ipv6Zeroed(0x33, IPV6_DESTINATION))));

        AhMutableFields.restore(packet, save);

        assertThat(contents(packet, original.length)).isEqualTo(original);
    }

    @ParameterizedTest(name = "flags and offset {0}, {1} -> {2}")
    @CsvSource({
        "4000, BIG_ENDIAN, 0",
        "4000, LITTLE_ENDIAN, 0",
        "8000, LITTLE_ENDIAN, 0",
        "2000, BIG_ENDIAN, 1",
        "2000, LITTLE_ENDIAN, 1",
        "0001, LITTLE_ENDIAN, 1",
        "0100, LITTLE_ENDIAN, 1",
    })
    void ipv4FragmentsAreRefusedWhateverTheBufferByteOrder(
        final String flagsAndOffset, final String order, final int expectedStatus)
    {
        final byte[] bytes = frame(hex("45 b8 0054 1234 " + flagsAndOffset + " 40 33 abcd c0000201 c6336402"));
        final ByteBuffer packet = ByteBuffer.wrap(bytes)
            .order(order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);

        assertThat(AhMutableFields.zero(packet, IP_OFFSET, IP_OFFSET + 20, new MutableFieldsSave()))
            .isEqualTo(expectedStatus);
    }

    @Test
    void zeroDiscardsAnUnrestoredSaveAndRestoreTwiceIsHarmless()
    {
        final byte[] first = frame(hex(IPV4));
        final byte[] second = frame(hex(ipv6(0x33, IPV6_DESTINATION)));
        final byte[] secondOriginal = second.clone();
        final MutableFieldsSave save = new MutableFieldsSave();

        assertThat(AhMutableFields.zero(ByteBuffer.wrap(first), IP_OFFSET, IP_OFFSET + 20, save))
            .isEqualTo(AhMutableFields.OK);
        assertThat(AhMutableFields.zero(ByteBuffer.wrap(second), IP_OFFSET, IP_OFFSET + 40, save))
            .isEqualTo(AhMutableFields.OK);
        // Only the IPv6 bytes: 4 for version, class and flow, 1 for the hop limit.
        assertThat(save.savedBytes()).isEqualTo(5);

        AhMutableFields.restore(ByteBuffer.wrap(second), save);
        AhMutableFields.restore(ByteBuffer.wrap(second), save);

        assertThat(second).isEqualTo(secondOriginal);
        assertThat(save.savedBytes()).isZero();
    }

    @ParameterizedTest(name = "payload length {0} -> {1} bytes")
    @CsvSource({
        "1, 12",    // no ICV
        "4, 24",    // 12-byte ICV (HMAC-SHA1-96, AES-XCBC-MAC-96), IPv4 and IPv6
        "5, 28",    // 16-byte ICV (HMAC-SHA-256-128) over IPv4
        "6, 32",    // the same padded to 8 bytes over IPv6
        "7, 36",    // 24-byte ICV (HMAC-SHA-384-192)
        "9, 44",    // 32-byte ICV (HMAC-SHA-512-256)
        "255, 1028",
    })
    void ahHeaderLengthComesFromThePayloadLengthField(final int payloadLength, final int expected)
    {
        final ByteBuffer packet = ByteBuffer.wrap(hex("eeee 33 00 0000 00001234 00000001"));
        packet.put(2 + AhMutableFields.PAYLOAD_LENGTH_OFFSET, (byte)payloadLength);

        assertThat(AhMutableFields.ahHeaderLength(packet, 2)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ahOffset {0}, limit {1}")
    @CsvSource({
        "-1, 16",
        "15, 16",
        "16, 16",
        "3, 4",
    })
    void ahHeaderLengthOutsideTheBufferIsMinusOne(final int ahOffset, final int limit)
    {
        final ByteBuffer packet = ByteBuffer.wrap(new byte[16]).limit(limit);

        assertThat(AhMutableFields.ahHeaderLength(packet, ahOffset)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, OK",
        "1, MALFORMED",
        "2, UNSUPPORTED",
        "3, TOO_BIG",
    })
    void statusesMapToDispositions(final int status, final Disposition expected)
    {
        assertThat(AhMutableFields.disposition(status)).isEqualTo(expected);
    }

    @Test
    void saveAreaNeedsAPositiveCapacity()
    {
        assertThatThrownBy(() -> new MutableFieldsSave(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at least 1");
        assertThat(new MutableFieldsSave(7).capacity()).isEqualTo(7);
        assertThat(new MutableFieldsSave().capacity()).isEqualTo(MutableFieldsSave.DEFAULT_CAPACITY);
    }

    private static byte[] contents(final ByteBuffer packet, final int length)
    {
        final byte[] bytes = new byte[length];
        packet.get(0, bytes);
        return bytes;
    }
}
